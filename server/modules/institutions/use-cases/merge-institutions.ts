/**
 * Merge one institution into another: its assignments, members, action
 * reports, indicators, place in rounds and child institutions move to the
 * surviving one, and it is retired pointing to it (its history then shows in
 * the survivor's). One transaction with an audit row on each; both carry the
 * version the person saw, and a stale one gets 409.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { institutionMergeSchema } from '../../../../shared/institutions';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound, staleVersion } from '../../../platform/http/errors';
import * as repository from '../institutions.repository';

export async function mergeInstitution(pool: pg.Pool, actor: Actor, id: number, input: z.infer<typeof institutionMergeSchema>) {
  authorize(actor, 'institution:merge');
  if (input.into_id === id) throw badRequest('institution_merge_same');
  return inTransaction(pool, async (tx) => {
    // Both rows locked, lower id first, so two merges of the same pair cannot deadlock.
    const [first, second] = [Math.min(id, input.into_id), Math.max(id, input.into_id)];
    const locked = new Map([[first, await repository.findInstitution(tx, first, true)], [second, await repository.findInstitution(tx, second, true)]]);
    const merged = locked.get(id);
    const into = locked.get(input.into_id);
    if (!merged) throw notFound();
    if (!into) throw badRequest('institution_unknown');
    if (merged.version !== input.version) throw staleVersion(merged.version);
    if (into.version !== input.into_version) throw staleVersion(into.version);
    if (merged.merged_into_id !== null) throw badRequest('institution_already_merged');
    if (!into.active) throw badRequest('institution_merge_into_retired');
    const moved = await repository.moveInstitutionRecords(tx, id, input.into_id);
    const mergedAfter = await repository.markMerged(tx, id, input.into_id);
    // The survivor cannot stay under the institution it absorbed: it takes that one's parent.
    const parent = into.parent_id === id ? merged.parent_id : into.parent_id;
    const intoAfter = await repository.markSurvivor(tx, input.into_id, parent);
    await writeAudit(tx, { actor, action: 'merge', entity: 'institution', entityId: id, before: merged, after: { ...mergedAfter, moved } });
    await writeAudit(tx, { actor, action: 'merge', entity: 'institution', entityId: input.into_id, before: into, after: { ...intoAfter, merged_from: id, moved } });
    return { institution: intoAfter, moved };
  });
}
