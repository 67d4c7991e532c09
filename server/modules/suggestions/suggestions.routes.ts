/**
 * HTTP for label suggestions (staff only): a recommendation's suggestions with their reasons, a
 * person's decision on one, the secretariat's review queue and its bulk accept of the high band.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema, searchQuerySchema } from '../../../shared/recommendations';
import {
  bulkAcceptInputSchema, bulkAcceptSchema, type RecommendationSuggestions, recommendationSuggestionsSchema, SUGGESTION_FIELDS,
  type SuggestionField, type SuggestionModel, suggestionDecisionInputSchema, suggestionDecisionSchema, type SuggestionQueue,
  suggestionQueueQuerySchema, suggestionQueueSchema, SUGGESTIONS_PER_FIELD,
} from '../../../shared/suggestions';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { bigId, localeQuery } from '../../platform/http/params';
import { bestText, Labeller } from '../recommendations/recommendations.presenter';
import { matchingIds } from '../recommendations/recommendations.search';
import { labelMaps, type LabelMaps } from '../taxonomies/taxonomies.repository';
import { SuggestionModels } from './models';
import * as repository from './suggestions.repository';
import { bulkAccept, mechanismIds } from './use-cases/bulk-accept';
import { decideSuggestion } from './use-cases/decide-suggestion';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Names of suggested keys in the reader's language. */
async function keyLabeller(db: Database['pool'], maps: LabelMaps, locale: Locale, institutionIds: number[]) {
  const labels = new Labeller(maps, locale);
  const institutions = await repository.institutionNames(db, institutionIds);
  return (field: SuggestionField, key: string): string => {
    switch (field) {
      case 'sdg_goal': return labels.sdgGoal(Number(key)).label;
      case 'sdg_target': return labels.sdgTarget(key).label;
      case 'institution': return pickText(institutions.get(Number(key)), locale) || key;
      default: {
        const id = maps.termIdsByKey.get(`${repository.LABEL_VOCABULARY[field]}:${key}`);
        return id === undefined ? key : labels.term(id).label;
      }
    }
  };
}

function presentModel(row: repository.ModelRow): SuggestionModel {
  return {
    version: row.id, trained_at: row.trained_at.toISOString(), training_size: row.training_size, byte_size: row.byte_size,
    quality: row.quality as SuggestionModel['quality'],
  };
}

