/**
 * The web app shows what the server says the person may do (GET /auth/me's
 * `capabilities`, asked through can()), never what it works out from role
 * names: no file of app/ outside its tests names a role or compares `.role`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/permissions';
import type { SessionUser } from '../../shared/users';
import { can, institutionsWhere } from './permissions';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The places a file decides by role: a role name in quotes, or `.role` compared or looked up. */
export function roleChecks(source: string): string[] {
  const names = ROLES.join('|');
  const patterns = [
    new RegExp(`['"\`](?:${names})['"\`]`, 'g'),
    /\.role\s*[!=]==?|[!=]==?\s*[\w.?]*\.role\b/g,
    /\.includes\(\s*[\w.?]*\.role\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[0]));
}

function me(capabilities: SessionUser['capabilities'], userId = 7): SessionUser {
  return {
    user: { id: userId, email: 'ana@example.org', display_name: 'Ana', locale: 'es', memberships: [] },
    second_factor: { enabled: false, setup_required: false },
    csrf_token: 'token',
    capabilities,
  };
}

describe('no role names in the web app', () => {
  it('finds the checks it looks for', () => {
    expect(roleChecks(`membershipsOf(me).some((m) => m.role === 'administrator')`)).toEqual(["'administrator'", '.role ===']);
    expect(roleChecks('if ("secretariat" == kind) {}')).toEqual(['"secretariat"']);
    expect(roleChecks('const ok = [a, b].includes(m.role);')).toEqual(['.includes(m.role)']);
    expect(roleChecks("t(`auth.roles.${m.role}`, { defaultValue: m.role })")).toEqual([]);
  });

  it('no file of app/ decides by role: it asks can() from app/lib/permissions.ts', () => {
    const found = sourceFiles(appDir).flatMap((file) => roleChecks(fs.readFileSync(file, 'utf8'))
      .map((check) => `${path.relative(appDir, file)}: ${check}`));
    expect(found).toEqual([]);
  });
});

describe('can()', () => {
  const focal = me([
    { permission: 'action:create', scope: 'own_institution', institution_ids: [3, 5] },
    { permission: 'contribution:create', scope: 'own_organisation', organisation_ids: [9] },
    { permission: 'user:read', scope: 'self' },
    { permission: 'recommendation:read', scope: 'any' },
  ]);

  it('holds everywhere for `any`, without a record', () => {
    expect(can(focal, 'recommendation:read')).toBe(true);
    expect(can(focal, 'recommendation:read', { institutionId: 1 })).toBe(true);
  });

  it('holds in the listed institutions or organisations only, and needs the record to say whose it is', () => {
    expect(can(focal, 'action:create', { institutionId: 5 })).toBe(true);
    expect(can(focal, 'action:create', { institutionId: 4 })).toBe(false);
    expect(can(focal, 'action:create')).toBe(false);
    expect(can(focal, 'contribution:create', { organisationId: 9 })).toBe(true);
    expect(can(focal, 'contribution:create', { organisationId: 8 })).toBe(false);
  });

  it('holds on the person\'s own account for `self`', () => {
    expect(can(focal, 'user:read', { userId: 7 })).toBe(true);
    expect(can(focal, 'user:read', { userId: 8 })).toBe(false);
  });

  it('refuses what is not listed, and everything to a visitor', () => {
    expect(can(focal, 'round:manage')).toBe(false);
    expect(can(null, 'recommendation:read')).toBe(false);
    expect(can(undefined, 'action:create', { institutionId: 3 })).toBe(false);
  });

  it('lists the institutions where a permission holds', () => {
    expect(institutionsWhere(focal, 'action:create')).toEqual([3, 5]);
    expect(institutionsWhere(focal, 'action:validate')).toEqual([]);
    expect(institutionsWhere(null, 'action:create')).toEqual([]);
  });
});
