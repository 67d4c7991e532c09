/**
 * Label suggestions (server/modules/suggestions, decision 0011): the models the instance trained,
 * the suggestions of the current model waiting for a person, and each person's decision on one.
 * A suggestion is never a label: `recommendation_label` (and the arrays, facets and open data
 * built from it) holds a suggested label only once a person accepts it, as a `manual` label.
 */
import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, check, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, unique,
} from 'drizzle-orm/pg-core';
import { appUser } from './people';
import { recommendation } from './recommendations';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** The fields suggested: the label vocabularies, SDGs, and responsible institutions (from assignments). */
export const SUGGESTION_FIELDS_SQL = sql`('theme', 'affected', 'sdg_goal', 'sdg_target', 'upr_info_issue', 'institution')`;

/** One training run: its version is its id. Quality is measured per field on held-back records. */
export const suggestionModel = pgTable('suggestion_model', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
  /** `cli:<user>` or `system:suggest-train`. */
  trainedBy: text('trained_by').notNull(),
  /** Labelled records the fields learned from (a record counts once per field). */
  trainingSize: integer('training_size').notNull(),
  /** Stored bytes of every field's model. */
  byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
  millis: integer('millis').notNull(),
  /** Confirmed labels, assignments and rejections in the instance when it trained (the retraining trigger counts from it). */
  confirmedLabels: integer('confirmed_labels').notNull(),
  /** Per field: { training_size, labels, held_back, micro_f1, precision_at_1, recall_at_5, high_precision, high_coverage }. */
  quality: jsonb('quality').notNull(),
});

/** A field's trained suggester (Suggester.serialise()); older models lose their bytes but keep their row. */
export const suggestionModelField = pgTable('suggestion_model_field', {
  modelId: bigint('model_id', { mode: 'number' }).notNull().references(() => suggestionModel.id, { onDelete: 'cascade' }),
  field: text('field').notNull(),
  bytes: bytea('bytes').notNull(),
}, (t) => [primaryKey({ columns: [t.modelId, t.field] })]);

/**
 * The current model's pending suggestions (band high or medium), written when the catalogue is
 * scored; `value` is what `recommendation_label.value` (term id, SDG code) or an assignment
 * (institution id) would hold, `key` what the API shows.
 */
export const labelSuggestion = pgTable('label_suggestion', {
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull().references(() => recommendation.id, { onDelete: 'cascade' }),
  field: text('field').notNull(),
  key: text('key').notNull(),
  value: text('value').notNull(),
  confidence: real('confidence').notNull(),
  band: text('band').notNull(),
  modelId: bigint('model_id', { mode: 'number' }).notNull().references(() => suggestionModel.id, { onDelete: 'cascade' }),
}, (t) => [
  primaryKey({ columns: [t.recommendationId, t.field, t.key] }),
  index('label_suggestion_band').on(t.band, t.field),
  check('label_suggestion_band', sql`${t.band} in ('high', 'medium', 'low')`),
]);

/** Which model last scored a recommendation: the scoring job scores those the current model has not. */
export const suggestionScan = pgTable('suggestion_scan', {
  recommendationId: bigint('recommendation_id', { mode: 'number' }).primaryKey().references(() => recommendation.id, { onDelete: 'cascade' }),
  modelId: bigint('model_id', { mode: 'number' }).notNull().references(() => suggestionModel.id, { onDelete: 'cascade' }),
}, (t) => [index('suggestion_scan_model').on(t.modelId)]);

/**
 * A person's decision on a suggestion. An accepted one is the provenance of the `manual` label (or
 * assignment) it wrote: who, when, from which model version and with what confidence. A rejected
 * one is never suggested again and is a negative example in the next training.
 */
export const labelSuggestionDecision = pgTable('label_suggestion_decision', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull().references(() => recommendation.id, { onDelete: 'cascade' }),
  field: text('field').notNull(),
  key: text('key').notNull(),
  value: text('value').notNull(),
  decision: text('decision').notNull(),
  /** The model version the suggestion came from (kept when the model's row is pruned: no foreign key). */
  modelVersion: bigint('model_version', { mode: 'number' }).notNull(),
  confidence: real('confidence'),
  band: text('band'),
  decidedBy: bigint('decided_by', { mode: 'number' }).notNull().references(() => appUser.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('label_suggestion_decision_one').on(t.recommendationId, t.field, t.key),
  check('label_suggestion_decision_kind', sql`${t.decision} in ('accepted', 'rejected')`),
  check('label_suggestion_decision_field', sql`${t.field} in ${SUGGESTION_FIELDS_SQL}`),
]);
