/**
 * An administrator turns an account off or on, and sets the roles a person
 * holds. Each is one transaction with its audit row and carries the account's
 * version (a stale one gets 409). Turning an account off ends its sessions at
 * once (and the session loader refuses an inactive account anyway). The last
 * active administrator can be neither turned off nor lose the role: the
 * changes that could remove an administrator take turns under one lock.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { userActivePatchSchema, userRolesInputSchema } from '../../../../shared/users';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, notFound, staleVersion } from '../../../platform/http/errors';
import { findInstitution } from '../../institutions/institutions.repository';
import * as repository from '../users.repository';

const lastAdministrator = () => new HttpError(409, 'conflict', 'last_administrator');
const STAFF_ROLES = new Set(['secretariat', 'administrator']);

export async function setUserActive(pool: pg.Pool, actor: Actor, id: number, patch: z.infer<typeof userActivePatchSchema>) {
  authorize(actor, 'user:deactivate');
  return inTransaction(pool, async (tx) => {
    await repository.lockAdministrators(tx);
    const before = await repository.lockUser(tx, id);
    if (!before) throw notFound('user_unknown');
    if (before.version !== patch.version) throw staleVersion(before.version);
    if (!patch.active && before.active) {
      const administrators = await repository.activeAdministratorIds(tx);
      if (administrators.length === 1 && administrators[0] === id) throw lastAdministrator();
    }
    const version = await repository.touchUser(tx, id, patch.version, patch.active);
    if (version === null) throw staleVersion(before.version);
    const sessionsEnded = patch.active ? 0 : await repository.endSessions(tx, id);
    await writeAudit(tx, {
      actor, action: patch.active ? 'reactivate' : 'deactivate', entity: 'user', entityId: id,
      before: { active: before.active }, after: { active: patch.active, sessions_ended: sessionsEnded },
    });
    return (await repository.readUser(tx, id))!;
  });
}

type Roles = z.infer<typeof userRolesInputSchema>;
const keyOf = (m: { role: string; institution_id: number | null }) => `${m.role}@${m.institution_id ?? ''}`;

export async function setUserRoles(pool: pg.Pool, actor: Actor, id: number, input: Roles) {
  authorize(actor, 'membership:manage');
  return inTransaction(pool, async (tx) => {
    await repository.lockAdministrators(tx);
    const before = await repository.lockUser(tx, id);
    if (!before) throw notFound('user_unknown');
    if (before.version !== input.version) throw staleVersion(before.version);
    const current = await repository.membershipsWithIds(tx, id);
    const wanted = new Map(input.roles.map((r) => [keyOf(r), r]));
    const held = new Set(current.map(keyOf));
    const removed = current.filter((m) => !wanted.has(keyOf(m)));
    const added = [...wanted.values()].filter((r) => !held.has(keyOf(r)));
    // Each change needs its own permission: institution roles per institution, the secretariat and administrator roles apart.
    for (const change of [...removed, ...added]) {
      if (STAFF_ROLES.has(change.role)) authorize(actor, 'staff_role:manage');
      else authorize(actor, 'membership:manage', { institutionId: change.institution_id });
    }
    for (const role of added) {
      if (role.institution_id === null) continue;
      const institution = await findInstitution(tx, role.institution_id);
      if (!institution) throw badRequest('institution_unknown');
      if (!institution.active) throw badRequest('institution_retired');
    }
    if (before.active && removed.some((m) => m.role === 'administrator')) {
      const administrators = await repository.activeAdministratorIds(tx);
      if (administrators.length === 1 && administrators[0] === id) throw lastAdministrator();
    }
    for (const m of removed) await repository.deleteMembership(tx, m.id);
    for (const r of added) await repository.insertMembership(tx, id, r.role, r.institution_id);
    const version = await repository.touchUser(tx, id, input.version);
    if (version === null) throw staleVersion(before.version);
    const plain = (list: { role: string; institution_id: number | null }[]) => list.map((m) => ({ role: m.role, institution_id: m.institution_id }));
    await writeAudit(tx, {
      actor, action: 'update_roles', entity: 'user', entityId: id,
      before: { roles: plain(current) }, after: { roles: plain(await repository.membershipsWithIds(tx, id)) },
    });
    return (await repository.readUser(tx, id))!;
  });
}

/**
 * An administrator turns off the second factor of a person who lost it: the
 * secret and the recovery codes go, the person's sessions and waiting
 * sign-ins end, and the next sign-in asks for the password alone (where a
 * second factor is required, the person must set a new one up first).
 */
export async function resetSecondFactor(pool: pg.Pool, actor: Actor, id: number, input: { version: number }) {
  authorize(actor, 'second_factor:reset');
  return inTransaction(pool, async (tx) => {
    const before = await repository.lockUser(tx, id);
    if (!before) throw notFound('user_unknown');
    if (before.version !== input.version) throw staleVersion(before.version);
    const had = (await repository.readUser(tx, id))!.second_factor;
    if (!had) throw badRequest('second_factor_not_on');
    if ((await repository.clearSecondFactor(tx, id, input.version)) === null) throw staleVersion(before.version);
    const sessionsEnded = await repository.endSessions(tx, id);
    await writeAudit(tx, {
      actor, action: 'second_factor_reset', entity: 'user', entityId: id,
      before: { second_factor: true }, after: { second_factor: false, sessions_ended: sessionsEnded },
    });
    return (await repository.readUser(tx, id))!;
  });
}
