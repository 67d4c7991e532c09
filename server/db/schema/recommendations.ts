/**
 * The recommendation catalogue. Labels are kept twice on purpose:
 * `recommendation_label` is the record of truth (with provenance: import,
 * manual, suggested), and the array columns on `recommendation` are its
 * denormalised copy of confirmed labels, indexed for filtering and facets.
 */
import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, check, customType, date, index, integer, jsonb, pgTable, primaryKey, real, smallint, text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { mechanism } from './reference';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Text of a translatable field: one entry per language code. */
export type TranslatedText = Record<string, { text: string; status: 'original' | 'official' | 'machine' | 'draft' }>;

export const recommendation = pgTable('recommendation', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** `uhri:<annotation id>` when the source has an id, else `key:<hash of mechanism, country, symbol, date, paragraph, text>`. */
  identityKey: text('identity_key').notNull().unique(),
  /** The import format the record came from (uhri-json, upr-info-csv, …) or `manual`. */
  source: text('source').notNull(),
  mechanismId: integer('mechanism_id').notNull().references(() => mechanism.id),
  /** recommendation | observation | pledge | operative_point */
  kind: text('kind').notNull(),
  /** States under review, ISO 3166 alpha-3 (almost always one). */
  countries: text('countries').array().notNull(),
  documentSymbol: text('document_symbol'),
  paragraph: text('paragraph'),
  documentDate: date('document_date'),
  /** Year used by the search filters: from the document date, else the UPR session. */
  year: smallint('year'),
  cycle: smallint('cycle'),
  session: smallint('session'),
  /** supported | noted | supported_in_part */
  position: text('position'),
  positionSource: text('position_source'),
  recommendingStates: text('recommending_states').array().notNull().default(sql`'{}'`),
  originalLanguage: text('original_language').notNull(),
  texts: jsonb('texts').$type<TranslatedText>().notNull(),
  themeIds: integer('theme_ids').array().notNull().default(sql`'{}'`),
  affectedIds: integer('affected_ids').array().notNull().default(sql`'{}'`),
  sdgGoals: smallint('sdg_goals').array().notNull().default(sql`'{}'`),
  sdgTargets: text('sdg_targets').array().notNull().default(sql`'{}'`),
  uprInfoIssueIds: integer('upr_info_issue_ids').array().notNull().default(sql`'{}'`),
  /** UPR Info action category, 1 (minimal) to 5 (specific). */
  uprInfoAction: smallint('upr_info_action'),
  searchVector: tsvector('search_vector').notNull(),
  /** Hash of the normalised source content; equal hash on re-import means unchanged. */
  contentHash: text('content_hash').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('recommendation_kind', sql`${t.kind} in ('recommendation', 'observation', 'pledge', 'operative_point')`),
  check('recommendation_position', sql`${t.position} is null or ${t.position} in ('supported', 'noted', 'supported_in_part')`),
  index('recommendation_search').using('gin', t.searchVector),
  index('recommendation_countries').using('gin', t.countries),
  index('recommendation_themes').using('gin', t.themeIds),
  index('recommendation_affected').using('gin', t.affectedIds),
  index('recommendation_sdg_goals').using('gin', t.sdgGoals),
  index('recommendation_sdg_targets').using('gin', t.sdgTargets),
  index('recommendation_mechanism').on(t.mechanismId),
  index('recommendation_date').on(t.documentDate.desc().nullsLast(), t.id),
  index('recommendation_year').on(t.year),
]);

/** Every label with where it came from. */
export const recommendationLabel = pgTable('recommendation_label', {
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull()
    .references(() => recommendation.id, { onDelete: 'cascade' }),
  /** theme | affected_persons | sdg_goal | sdg_target | upr_info_issue */
  vocabulary: text('vocabulary').notNull(),
  /** Term id for vocabularies, code for SDGs. */
  value: text('value').notNull(),
  /** import | manual | suggested */
  provenance: text('provenance').notNull(),
  confidence: real('confidence'),
  /** The label exactly as the source wrote it, when imported. */
  sourceLabel: text('source_label'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.recommendationId, t.vocabulary, t.value] }),
  check('recommendation_label_provenance', sql`${t.provenance} in ('import', 'manual', 'suggested')`),
]);

/** Identifiers a recommendation has in other systems (UHRI annotation id, UPR Info row). */
export const recommendationExternalId = pgTable('recommendation_external_id', {
  scheme: text('scheme').notNull(),
  value: text('value').notNull(),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull()
    .references(() => recommendation.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.scheme, t.value] }), index('recommendation_external_id_rec').on(t.recommendationId)]);

/** The state of a recommendation before each change, so history is never lost. */
export const recommendationRevision = pgTable('recommendation_revision', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull()
    .references(() => recommendation.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  importBatchId: bigint('import_batch_id', { mode: 'number' }),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('recommendation_revision_rec').on(t.recommendationId, t.version)]);

export const importBatch = pgTable('import_batch', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  fileName: text('file_name').notNull(),
  format: text('format').notNull(),
  fileSha256: text('file_sha256').notNull(),
  counts: jsonb('counts').notNull(),
  importedBy: text('imported_by').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});
