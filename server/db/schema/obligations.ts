/**
 * The State's reporting obligations: the human-rights treaties (and their
 * optional protocols) with the body each reports to, which of them each State
 * has ratified, and the calendar of what the State owes to whom, by when.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { appUser } from './people';
import { country, mechanism, type LocalizedText } from './reference';

/**
 * A core UN human-rights treaty or optional protocol. `periodicity_years` is
 * how often the State reports to its body (null: no periodic report of its
 * own). Seeded; the periodicity is the seed's default until the secretariat
 * changes it (the seed never overwrites it).
 */
export const treatyInstrument = pgTable('treaty_instrument', {
  code: text('code').primaryKey(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  /** The treaty body that monitors it. */
  mechanismId: integer('mechanism_id').notNull().references(() => mechanism.id),
  /** The treaty an optional protocol belongs to. */
  parentCode: text('parent_code'),
  periodicityYears: smallint('periodicity_years'),
  position: smallint('position').notNull(),
});

/**
 * Where a State stands on an instrument. Seeded for every UN member State from
 * the reference file (`source = 'reference'`, refreshed at each start); once
 * the secretariat edits the instance's State's row it becomes `manual` and the
 * seed leaves it alone.
 */
export const treatyRatification = pgTable('treaty_ratification', {
  iso3: text('iso3').notNull().references(() => country.iso3),
  instrumentCode: text('instrument_code').notNull().references(() => treatyInstrument.code),
  status: text('status').notNull(),
  /** Year of ratification or accession, for parties. */
  year: smallint('year'),
  source: text('source').notNull().default('reference'),
  version: integer('version').notNull().default(1),
  /** Who last edited it (no foreign key: reference rows outlive accounts; the audit log has the detail). */
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.iso3, t.instrumentCode] }),
  check('treaty_ratification_status', sql`${t.status} in ('party', 'signatory', 'none')`),
  check('treaty_ratification_source', sql`${t.source} in ('reference', 'manual')`),
]);

export const OBLIGATION_KINDS = ['periodic_report', 'upr_review', 'upr_midterm', 'follow_up', 'regional_request', 'other'] as const;

/**
 * One thing the State owes a mechanism by a date. Status is not stored: met
 * when `met_on` is set, late when `due_on` has passed, open otherwise.
 *
 * Derived obligations (periodic reports, the UPR review and mid-term report)
 * carry a `derived_key` and the `basis_on` date their due date was computed
 * from; `due_on_source` says whether the due date is still the derived one or
 * the secretariat's (which a refresh never overwrites).
 */
export const reportingObligation = pgTable('reporting_obligation', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  mechanismId: integer('mechanism_id').references(() => mechanism.id),
  instrumentCode: text('instrument_code').references(() => treatyInstrument.code),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  /** Null: date to be set. */
  dueOn: date('due_on'),
  dueOnSource: text('due_on_source').notNull().default('manual'),
  metOn: date('met_on'),
  /** The recommendations a follow-up procedure selected. */
  recommendationIds: bigint('recommendation_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
  notes: text('notes'),
  derivedKey: text('derived_key'),
  basisOn: date('basis_on'),
  version: integer('version').notNull().default(1),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('reporting_obligation_kind', sql`${t.kind} in ('periodic_report', 'upr_review', 'upr_midterm', 'follow_up', 'regional_request', 'other')`),
  check('reporting_obligation_due_on_source', sql`${t.dueOnSource} in ('derived', 'manual')`),
  /** One open obligation per derived key. */
  uniqueIndex('reporting_obligation_open_derived').on(t.derivedKey).where(sql`${t.derivedKey} is not null and ${t.metOn} is null`),
  index('reporting_obligation_due').on(t.dueOn),
  index('reporting_obligation_recommendations').using('gin', t.recommendationIds),
]);
