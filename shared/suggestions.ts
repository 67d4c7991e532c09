/**
 * Label suggestions (decision 0011): what a trained model suggests for a recommendation, why, and
 * a person's decision on it; the secretariat's review queue and its bulk accept of the `high` band.
 * Suggestions are for signed-in staff; a label reaches the catalogue, facets and open data only
 * once a person accepts it.
 */
import { z } from 'zod';
import { SEARCH_LIMITS } from './recommendations';
import { SUGGESTION_FIELDS } from './suggestion-fields';
import { localeSchema } from './i18n/schema';

/** The fields suggested: the label vocabularies, SDGs, and responsible institutions (learned from past assignments). */
export { SUGGESTION_FIELDS, type SuggestionField } from './suggestion-fields';
export const BANDS = ['high', 'medium', 'low'] as const;
export type Band = (typeof BANDS)[number];
/** Suggestions per field on a recommendation (when the vocabulary has that many). */
export const SUGGESTIONS_PER_FIELD = 5;
/** The most recommendations one bulk accept may touch. */
export const MAX_BULK_ACCEPT = 5000;

export const suggestionExampleSchema = z.object({
  id: z.number().int(),
  symbol: z.string().nullable(),
  paragraph: z.string().nullable(),
  /** Its text in the caller's language where it exists, else the original. */
  text: z.string(),
});

export const suggestionSchema = z.object({
  /** Term key (themes, affected persons, UPR Info issues), goal number, target code or institution id. */
  key: z.string(),
  label: z.string(),
  /** Calibrated probability that the label is right (0–1). */
  confidence: z.number(),
  band: z.enum(BANDS),
  /** The three most similar recommendations that carry the label, most similar first. */
  examples: z.array(suggestionExampleSchema),
  /** The words of this text that weighed most for the label. */
  words: z.array(z.string()),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const recommendationSuggestionsSchema = z.object({
  /** The model version the suggestions come from; null while the instance has none. */
  model_version: z.number().int().nullable(),
  /** Per field, best first; fields the model does not suggest (no vocabulary used) are absent. */
  fields: z.partialRecord(z.enum(SUGGESTION_FIELDS), z.array(suggestionSchema)),
});
export type RecommendationSuggestions = z.infer<typeof recommendationSuggestionsSchema>;

export const suggestionDecisionInputSchema = z.object({
  /** The model version whose suggestion the person decides on (as read from the suggestions). */
  model_version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const suggestionDecisionSchema = z.object({
  recommendation_id: z.number().int(),
  field: z.enum(SUGGESTION_FIELDS),
  key: z.string(),
  decision: z.enum(['accepted', 'rejected']),
  model_version: z.number().int(),
  confidence: z.number().nullable(),
  decided_at: z.string(),
});

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(SEARCH_LIMITS.maxFilterValues));

/** The review queue's filters: field, band, and the catalogue search's text and mechanism. */
export const suggestionQueueQuerySchema = z.object({
  field: many(z.enum(SUGGESTION_FIELDS)),
  band: many(z.enum(['high', 'medium'])),
  mechanism: many(z.string().trim().min(1).max(120).transform((v) => v.toUpperCase())),
  q: z.string().trim().max(SEARCH_LIMITS.maxQueryLength).optional(),
  locale: localeSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});
export type SuggestionQueueQuery = z.infer<typeof suggestionQueueQuerySchema>;

const fieldQuality = z.object({
  training_size: z.number().int(),
  labels: z.number().int(),
  held_back: z.number().int(),
  micro_f1: z.number(),
  precision_at_1: z.number(),
  recall_at_5: z.number(),
  high_precision: z.number(),
  high_coverage: z.number(),
});

export const suggestionModelSchema = z.object({
  version: z.number().int(),
  trained_at: z.string(),
  training_size: z.number().int(),
  byte_size: z.number().int(),
  /** Measured on a held-back part of the instance's labelled records, per field. */
  quality: z.partialRecord(z.enum(SUGGESTION_FIELDS), fieldQuality),
});
export type SuggestionModel = z.infer<typeof suggestionModelSchema>;

export const queuedSuggestionSchema = z.object({
  field: z.enum(SUGGESTION_FIELDS),
  key: z.string(),
  label: z.string(),
  confidence: z.number(),
  band: z.enum(BANDS),
});

export const suggestionQueueSchema = z.object({
  model: suggestionModelSchema.nullable(),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(z.object({
    id: z.number().int(),
    mechanism: z.object({ key: z.string(), label: z.string() }),
    symbol: z.string().nullable(),
    paragraph: z.string().nullable(),
    text: z.string(),
    suggestions: z.array(queuedSuggestionSchema),
  })),
});
export type SuggestionQueue = z.infer<typeof suggestionQueueSchema>;

/** Accept every `high` suggestion of a selection: the queue's filters, or listed recommendations. */
export const bulkAcceptInputSchema = z.object({
  field: z.array(z.enum(SUGGESTION_FIELDS)).max(SUGGESTION_FIELDS.length).optional(),
  mechanism: z.array(z.string().trim().min(1).max(120)).max(SEARCH_LIMITS.maxFilterValues).optional(),
  q: z.string().trim().max(SEARCH_LIMITS.maxQueryLength).optional(),
  recommendation_ids: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_BULK_ACCEPT).optional(),
  /** `empty`: only into fields the recommendation has no label in; `add`: beside the labels it has. */
  mode: z.enum(['empty', 'add']),
  /** The model version the person reviewed; a newer model since is a 409. */
  model_version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** Count only: nothing is written. */
  preview: z.boolean().default(false),
});
export type BulkAcceptInput = z.infer<typeof bulkAcceptInputSchema>;

export const bulkAcceptSchema = z.object({
  preview: z.boolean(),
  recommendations: z.number().int(),
  labels: z.number().int(),
  by_field: z.partialRecord(z.enum(SUGGESTION_FIELDS), z.number().int()),
});
export type BulkAccept = z.infer<typeof bulkAcceptSchema>;
