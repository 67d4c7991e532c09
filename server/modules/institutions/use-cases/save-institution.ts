/**
 * Create or edit an institution: one transaction with its audit row. Edits
 * carry the version the editor started from; a stale one gets 409.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { institutionInputSchema, institutionPatchSchema } from '../../../../shared/institutions';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import * as repository from '../institutions.repository';

type Input = z.infer<typeof institutionInputSchema>;
type Patch = z.infer<typeof institutionPatchSchema>;

export async function createInstitution(pool: pg.Pool, actor: Actor, input: Input) {
  authorize(actor, 'institution:create');
  return inTransaction(pool, async (tx) => {
    if (input.parent_id != null && !(await repository.findInstitution(tx, input.parent_id))) {
      throw badRequest('institution_parent_unknown');
    }
    const created = await repository.insertInstitution(tx, {
      name: input.name as Record<string, string>, acronym: input.acronym ?? null, branch: input.branch,
      type: input.type ?? null, parent_id: input.parent_id ?? null, active: input.active ?? true,
    });
    await writeAudit(tx, { actor, action: 'create', entity: 'institution', entityId: created.id, after: created });
    return created;
  });
}

export async function updateInstitution(pool: pg.Pool, actor: Actor, id: number, patch: Patch) {
  authorize(actor, 'institution:update');
  return inTransaction(pool, async (tx) => {
    const before = await repository.findInstitution(tx, id, true);
    if (!before) throw notFound();
    if (before.version !== patch.version) throw staleVersion(before.version);
    const next = {
      name: (patch.name as Record<string, string> | undefined) ?? before.name,
      acronym: patch.acronym === undefined ? before.acronym : patch.acronym,
      branch: patch.branch ?? before.branch,
      type: patch.type === undefined ? before.type : patch.type,
      parent_id: patch.parent_id === undefined ? before.parent_id : patch.parent_id,
      active: patch.active ?? before.active,
    };
    if (next.parent_id != null) {
      const ancestors = await repository.ancestorIds(tx, next.parent_id);
      if (ancestors.length === 0) throw badRequest('institution_parent_unknown');
      if (ancestors.includes(id)) throw badRequest('institution_parent_cycle');
    }
    const after = await repository.updateInstitution(tx, id, patch.version, next);
    if (!after) throw staleVersion(before.version); // changed between our read and write
    await writeAudit(tx, { actor, action: 'update', entity: 'institution', entityId: id, before, after });
    return after;
  });
}