export const suggestionsRoutes = (database: Database, models = new SuggestionModels(database.pool)): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  app.get('/api/v1/recommendations/:id/suggestions', {
    config: { permission: 'suggestion:read' },
    schema: {
      tags: ['suggestions'],
      summary: 'Suggested labels of a recommendation, with their confidence, band and reasons',
      description: 'Per field (themes, affected persons, SDG goals and targets, UPR Info issues where the instance uses them, and responsible '
        + 'institutions learned from past assignments), the best suggestions first, at least five when the vocabulary has them, without the '
        + 'labels the recommendation holds or had rejected. Each carries a calibrated confidence, its band (`high`: the band measured at least '
        + '97.5% right on held-back records), the three most similar recommendations carrying the label and the words that weighed most. '
        + 'Suggestions are not labels: they reach the catalogue, facets and open data only once accepted.',
      params: z.object({ id: bigId }), querystring: localeQuery, response: { 200: recommendationSuggestionsSchema, ...errors },
    },
  }, async (request): Promise<RecommendationSuggestions> => {
    const id = request.params.id;
    const [text] = await repository.textsOf(db, [id]);
    if (!text) throw notFound('recommendation_not_found');
    const model = await models.latest();
    if (!model) return { model_version: null, fields: {} };
    const locale = requestLocale(request);
    const exclude = new Map<SuggestionField, Set<string>>();
    for (const k of await repository.confirmedKeys(db, [id])) {
      if (!exclude.has(k.field)) exclude.set(k.field, new Set());
      exclude.get(k.field)!.add(k.key);
    }
    const raw = SUGGESTION_FIELDS.flatMap((field) => {
      const suggester = model.fields.get(field);
      return suggester ? [[field, suggester.suggest(text, SUGGESTIONS_PER_FIELD, exclude.get(field) ?? new Set(), true)] as const] : [];
    });
    const examples = await repository.exampleRows(db, [...new Set(raw.flatMap(([, list]) => list.flatMap((s) => s.examples)))]);
    const institutionIds = raw.filter(([field]) => field === 'institution').flatMap(([, list]) => list.map((s) => Number(s.label)));
    const label = await keyLabeller(db, await labelMaps(db), locale, institutionIds);
    const fields: RecommendationSuggestions['fields'] = {};
    for (const [field, list] of raw) {
      fields[field] = list.map((s) => ({
        key: s.label, label: label(field, s.label), confidence: Math.round(s.confidence * 1000) / 1000, band: s.band, words: s.words,
        examples: s.examples.flatMap((exampleId) => {
          const row = examples.get(exampleId);
          return row ? [{ id: exampleId, symbol: row.symbol, paragraph: row.paragraph, text: bestText(row.texts, locale, row.original_language).text }] : [];
        }),
      }));
    }
    return { model_version: model.version, fields };
  });

  for (const [path, decision] of [['accept', 'accepted'], ['reject', 'rejected']] as const) {
    app.post(`/api/v1/recommendations/:id/suggestions/:field/:key/${path}`, {
      config: { permission: 'suggestion:decide' },
      schema: {
        tags: ['suggestions'],
        summary: decision === 'accepted' ? 'Accept a suggested label' : 'Reject a suggested label',
        description: decision === 'accepted'
          ? 'Writes the label with provenance `manual` (for an institution: an assignment, lead when the recommendation has none); the decision '
            + 'keeps who accepted it, when, from which model version and with what confidence, and is audited.'
          : 'The label is never suggested again for this recommendation and is a negative example in the next training. Audited.',
        params: z.object({ id: bigId, field: z.enum(SUGGESTION_FIELDS), key: z.string().min(1).max(200) }),
        body: suggestionDecisionInputSchema, querystring: localeQuery,
        response: { 200: suggestionDecisionSchema, ...errors },
      },
    }, async (request) => {
      const { id, field, key } = request.params;
      const row = await decideSuggestion(db, models, request.actor, {
        recommendationId: id, field, key, modelVersion: request.body.model_version, decision,
      });
      return {
        recommendation_id: id, field, key, decision, model_version: request.body.model_version,
        confidence: row.confidence === null ? null : Math.round(row.confidence * 1000) / 1000, decided_at: row.decided_at.toISOString(),
      };
    });
  }

  app.get('/api/v1/suggestions', {
    config: { permission: 'suggestion:read' },
    schema: {
      tags: ['suggestions'],
      summary: 'The review queue: recommendations with open suggestions of the current model',
      description: 'Open suggestions are those in the `high` or `medium` band that the recommendation does not hold and nobody decided on. '
        + 'Filter by field, band, mechanism and search text; the most confident first. Carries the current model\'s version, training date, '
        + 'size and the quality measured on held-back records.',
      querystring: suggestionQueueQuerySchema, response: { 200: suggestionQueueSchema, 400: errorSchema },
    },
  }, async (request): Promise<SuggestionQueue> => {
    const query = request.query;
    const model = await repository.latestModel(db);
    if (!model) return { model: null, total: 0, page: query.page, page_size: query.page_size, items: [] };
    const locale = requestLocale(request);
    const maps = await labelMaps(db);
    const ids = query.q ? await matchingIds(db, searchQuerySchema.parse({ q: query.q, page: 1, page_size: 1 }), maps) : null;
    const { total, rows } = await repository.queuePage(db, { modelId: model.id, fields: query.field, bands: query.band, mechanisms: mechanismIds(maps, query.mechanism), ids },
      query.page, query.page_size);
    const institutionIds = rows.flatMap((r) => (r.suggestions as { field: string; key: string }[]).filter((s) => s.field === 'institution').map((s) => Number(s.key)));
    const label = await keyLabeller(db, maps, locale, institutionIds);
    const labeller = new Labeller(maps, locale);
    return {
      model: presentModel(model), total, page: query.page, page_size: query.page_size,
      items: rows.map((r) => {
        const mechanism = labeller.mechanism(r.mechanism_id);
        return {
          id: r.id, mechanism: { key: mechanism.key, label: mechanism.label }, symbol: r.symbol, paragraph: r.paragraph,
          text: bestText(r.texts, locale, r.original_language).text,
          suggestions: (r.suggestions as { field: SuggestionField; key: string; confidence: number; band: 'high' | 'medium' }[]).map((s) => ({
            field: s.field, key: s.key, label: label(s.field, s.key), confidence: Math.round(s.confidence * 1000) / 1000, band: s.band,
          })),
        };
      }),
    };
  });

  app.post('/api/v1/suggestions/accept-high', {
    config: { permission: 'suggestion:decide' },
    schema: {
      tags: ['suggestions'],
      summary: 'Accept every high-band suggestion of a selection (preview first)',
      description: 'The selection is the queue\'s filters (field, mechanism, search text) or listed recommendations. `mode: empty` accepts '
        + 'only into fields the recommendation has no label in, `add` beside its labels. With `preview: true` nothing is written and the '
        + 'answer says how many labels and recommendations it would touch; the accept itself is a 409 when a newer model replaced '
        + '`model_version`. One audit row per label.',
      body: bulkAcceptInputSchema, querystring: localeQuery, response: { 200: bulkAcceptSchema, ...errors },
    },
  }, async (request) => bulkAccept(db, models, request.actor, request.body));
};
