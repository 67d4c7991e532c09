/**
 * The secretariat assesses a recommendation's implementation status for the
 * government: a step of the government scale, a reason and the date it holds
 * from. Assessments are never edited; a new one becomes the current status and
 * the old ones stay as history (the table refuses updates and deletes).
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { assessmentInputSchema } from '../../../../shared/status';
import { writeAudit } from '../../../platform/audit/audit';
import { addDays } from '../../../platform/clock';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, notFound } from '../../../platform/http/errors';
import { recommendationExists } from '../../recommendations/recommendations.repository';
import * as repository from '../status.repository';

export async function assessStatus(
  pool: pg.Pool, actor: Actor, recommendationId: number, input: z.infer<typeof assessmentInputSchema>, today: string,
) {
  authorize(actor, 'status:assess');
  // A day of slack: the assessor's calendar may be a time zone ahead of the server's.
  const tomorrow = addDays(today, 1);
  if (input.assessed_on > tomorrow) throw badRequest('assessment_in_future');
  return inTransaction(pool, async (tx) => {
    if (!(await recommendationExists(tx, recommendationId))) throw notFound('recommendation_not_found');
    const scale = await repository.scaleSteps(tx, 'government');
    if (!scale.some((step) => step.key === input.status && step.active)) {
      throw badRequest('status_not_on_scale', { keys: scale.filter((s) => s.active).map((s) => s.key).join(', ') });
    }
    const assessment = await repository.insertAssessment(tx, {
      recommendationId, assessorKind: 'government', statusKey: input.status, reason: input.reason, assessedOn: input.assessed_on, createdBy: actor.userId,
    });
    await writeAudit(tx, { actor, action: 'assess', entity: 'recommendation_status', entityId: recommendationId, after: assessment });
    return assessment;
  });
}
