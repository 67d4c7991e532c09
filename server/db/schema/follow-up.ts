/**
 * Following up recommendations over time: how far each one is implemented
 * (as assessed by the government and, later, by others), and the reporting
 * rounds in which institutions owe reports by a date.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { appUser } from './people';
import { recommendation } from './recommendations';
import type { LocalizedText } from './reference';

/**
 * Who assesses implementation. The government's status is set by the NMIRF
 * secretariat; the others (national human rights institution, civil society,
 * the mechanism itself in its follow-up procedure) each have their own scale.
 */
export const ASSESSOR_KINDS = ['government', 'nhri', 'civil_society', 'mechanism'] as const;

/** One step of an assessor's scale, configured per instance. Keys in use are retired (active = false), never deleted. */
export const statusScaleStep = pgTable('status_scale_step', {
  id: serial('id').primaryKey(),
  assessorKind: text('assessor_kind').notNull(),
  key: text('key').notNull(),
  label: jsonb('label').$type<LocalizedText>().notNull(),
  /** Order on the scale, from least to most implemented. */
  position: smallint('position').notNull(),
  active: boolean('active').notNull().default(true),
}, (t) => [
  unique('status_scale_step_key').on(t.assessorKind, t.key),
  check('status_scale_step_assessor', sql`${t.assessorKind} in ('government', 'nhri', 'civil_society', 'mechanism')`),
]);

/**
 * One assessment of one recommendation. Append-only: a new assessment is a new
 * row, so the history is the table; the current status is the latest row.
 */
export const implementationAssessment = pgTable('implementation_assessment', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull().references(() => recommendation.id, { onDelete: 'cascade' }),
  assessorKind: text('assessor_kind').notNull(),
  /** The organisation that assessed (NHRI or civil-society organisation), once participation exists. */
  assessorOrganisationId: integer('assessor_organisation_id'),
  statusKey: text('status_key').notNull(),
  reason: text('reason').notNull(),
  assessedOn: date('assessed_on').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('implementation_assessment_recommendation').on(t.recommendationId, t.assessorKind, t.assessedOn),
  check('implementation_assessment_assessor', sql`${t.assessorKind} in ('government', 'nhri', 'civil_society', 'mechanism')`),
]);

/**
 * A reporting round: the secretariat asks the responsible institutions to
 * report by a date. The scope narrows which assignments count (empty = no
 * narrowing on that axis). Reminders go out `reminder_days` before the due
 * date; after it, overdue notices escalate to the validator and then the
 * secretariat.
 */
export const reportingRound = pgTable('reporting_round', {
  id: serial('id').primaryKey(),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  mechanismIds: integer('mechanism_ids').array().notNull().default(sql`'{}'`),
  recommendationIds: bigint('recommendation_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
  institutionIds: integer('institution_ids').array().notNull().default(sql`'{}'`),
  opensOn: date('opens_on').notNull(),
  dueOn: date('due_on').notNull(),
  /** Days before the due date on which focal points are reminded, e.g. {14,7,1}. */
  reminderDays: smallint('reminder_days').array().notNull().default(sql`'{14,7,1}'`),
  /** Days after the due date when the validator, then the secretariat, are told. */
  escalateToValidatorAfterDays: smallint('escalate_to_validator_after_days').notNull().default(3),
  escalateToSecretariatAfterDays: smallint('escalate_to_secretariat_after_days').notNull().default(7),
  closed: boolean('closed').notNull().default(false),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('reporting_round_dates', sql`${t.dueOn} >= ${t.opensOn}`),
  check('reporting_round_escalation', sql`${t.escalateToSecretariatAfterDays} >= ${t.escalateToValidatorAfterDays} and ${t.escalateToValidatorAfterDays} >= 1`),
]);

/** When each scheduled job last ran to completion: the runner's memory across restarts. */
export const jobRun = pgTable('job_run', {
  name: text('name').primaryKey(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  /** The day (in the job's clock) the job last completed for: a restarted runner does not redo it. */
  lastRunFor: date('last_run_for'),
  lastError: text('last_error'),
});
