/**
 * The secretariat assigns recommendations to one or several institutions, as
 * lead or co-responsible: listed by id, or every one that matches a search.
 * One transaction, one audit row per assignment written; all or nothing.
 * A preview says, per institution, how many would be new, changed or
 * unchanged, and writes nothing.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { MAX_ASSIGNED_AT_ONCE, type assignInputSchema, type assignPreviewInputSchema } from '../../../../shared/assignments';
import { searchQuerySchema } from '../../../../shared/recommendations';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError } from '../../../platform/http/errors';
import { findInstitution } from '../../institutions/institutions.repository';
import { matchingIds } from '../../recommendations/recommendations.search';
import { labelMaps } from '../../taxonomies/taxonomies.repository';
import * as repository from '../assignments.repository';

type Input = z.infer<typeof assignInputSchema>;
type PreviewInput = z.infer<typeof assignPreviewInputSchema>;

/** The institutions named (one or several, never both ways), each authorized; a lead goes to one only. */
function institutionsOf(actor: Actor, input: PreviewInput): number[] {
  const named = input.institution_ids ? [...new Set(input.institution_ids)] : input.institution_id ? [input.institution_id] : [];
  for (const institutionId of named) authorize(actor, 'assignment:manage', { institutionId });
  if (named.length === 0 || (input.institution_id && input.institution_ids)) throw badRequest('assignment_institutions');
  if (input.responsibility === 'lead' && named.length > 1) throw badRequest('assignment_lead_one_institution');
  return named;
}

/** The recommendations selected (the search runs outside any transaction: on the embedded database an open one holds up everyone). */
async function selection(pool: pg.Pool, input: PreviewInput): Promise<number[]> {
  if (Boolean(input.recommendation_ids) === Boolean(input.search)) throw badRequest('assignment_ids_or_search');
  const ids = input.recommendation_ids
    ? [...new Set(input.recommendation_ids)]
    : await matchingIds(pool, searchQuerySchema.parse({ ...input.search, page: 1, page_size: 1 }), await labelMaps(pool));
  if (ids.length === 0) throw badRequest('assignment_nothing_matches');
  if (ids.length > MAX_ASSIGNED_AT_ONCE) throw badRequest('assignment_too_many', { max: MAX_ASSIGNED_AT_ONCE, count: ids.length });
  return ids;
}

async function checkInstitution(tx: Pick<pg.PoolClient, 'query'>, institutionId: number) {
  const institution = await findInstitution(tx, institutionId);
  if (!institution) throw badRequest('institution_unknown');
  if (!institution.active) throw badRequest('institution_retired');
}

export async function assignRecommendations(pool: pg.Pool, actor: Actor, input: Input) {
  const institutionIds = institutionsOf(actor, input);
  const ids = await selection(pool, input);
  return inTransaction(pool, async (tx) => {
    const existing = await repository.existingRecommendationIds(tx, ids);
    if (existing.length !== ids.length) throw badRequest('assignment_unknown_recommendations', { count: ids.length - existing.length });
    const total = { created: 0, updated: 0, unchanged: 0 };
    for (const institutionId of institutionIds) {
      await checkInstitution(tx, institutionId);
      if (input.responsibility === 'lead') {
        const conflicts = await repository.leadConflicts(tx, ids, institutionId);
        if (conflicts > 0) throw new HttpError(409, 'conflict', 'assignment_lead_taken', { count: conflicts });
      }
      try {
        const result = await repository.upsertAssignments(tx, ids, institutionId, input.responsibility, input.due_date ?? null, actor.userId);
        total.created += result.created;
        total.updated += result.updated;
        total.unchanged += result.unchanged;
      } catch (error) {
        // Another secretariat member made another institution lead in the meantime.
        if ((error as { constraint?: string }).constraint === 'assignment_one_lead') {
          throw new HttpError(409, 'conflict', 'assignment_lead_taken', { count: 1 });
        }
        throw error;
      }
    }
    return total;
  });
}

export async function previewAssignment(pool: pg.Pool, actor: Actor, input: PreviewInput) {
  const institutionIds = institutionsOf(actor, input);
  const ids = await selection(pool, input);
  const existing = await repository.existingRecommendationIds(pool, ids);
  if (existing.length !== ids.length) throw badRequest('assignment_unknown_recommendations', { count: ids.length - existing.length });
  const institutions = [];
  for (const institutionId of institutionIds) {
    await checkInstitution(pool, institutionId);
    const counts = await repository.assignmentPreview(pool, ids, institutionId, input.responsibility);
    const leadTaken = input.responsibility === 'lead' ? await repository.leadConflicts(pool, ids, institutionId) : 0;
    institutions.push({ institution_id: institutionId, ...counts, lead_taken: leadTaken });
  }
  return { recommendations: ids.length, institutions };
}
