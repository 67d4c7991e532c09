/** docs/authz-matrix.md, generated from the permissions table (npm run docs:authz). */
import { ACTION_DESCRIPTIONS, PERMISSIONS, ROLES, scopeOf, type Action } from './permissions';

const CELL = { any: 'all', own_institution: 'own institution', own_organisation: 'own organisation', self: 'own account' } as const;

export function authzMatrixMarkdown(): string {
  const header = `| action | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = (Object.keys(PERMISSIONS) as Action[]).map((action) =>
    `| \`${action}\` — ${ACTION_DESCRIPTIONS[action]} | ${ROLES.map((role) => { const s = scopeOf(action, role); return s ? CELL[s] : '—'; }).join(' | ')} |`);
  return [
    '# Authorization matrix',
    '',
    'Generated from `shared/permissions.ts` by `npm run docs:authz`; a test fails when this file is out of date.',
    '',
    'A cell says where a role may act: **all** records, records of an institution where the person holds that',
    'role (**own institution**), records of a participating organisation the person writes for (**own organisation**),',
    'or the person\'s **own account**. A dash is a refusal: access is denied by default.',
    'A person holds the permissions of every role they have (`authenticated` is anyone signed in).',
    'Without login a protected endpoint answers 401; a signed-in person without the permission gets 403, or 404',
    'where they may not know that the record exists.',
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}
