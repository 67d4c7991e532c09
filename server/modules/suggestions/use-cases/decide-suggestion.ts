/**
 * The secretariat accepts or rejects one suggested label. Accepting writes the label as a
 * `manual` one (for an institution: an assignment, lead when the recommendation has none) and
 * keeps its provenance in the decision (who, when, which model version, what confidence);
 * rejecting is remembered: never suggested again, a negative example in the next training. One
 * transaction holds the change, the decision and its audit row.
 */
import type pg from 'pg';
import type { SuggestionField } from '../../../../shared/suggestions';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { HttpError, notFound } from '../../../platform/http/errors';
import { upsertAssignments } from '../../assignments/assignments.repository';
import { recommendationExists, refreshLabelArrays } from '../../recommendations/recommendations.repository';
import type { SuggestionModels } from '../models';
import * as repository from '../suggestions.repository';

export interface DecisionInput {
  recommendationId: number;
  field: SuggestionField;
  key: string;
  modelVersion: number;
  decision: 'accepted' | 'rejected';
}

/** Writes an accepted label or assignment (inside the caller's transaction). */
export async function writeAccepted(tx: pg.PoolClient, actor: Actor, recommendationId: number, field: SuggestionField, value: string, confidence: number | null) {
  if (field === 'institution') {
    const responsibility = (await repository.hasLead(tx, recommendationId)) ? 'co_responsible' : 'lead';
    await upsertAssignments(tx, [recommendationId], Number(value), responsibility, null, actor.userId);
  } else {
    await repository.insertManualLabel(tx, recommendationId, field, value, confidence);
  }
}

export async function decideSuggestion(pool: pg.Pool, models: SuggestionModels, actor: Actor, input: DecisionInput) {
  authorize(actor, 'suggestion:decide');
  if (input.field === 'institution' && input.decision === 'accepted' && /^\d{1,9}$/.test(input.key)) {
    authorize(actor, 'assignment:manage', { institutionId: Number(input.key) });
  }
  const model = await models.version(input.modelVersion);
  if (!model) throw new HttpError(409, 'conflict', 'suggestion_model_unknown');
  const suggester = model.fields.get(input.field);
  const index = suggester ? suggester.labels.indexOf(input.key) : -1;
  if (!suggester || index < 0) throw new HttpError(404, 'not_found', 'suggestion_not_found', { key: input.key });
  const [text] = await repository.textsOf(pool, [input.recommendationId]);
  if (!text) throw notFound('recommendation_not_found');
  const value = await repository.valueOfKey(pool, input.field, input.key);
  if (value === null) throw new HttpError(404, 'not_found', 'suggestion_not_found', { key: input.key });
  const confidence = suggester.probabilities(suggester.vector(text))[index];
  const band = suggester.band(confidence);

  return inTransaction(pool, async (tx) => {
    if (!(await recommendationExists(tx, input.recommendationId))) throw notFound('recommendation_not_found');
    if (await repository.hasLabel(tx, input.recommendationId, input.field, value)) throw new HttpError(409, 'conflict', 'suggestion_already_labelled');
    if (input.decision === 'accepted') {
      await writeAccepted(tx, actor, input.recommendationId, input.field, value, confidence);
      if (input.field !== 'institution') await refreshLabelArrays(tx, [input.recommendationId]);
    }
    const before = await repository.findDecision(tx, input.recommendationId, input.field, input.key);
    const decision = await repository.upsertDecision(tx, {
      recommendationId: input.recommendationId, field: input.field, key: input.key, value, decision: input.decision,
      modelVersion: input.modelVersion, confidence, band, decidedBy: actor.userId,
    });
    await repository.deletePending(tx, input.recommendationId, input.field, input.key);
    await writeAudit(tx, {
      actor, action: input.decision === 'accepted' ? 'accept' : 'reject', entity: 'label_suggestion', entityId: decision.id,
      before: before ? { decision: before.decision, model_version: Number(before.model_version) } : undefined,
      after: {
        recommendation_id: input.recommendationId, field: input.field, key: input.key, value, decision: input.decision,
        model_version: input.modelVersion, confidence, band,
      },
    });
    return decision as { decided_at: Date; confidence: number | null };
  });
}
