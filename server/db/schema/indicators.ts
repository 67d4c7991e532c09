/**
 * Indicators that measure progress on recommendations (OHCHR's structural /
 * process / outcome framework), with their measurements over time, linked to
 * the recommendations and actions they speak to.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { actionReport } from './actions';
import { appUser, institution } from './people';
import { recommendation } from './recommendations';
import { sdgIndicator, type LocalizedText } from './reference';

export const indicator = pgTable('indicator', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** The institution responsible for measuring it. */
  institutionId: integer('institution_id').notNull().references(() => institution.id),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  /** structural | process | outcome */
  kind: text('kind').notNull(),
  /** What a value counts: "%", "persons", "PYG", "cases per 100,000"… */
  unit: text('unit').notNull(),
  baselineValue: numeric('baseline_value'),
  baselineDate: date('baseline_date'),
  targetValue: numeric('target_value'),
  targetDate: date('target_date'),
  /** Dimensions measurements are broken down by: sex, age, disability, ethnicity, region… */
  disaggregation: text('disaggregation').array().notNull().default(sql`'{}'`),
  sdgIndicator: text('sdg_indicator').references(() => sdgIndicator.code),
  dataSource: text('data_source'),
  /** monthly | quarterly | annual | biennial | irregular */
  frequency: text('frequency').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('indicator_institution').on(t.institutionId),
  check('indicator_kind', sql`${t.kind} in ('structural', 'process', 'outcome')`),
  check('indicator_frequency', sql`${t.frequency} in ('monthly', 'quarterly', 'annual', 'biennial', 'irregular')`),
]);

export const indicatorRecommendation = pgTable('indicator_recommendation', {
  indicatorId: bigint('indicator_id', { mode: 'number' }).notNull().references(() => indicator.id, { onDelete: 'cascade' }),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull().references(() => recommendation.id),
}, (t) => [primaryKey({ columns: [t.indicatorId, t.recommendationId] }), index('indicator_recommendation_recommendation').on(t.recommendationId)]);

export const indicatorAction = pgTable('indicator_action', {
  indicatorId: bigint('indicator_id', { mode: 'number' }).notNull().references(() => indicator.id, { onDelete: 'cascade' }),
  actionId: bigint('action_id', { mode: 'number' }).notNull().references(() => actionReport.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.indicatorId, t.actionId] }), index('indicator_action_action').on(t.actionId)]);

/**
 * One value at one date, for the whole population (`breakdown` {}) or one
 * group of a disaggregation (`{"sex": "female", "area": "rural"}`).
 */
export const indicatorMeasurement = pgTable('indicator_measurement', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  indicatorId: bigint('indicator_id', { mode: 'number' }).notNull().references(() => indicator.id, { onDelete: 'cascade' }),
  measuredOn: date('measured_on').notNull(),
  value: numeric('value').notNull(),
  breakdown: jsonb('breakdown').$type<Record<string, string>>().notNull().default({}),
  note: text('note'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('indicator_measurement_unique').on(t.indicatorId, t.measuredOn, t.breakdown)]);
