/**
 * State reports being composed: a draft is a selection of recommendations
 * compiled into sections that people then edit. Regenerating refreshes what
 * the system wrote and keeps what people wrote; every saved state of the
 * draft is kept as a version.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { appUser } from './people';
import { recommendation } from './recommendations';

export const reportDraft = pgTable('report_draft', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** treaty_periodic | treaty_follow_up | upr_midterm | custom */
  template: text('template').notNull(),
  title: text('title').notNull(),
  /** The language the compiled text is written in. */
  language: text('language').notNull(),
  /** theme | cluster | institution | paragraph */
  grouping: text('grouping').notNull(),
  /** `{ recommendation_ids }` or `{ search }` (the filters of the search API). */
  selection: jsonb('selection').notNull(),
  /** Each section also says what was reported on the earlier recommendations the same ask recurs from. */
  includeEarlier: boolean('include_earlier').notNull().default(false),
  /** With the cluster grouping, what the headings came from at the last compilation: `instance` (the cluster list) or `theme` (each recommendation's primary theme). */
  clusterSource: text('cluster_source'),
  version: integer('version').notNull().default(1),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('report_draft_template', sql`${t.template} in ('treaty_periodic', 'treaty_follow_up', 'upr_midterm', 'custom')`),
  check('report_draft_grouping', sql`${t.grouping} in ('theme', 'cluster', 'institution', 'paragraph')`),
  check('report_draft_cluster_source', sql`${t.clusterSource} is null or ${t.clusterSource} in ('instance', 'theme')`),
]);

export const reportSection = pgTable('report_section', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  draftId: bigint('draft_id', { mode: 'number' }).notNull().references(() => reportDraft.id, { onDelete: 'cascade' }),
  /** Stable across regenerations: `rec:<recommendation id>`. */
  key: text('key').notNull(),
  position: integer('position').notNull(),
  /** The group heading the section sits under (theme, institution…), as compiled. */
  groupHeading: text('group_heading'),
  heading: text('heading').notNull(),
  /** What the system wrote at the last regeneration. */
  generatedText: text('generated_text').notNull(),
  /** What a person wrote instead; kept by regeneration unless asked otherwise. */
  editedText: text('edited_text'),
  editedBy: bigint('edited_by', { mode: 'number' }).references(() => appUser.id),
  editedAt: timestamp('edited_at', { withTimezone: true }),
  /** The recommendation left the selection but a person had edited its section: kept, flagged. */
  orphaned: boolean('orphaned').notNull().default(false),
}, (t) => [uniqueIndex('report_section_key').on(t.draftId, t.key), index('report_section_order').on(t.draftId, t.position)]);

/** Every saved state of a draft, whole. */
export const reportVersion = pgTable('report_version', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  draftId: bigint('draft_id', { mode: 'number' }).notNull().references(() => reportDraft.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  /** What changed: create | regenerate | edit_section. */
  reason: text('reason').notNull(),
  sections: jsonb('sections').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('report_version_unique').on(t.draftId, t.version)]);

/**
 * The instance's clusters: the headings OHCHR-style matrices and reports group recommendations
 * under, kept by the secretariat in its own order. While the list has a cluster, the composer's
 * "by cluster" grouping uses it; without one, each recommendation's primary theme.
 */
export const reportCluster = pgTable('report_cluster', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** The heading per language (`{ es, en, fr, pt }`, at least one). */
  name: jsonb('name').notNull(),
  /** Order of the headings in a report: 1, 2, 3… */
  position: integer('position').notNull(),
  version: integer('version').notNull().default(1),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('report_cluster_order').on(t.position, t.id)]);

/** Which cluster a recommendation sits in (one at most); set by a person, from a suggestion or not. */
export const reportClusterMember = pgTable('report_cluster_member', {
  recommendationId: bigint('recommendation_id', { mode: 'number' }).primaryKey().references(() => recommendation.id, { onDelete: 'cascade' }),
  clusterId: bigint('cluster_id', { mode: 'number' }).notNull().references(() => reportCluster.id),
  /** manual | suggestion (a person accepted a suggested cluster) */
  source: text('source').notNull(),
  /** The suggestion's score when accepted from one. */
  score: real('score'),
  assignedBy: bigint('assigned_by', { mode: 'number' }).references(() => appUser.id),
  assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('report_cluster_member_cluster').on(t.clusterId),
  check('report_cluster_member_source', sql`${t.source} in ('manual', 'suggestion')`),
]);
