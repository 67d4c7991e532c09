/**
 * The secretariat assigns recommendations to an institution, as lead or
 * co-responsible: listed by id, or every one that matches a search. One
 * transaction, one audit row per assignment written; all or nothing.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { MAX_ASSIGNED_AT_ONCE, type assignInputSchema } from '../../../../shared/assignments';
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

export async function assignRecommendations(pool: pg.Pool, actor: Actor, input: Input) {
  authorize(actor, 'assignment:manage', { institutionId: input.institution_id });
  if (Boolean(input.recommendation_ids) === Boolean(input.search)) throw badRequest('assignment_ids_or_search');
  // The search runs before the transaction: on the embedded database an open transaction holds up everyone.
  const ids = input.recommendation_ids
    ? [...new Set(input.recommendation_ids)]
    : await matchingIds(pool, searchQuerySchema.parse({ ...input.search, page: 1, page_size: 1 }), await labelMaps(pool));
  if (ids.length === 0) throw badRequest('assignment_nothing_matches');
  if (ids.length > MAX_ASSIGNED_AT_ONCE) throw badRequest('assignment_too_many', { max: MAX_ASSIGNED_AT_ONCE, count: ids.length });
  return inTransaction(pool, async (tx) => {
    if (!(await findInstitution(tx, input.institution_id))) throw badRequest('institution_unknown');
    const existing = await repository.existingRecommendationIds(tx, ids);
    if (existing.length !== ids.length) throw badRequest('assignment_unknown_recommendations', { count: ids.length - existing.length });
    if (input.responsibility === 'lead') {
      const conflicts = await repository.leadConflicts(tx, ids, input.institution_id);
      if (conflicts > 0) throw new HttpError(409, 'conflict', 'assignment_lead_taken', { count: conflicts });
    }
    try {
      return await repository.upsertAssignments(tx, ids, input.institution_id, input.responsibility, input.due_date ?? null, actor.userId);
    } catch (error) {
      // Another secretariat member made another institution lead in the meantime.
      if ((error as { constraint?: string }).constraint === 'assignment_one_lead') {
        throw new HttpError(409, 'conflict', 'assignment_lead_taken', { count: 1 });
      }
      throw error;
    }
  });
}
