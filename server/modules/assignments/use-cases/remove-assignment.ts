/** The secretariat removes an assignment; the audit row keeps what it was. */
import type pg from 'pg';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound } from '../../../platform/http/errors';
import { findInstitution } from '../../institutions/institutions.repository';
import * as repository from '../assignments.repository';

export async function removeAssignment(pool: pg.Pool, actor: Actor, id: number): Promise<void> {
  authorize(actor, 'assignment:manage');
  await inTransaction(pool, async (tx) => {
    const removed = await repository.deleteAssignment(tx, id);
    if (!removed) throw notFound();
    // A retired institution's assignments are its record: they stay as they were.
    if (!(await findInstitution(tx, removed.institution_id))?.active) throw badRequest('institution_retired');
    await writeAudit(tx, { actor, action: 'delete', entity: 'assignment', entityId: removed.id, before: removed });
  });
}
