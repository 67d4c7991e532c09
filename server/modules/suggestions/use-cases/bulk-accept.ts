/**
 * Accepts every open `high` suggestion of a selection (the queue's filters or listed
 * recommendations) in one step: only into fields the recommendation has no label in (`empty`) or
 * beside its labels (`add`). A preview counts what would be written and writes nothing; the
 * accept itself is refused when a newer model replaced the one the person reviewed, so the count
 * they saw is the count written. One transaction, one audit row per label.
 */
import type pg from 'pg';
import { searchQuerySchema } from '../../../../shared/recommendations';
import { type BulkAccept, type BulkAcceptInput, MAX_BULK_ACCEPT, type SuggestionField } from '../../../../shared/suggestions';
import { writeAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { inTransaction } from '../../../platform/db/database';
import { badRequest, HttpError } from '../../../platform/http/errors';
import { refreshLabelArrays } from '../../recommendations/recommendations.repository';
import { matchingIds } from '../../recommendations/recommendations.search';
import { type LabelMaps, labelMaps } from '../../taxonomies/taxonomies.repository';
import type { SuggestionModels } from '../models';
import * as repository from '../suggestions.repository';
import { writeAccepted } from './decide-suggestion';

/** The ids of mechanisms given by code (unknown codes match nothing), or null when none is given. */
export function mechanismIds(maps: LabelMaps, codes: string[]): number[] | null {
  if (codes.length === 0) return null;
  return codes.flatMap((code) => {
    const id = maps.mechanismIdsByCode.get(code.toUpperCase());
    return id === undefined ? [] : [id];
  });
}

export async function bulkAccept(pool: pg.Pool, models: SuggestionModels, actor: Actor, input: BulkAcceptInput): Promise<BulkAccept> {
  authorize(actor, 'suggestion:decide');
  const model = await models.latest();
  if (!model || model.version !== input.model_version) {
    throw new HttpError(409, 'conflict', 'suggestion_model_changed', { current: model?.version ?? '—' }, { current_version: model?.version ?? null });
  }
  if (input.recommendation_ids && (input.q || input.mechanism?.length)) throw badRequest('suggestion_ids_or_filters');
  // The text search runs outside any transaction (on the embedded database an open one holds up everyone).
  const maps = await labelMaps(pool);
  const ids = input.recommendation_ids
    ? [...new Set(input.recommendation_ids)]
    : input.q ? await matchingIds(pool, searchQuerySchema.parse({ q: input.q, page: 1, page_size: 1 }), maps) : null;
  const filter = { modelId: model.version, fields: input.field ?? [], bands: ['high'], mechanisms: mechanismIds(maps, input.mechanism ?? []), ids };
  const chosen = (await repository.openHigh(pool, filter)).filter((row) => input.mode === 'add' || row.field_empty);
  const recommendations = new Set(chosen.map((row) => row.recommendation_id));
  if (recommendations.size > MAX_BULK_ACCEPT) throw badRequest('suggestion_too_many', { count: recommendations.size, max: MAX_BULK_ACCEPT });
  for (const row of chosen) if (row.field === 'institution') authorize(actor, 'assignment:manage', { institutionId: Number(row.value) });
  const count = (rows: typeof chosen): BulkAccept => {
    const byField: Partial<Record<SuggestionField, number>> = {};
    for (const row of rows) byField[row.field] = (byField[row.field] ?? 0) + 1;
    return { preview: input.preview, recommendations: new Set(rows.map((r) => r.recommendation_id)).size, labels: rows.length, by_field: byField };
  };
  if (input.preview) return count(chosen);

  return inTransaction(pool, async (tx) => {
    const written: typeof chosen = [];
    for (const row of chosen) {
      // Someone labelled it meanwhile: nothing to accept.
      if (await repository.hasLabel(tx, row.recommendation_id, row.field, row.value)) continue;
      await writeAccepted(tx, actor, row.recommendation_id, row.field, row.value, row.confidence);
      const decision = await repository.upsertDecision(tx, {
        recommendationId: row.recommendation_id, field: row.field, key: row.key, value: row.value, decision: 'accepted',
        modelVersion: model.version, confidence: row.confidence, band: row.band, decidedBy: actor.userId,
      });
      await repository.deletePending(tx, row.recommendation_id, row.field, row.key);
      await writeAudit(tx, {
        actor, action: 'accept', entity: 'label_suggestion', entityId: decision.id,
        after: {
          recommendation_id: row.recommendation_id, field: row.field, key: row.key, value: row.value, decision: 'accepted',
          model_version: model.version, confidence: row.confidence, band: row.band, bulk: input.mode,
        },
      });
      written.push(row);
    }
    await refreshLabelArrays(tx, [...new Set(written.filter((r) => r.field !== 'institution').map((r) => r.recommendation_id))]);
    return count(written);
  });
}
