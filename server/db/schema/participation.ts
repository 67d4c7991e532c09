/**
 * Civil-society participation: organisations (civil society, national human
 * rights institutions, academia) that register, are verified by the
 * secretariat, and then comment on recommendations or assess their
 * implementation on their own scale. Everything they write waits for
 * moderation; the public sees a contribution only when it is approved and not
 * hidden by abuse reports (`state = 'approved' and not hidden`), which is what
 * a later network hub receives.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { implementationAssessment } from './follow-up';
import { appUser } from './people';
import { recommendation } from './recommendations';

export { ORGANISATION_KINDS, ORGANISATION_STATES } from '../../../shared/participation';

export const organisation = pgTable('organisation', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** civil_society | nhri | academia */
  kind: text('kind').notNull(),
  /** Stored lower-case: the address of the person who registered it. */
  contactEmail: text('contact_email').notNull(),
  website: text('website'),
  description: text('description').notNull().default(''),
  /** email_pending → awaiting_verification → verified | rejected | suspended */
  state: text('state').notNull().default('email_pending'),
  /** Why the secretariat rejected or suspended it; shown to its members. */
  stateReason: text('state_reason'),
  decidedBy: bigint('decided_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('organisation_state').on(t.state),
  check('organisation_kind', sql`${t.kind} in ('civil_society', 'nhri', 'academia')`),
  check('organisation_state_check', sql`${t.state} in ('email_pending', 'awaiting_verification', 'verified', 'rejected', 'suspended')`),
  check('organisation_reason', sql`${t.state} not in ('rejected', 'suspended') or ${t.stateReason} is not null`),
]);

/** The people who write for an organisation. */
export const organisationMember = pgTable('organisation_member', {
  id: serial('id').primaryKey(),
  organisationId: integer('organisation_id').notNull().references(() => organisation.id, { onDelete: 'cascade' }),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('organisation_member_unique').on(t.organisationId, t.userId),
  index('organisation_member_user').on(t.userId),
]);

/** One-time links that confirm an organisation's email address. Only the hash of the token is kept. */
export const organisationEmailToken = pgTable('organisation_email_token', {
  tokenHash: text('token_hash').primaryKey(),
  organisationId: integer('organisation_id').notNull().references(() => organisation.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export { CONTRIBUTION_KINDS, CONTRIBUTION_STATES } from '../../../shared/participation';

/**
 * A comment on a recommendation, or an independent assessment of its
 * implementation (a step of the organisation's assessor scale and a reason).
 * Plain text only. `hidden` is set when enough distinct people report it, and
 * keeps it from the public until the secretariat reviews it.
 */
export const contribution = pgTable('contribution', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  organisationId: integer('organisation_id').notNull().references(() => organisation.id, { onDelete: 'cascade' }),
  authorId: bigint('author_id', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  recommendationId: bigint('recommendation_id', { mode: 'number' }).notNull().references(() => recommendation.id, { onDelete: 'cascade' }),
  /** comment | assessment */
  kind: text('kind').notNull(),
  body: text('body').notNull(),
  /** For an assessment: the scale it uses (nhri | civil_society) and the step. */
  assessorKind: text('assessor_kind'),
  statusKey: text('status_key'),
  /** pending → approved | rejected */
  state: text('state').notNull().default('pending'),
  /** Why it was rejected: shown to its organisation only. */
  rejectionReason: text('rejection_reason'),
  hidden: boolean('hidden').notNull().default(false),
  moderatedBy: bigint('moderated_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  /** The implementation_assessment row an approved assessment became. */
  assessmentId: bigint('assessment_id', { mode: 'number' }).references(() => implementationAssessment.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('contribution_public').on(t.recommendationId, t.createdAt).where(sql`${t.state} = 'approved' and not ${t.hidden}`),
  index('contribution_queue').on(t.createdAt).where(sql`${t.state} = 'pending' or ${t.hidden}`),
  index('contribution_organisation').on(t.organisationId, t.createdAt),
  check('contribution_kind', sql`${t.kind} in ('comment', 'assessment')`),
  check('contribution_state', sql`${t.state} in ('pending', 'approved', 'rejected')`),
  check('contribution_assessment', sql`(${t.kind} = 'assessment') = (${t.statusKey} is not null and ${t.assessorKind} in ('nhri', 'civil_society'))`),
  check('contribution_rejection', sql`(${t.state} = 'rejected') = (${t.rejectionReason} is not null)`),
]);

/** Evidence an assessment gives: links (http/https only) and uploaded files. */
export const contributionEvidence = pgTable('contribution_evidence', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  contributionId: bigint('contribution_id', { mode: 'number' }).notNull().references(() => contribution.id, { onDelete: 'cascade' }),
  /** link | file */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  url: text('url'),
  storedName: text('stored_name'),
  fileName: text('file_name'),
  mediaType: text('media_type'),
  sizeBytes: integer('size_bytes'),
  sha256: text('sha256'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('contribution_evidence_contribution').on(t.contributionId),
  check('contribution_evidence_kind', sql`(${t.kind} = 'link' and ${t.url} is not null) or (${t.kind} = 'file' and ${t.storedName} is not null)`),
]);

/**
 * "This is abusive", from anyone. `reporter` is `user:<id>` for a signed-in
 * person, else a keyed hash of the address and browser: never the address
 * itself. One report per reporter and contribution. Reports are marked
 * reviewed when the secretariat restores the contribution, and stop counting.
 */
export const abuseReport = pgTable('abuse_report', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  contributionId: bigint('contribution_id', { mode: 'number' }).notNull().references(() => contribution.id, { onDelete: 'cascade' }),
  reporter: text('reporter').notNull(),
  reason: text('reason').notNull(),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('abuse_report_once').on(t.contributionId, t.reporter),
]);

/** The instance's key for hashing reporters' addresses, created on first use. */
export const participationSecret = pgTable('participation_secret', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});
