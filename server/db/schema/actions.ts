/**
 * What institutions did about recommendations: action reports, the evidence
 * behind them and every step of their validation chain
 * (shared/workflows/action-review.ts decides the steps).
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { appUser, institution } from './people';
import { planActivity } from './plans';
import { recommendation } from './recommendations';
import type { LocalizedText } from './reference';

export const actionReport = pgTable('action_report', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** The institution that reports it; its focal points write it and its validator checks it. */
  institutionId: integer('institution_id').notNull().references(() => institution.id),
  /** draft | submitted | validated | published | returned */
  state: text('state').notNull().default('draft'),
  /** legislative | regulatory | policy_plan | programme | budgetary | institutional | judicial | training | awareness | data */
  actionType: text('action_type').notNull(),
  /** structural (changes a law, policy or institution) | individual (a measure for a particular case or person) */
  reach: text('reach').notNull(),
  /** Translatable: one value per language code, at least the original one. */
  title: jsonb('title').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>().notNull().default({}),
  originalLanguage: text('original_language').notNull(),
  startDate: date('start_date'),
  endDate: date('end_date'),
  /** Percent complete, as the institution estimates it. */
  progress: smallint('progress'),
  budgetAmount: numeric('budget_amount', { precision: 18, scale: 2 }),
  /** ISO 4217 code. */
  budgetCurrency: text('budget_currency'),
  /** The budget programme or line it is paid from, as the national budget codes it. */
  budgetProgramme: text('budget_programme'),
  /** The planned activity this action carries out, if any (docs/decisions/0013-implementation-plans.md). */
  planActivityId: bigint('plan_activity_id', { mode: 'number' }).references(() => planActivity.id),
  /** The action completes that activity (not only a step of it). */
  completesActivity: boolean('completes_activity').notNull().default(false),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  updatedBy: bigint('updated_by', { mode: 'number' }).references(() => appUser.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
}, (t) => [
  index('action_report_institution').on(t.institutionId, t.state),
  index('action_report_state').on(t.state),
  index('action_report_plan_activity').on(t.planActivityId),
  check('action_report_state', sql`${t.state} in ('draft', 'submitted', 'validated', 'published', 'returned')`),
  check('action_report_type', sql`${t.actionType} in ('legislative', 'regulatory', 'policy_plan', 'programme', 'budgetary', 'institutional', 'judicial', 'training', 'awareness', 'data')`),
  check('action_report_reach', sql`${t.reach} in ('structural', 'individual')`),
  check('action_report_progress', sql`${t.progress} between 0 and 100`),
  check('action_report_dates', sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`),
  check('action_report_budget', sql`(${t.budgetAmount} is null) = (${t.budgetCurrency} is null)`),
]);

/** The recommendations one action answers (each assigned to the action's institution when linked). */
export const actionRecommendation = pgTable('action_recommendation', {
  actionId: bigint('action_id', { mode: 'number' }).notNull().references(() => actionReport.id, { onDelete: 'cascade' }),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull().references(() => recommendation.id),
}, (t) => [
  primaryKey({ columns: [t.actionId, t.recommendationId] }),
  index('action_recommendation_recommendation').on(t.recommendationId),
]);

/** Every move through the validation chain: who, when, from where to where, and why. Append-only. */
export const actionTransition = pgTable('action_transition', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  actionId: bigint('action_id', { mode: 'number' }).notNull().references(() => actionReport.id, { onDelete: 'cascade' }),
  transition: text('transition').notNull(),
  fromState: text('from_state').notNull(),
  toState: text('to_state').notNull(),
  actorId: bigint('actor_id', { mode: 'number' }).notNull().references(() => appUser.id),
  comment: text('comment'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('action_transition_action').on(t.actionId, t.at)]);

/**
 * Evidence of an action: a link, or an uploaded file kept under a generated
 * name (never the name the uploader gave, which is kept only for display).
 */
export const actionEvidence = pgTable('action_evidence', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  actionId: bigint('action_id', { mode: 'number' }).notNull().references(() => actionReport.id, { onDelete: 'cascade' }),
  /** link | file */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  url: text('url'),
  storedName: text('stored_name').unique(),
  fileName: text('file_name'),
  /** The type found in the file's bytes, not the one the browser claimed. */
  mediaType: text('media_type'),
  sizeBytes: bigint('size_bytes', { mode: 'number' }),
  sha256: text('sha256'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('action_evidence_action').on(t.actionId),
  check('action_evidence_kind', sql`(${t.kind} = 'link' and ${t.url} is not null and ${t.storedName} is null)
    or (${t.kind} = 'file' and ${t.url} is null and ${t.storedName} is not null and ${t.mediaType} is not null and ${t.sizeBytes} is not null)`),
]);
