/** Give or take an institution role (focal point, alternate, validator), audited in the same transaction. */
import type pg from 'pg';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError, notFound } from '../../../platform/http/errors';
import * as repository from '../institutions.repository';

export async function addMember(pool: pg.Pool, actor: Actor, institutionId: number, userId: number, role: string) {
  authorize(actor, 'membership:manage', { institutionId });
  return inTransaction(pool, async (tx) => {
    const institution = await repository.findInstitution(tx, institutionId);
    if (!institution) throw notFound();
    if (!institution.active) throw badRequest('institution_retired');
    if (!(await repository.userExists(tx, userId))) throw badRequest('user_unknown');
    const member = await repository.insertMember(tx, institutionId, userId, role);
    if (!member) throw new HttpError(409, 'conflict', 'membership_exists');
    await writeAudit(tx, { actor, action: 'create', entity: 'membership', entityId: member.id, after: { ...member, institution_id: institutionId } });
    return member;
  });
}

export async function removeMember(pool: pg.Pool, actor: Actor, institutionId: number, membershipId: number) {
  authorize(actor, 'membership:manage', { institutionId });
  await inTransaction(pool, async (tx) => {
    const removed = await repository.deleteMember(tx, institutionId, membershipId);
    if (!removed) throw notFound();
    await writeAudit(tx, { actor, action: 'delete', entity: 'membership', entityId: membershipId, before: { ...removed, institution_id: institutionId } });
  });
}
