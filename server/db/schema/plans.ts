/**
 * Implementation plans: what the State plans to do about recommendations (a
 * national human-rights action plan, the follow-up plan of one review, a
 * national strategy). A plan has a tree of objectives and planned activities;
 * activities link recommendations, SDG targets and indicators. Focal points
 * propose activities through the validation chain of action reports
 * (shared/workflows/action-review.ts); an adopted plan changes only through
 * recorded revisions. See docs/decisions/0013-implementation-plans.md.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn, bigint, bigserial, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { indicator } from './indicators';
import { appUser, institution } from './people';
import { recommendation } from './recommendations';
import { sdgTarget, type LocalizedText } from './reference';

export const plan = pgTable('plan', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** national_action_plan | review_follow_up | strategy */
  kind: text('kind').notNull(),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>().notNull().default({}),
  originalLanguage: text('original_language').notNull(),
  periodStart: date('period_start'),
  periodEnd: date('period_end'),
  /** draft | adopted | closed; owned by the secretariat. */
  status: text('status').notNull().default('draft'),
  adoptedOn: date('adopted_on'),
  /** The decree, resolution or law that adopted it, as cited. */
  legalInstrument: text('legal_instrument'),
  adoptionUrl: text('adoption_url'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  updatedBy: bigint('updated_by', { mode: 'number' }).references(() => appUser.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('plan_kind', sql`${t.kind} in ('national_action_plan', 'review_follow_up', 'strategy')`),
  check('plan_status', sql`${t.status} in ('draft', 'adopted', 'closed')`),
  check('plan_period', sql`${t.periodEnd} is null or ${t.periodStart} is null or ${t.periodEnd} >= ${t.periodStart}`),
  check('plan_adopted', sql`${t.status} = 'draft' or ${t.adoptedOn} is not null`),
]);

/** The plan's own structure: strategic axis → objective → result, each ordered under its parent. */
export const planObjective = pgTable('plan_objective', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  planId: bigint('plan_id', { mode: 'number' }).notNull().references(() => plan.id, { onDelete: 'cascade' }),
  parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => planObjective.id, { onDelete: 'cascade' }),
  /** axis | objective | result */
  level: text('level').notNull(),
  /** The plan's own numbering ("1", "1.2", "1.2.a"), as written in the plan. */
  code: text('code'),
  position: integer('position').notNull().default(0),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [
  index('plan_objective_plan').on(t.planId, t.parentId, t.position),
  check('plan_objective_level', sql`${t.level} in ('axis', 'objective', 'result')`),
]);

/**
 * A planned activity. `state` is the validation chain's (shared/workflows/action-review.ts):
 * 'published' means accepted into the plan; the other states are a focal point's proposal on its way.
 */
export const planActivity = pgTable('plan_activity', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  planId: bigint('plan_id', { mode: 'number' }).notNull().references(() => plan.id, { onDelete: 'cascade' }),
  objectiveId: bigint('objective_id', { mode: 'number' }).references(() => planObjective.id, { onDelete: 'set null' }),
  /** The lead institution: its focal points propose, its validator reviews. */
  institutionId: integer('institution_id').notNull().references(() => institution.id),
  state: text('state').notNull().default('draft'),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>().notNull().default({}),
  originalLanguage: text('original_language').notNull(),
  startDate: date('start_date'),
  endDate: date('end_date'),
  /** [{ "title": "…", "due_on": "YYYY-MM-DD" }] */
  milestones: jsonb('milestones').$type<{ title: string; due_on: string | null }[]>().notNull().default([]),
  budgetAmount: numeric('budget_amount', { precision: 18, scale: 2 }),
  budgetCurrency: text('budget_currency'),
  budgetProgramme: text('budget_programme'),
  position: integer('position').notNull().default(0),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  updatedBy: bigint('updated_by', { mode: 'number' }).references(() => appUser.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
}, (t) => [
  index('plan_activity_plan').on(t.planId, t.state),
  index('plan_activity_lead').on(t.institutionId, t.state),
  check('plan_activity_state', sql`${t.state} in ('draft', 'submitted', 'validated', 'published', 'returned')`),
  check('plan_activity_dates', sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`),
  check('plan_activity_budget', sql`(${t.budgetAmount} is null) = (${t.budgetCurrency} is null)`),
]);

/** Co-responsible institutions of an activity (the lead is on the activity). */
export const planActivityInstitution = pgTable('plan_activity_institution', {
  activityId: bigint('activity_id', { mode: 'number' }).notNull().references(() => planActivity.id, { onDelete: 'cascade' }),
  institutionId: integer('institution_id').notNull().references(() => institution.id),
}, (t) => [primaryKey({ columns: [t.activityId, t.institutionId] }), index('plan_activity_institution_institution').on(t.institutionId)]);

export const planActivityRecommendation = pgTable('plan_activity_recommendation', {
  activityId: bigint('activity_id', { mode: 'number' }).notNull().references(() => planActivity.id, { onDelete: 'cascade' }),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull().references(() => recommendation.id),
}, (t) => [primaryKey({ columns: [t.activityId, t.recommendationId] }), index('plan_activity_recommendation_recommendation').on(t.recommendationId)]);

export const planActivitySdgTarget = pgTable('plan_activity_sdg_target', {
  activityId: bigint('activity_id', { mode: 'number' }).notNull().references(() => planActivity.id, { onDelete: 'cascade' }),
  target: text('target').notNull().references(() => sdgTarget.code),
}, (t) => [primaryKey({ columns: [t.activityId, t.target] })]);

export const planActivityIndicator = pgTable('plan_activity_indicator', {
  activityId: bigint('activity_id', { mode: 'number' }).notNull().references(() => planActivity.id, { onDelete: 'cascade' }),
  indicatorId: bigint('indicator_id', { mode: 'number' }).notNull().references(() => indicator.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.activityId, t.indicatorId] }), index('plan_activity_indicator_indicator').on(t.indicatorId)]);

/** Every move of a proposal through the validation chain (like action_transition). Append-only. */
export const planActivityTransition = pgTable('plan_activity_transition', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  activityId: bigint('activity_id', { mode: 'number' }).notNull().references(() => planActivity.id, { onDelete: 'cascade' }),
  transition: text('transition').notNull(),
  fromState: text('from_state').notNull(),
  toState: text('to_state').notNull(),
  actorId: bigint('actor_id', { mode: 'number' }).notNull().references(() => appUser.id),
  comment: text('comment'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('plan_activity_transition_activity').on(t.activityId, t.at)]);

/**
 * A change to an adopted (or closed) plan: who, when, why and what, numbered per plan. Append-only: every
 * revision is kept. `changes` holds the records before and after.
 */
export const planRevision = pgTable('plan_revision', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  planId: bigint('plan_id', { mode: 'number' }).notNull().references(() => plan.id, { onDelete: 'cascade' }),
  number: integer('number').notNull(),
  actorId: bigint('actor_id', { mode: 'number' }).notNull().references(() => appUser.id),
  reason: text('reason').notNull(),
  /** What the revision did: update_plan, create_objective, …, accept_proposal. */
  kind: text('kind').notNull(),
  changes: jsonb('changes').$type<{ entity: string; id: number; before: unknown; after: unknown }>().notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('plan_revision_number').on(t.planId, t.number)]);
