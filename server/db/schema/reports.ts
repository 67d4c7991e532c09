/**
 * State reports being composed: a draft is a selection of recommendations
 * compiled into sections that people then edit. Regenerating refreshes what
 * the system wrote and keeps what people wrote; every saved state of the
 * draft is kept as a version.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { appUser } from './people';

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
  version: integer('version').notNull().default(1),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('report_draft_template', sql`${t.template} in ('treaty_periodic', 'treaty_follow_up', 'upr_midterm', 'custom')`),
  check('report_draft_grouping', sql`${t.grouping} in ('theme', 'cluster', 'institution', 'paragraph')`),
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
