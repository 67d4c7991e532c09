/**
 * The International Network of NMIRFs (a hub instance, INSTANCE_ROLE=hub): its registry of
 * States, the people who act for the Network, join requests, the Executive Committee's terms,
 * meetings with their agendas and attendance, proposals, votes and published decision records.
 * The rules themselves live in shared/network/ (pure functions); these tables hold their inputs.
 */
import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { appUser } from './people';
import { country, type LocalizedText } from './reference';

/** A State of the registry: a member (it has an NMIRF) or an observer (it has none), with its NMIRF's profile. */
export const networkState = pgTable('network_state', {
  iso3: text('iso3').primaryKey().references(() => country.iso3),
  /** member | observer */
  status: text('status').notNull(),
  /** A founding participant of the Asunción Declaration: a member from the start, without a request. */
  founding: boolean('founding').notNull().default(false),
  nmirfName: jsonb('nmirf_name').$type<LocalizedText>().notNull().default({}),
  /** ministerial | inter_ministerial | parliamentary | institutionally_separate (members only). */
  nmirfType: text('nmirf_type'),
  legalBasis: text('legal_basis').notNull().default(''),
  coordinatingMinistries: jsonb('coordinating_ministries').$type<string[]>().notNull().default([]),
  website: text('website'),
  trackingSystem: text('tracking_system').notNull().default(''),
  joinedOn: date('joined_on').notNull(),
  declarationAdoptedOn: date('declaration_adopted_on'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('network_state_status', sql`${t.status} in ('member', 'observer')`),
  check('network_state_nmirf_type', sql`${t.nmirfType} is null or ${t.nmirfType} in ('ministerial', 'inter_ministerial', 'parliamentary', 'institutionally_separate')`),
]);

/** Every change of a State's status, from its joining on (an observer that creates an NMIRF becomes a member). */
export const networkStatusChange = pgTable('network_status_change', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  /** Null when the State joined. */
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  changedOn: date('changed_on').notNull(),
  reason: text('reason').notNull().default(''),
  joinRequestId: integer('join_request_id'),
  changedBy: bigint('changed_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('network_status_change_state').on(t.iso3, t.id)]);

/**
 * The roles people hold on the hub: the hub secretariat, Executive Committee members and the
 * Coordinator, a member State's focal point and deputy, an observer State's representative (these
 * three carry the State), partners (OHCHR, GANHRI, an NHRI, civil society, academia).
 */
export const networkRole = pgTable('network_role', {
  id: serial('id').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  role: text('role').notNull(),
  iso3: text('iso3').references(() => networkState.iso3),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('network_role_unique').on(t.userId, t.role, t.iso3).nullsNotDistinct(),
  index('network_role_state').on(t.iso3),
  check('network_role_role', sql`${t.role} in ('hub_secretariat', 'committee_member', 'coordinator', 'state_focal_point', 'state_deputy', 'observer_representative', 'partner')`),
  check('network_role_state_needed', sql`(${t.role} in ('state_focal_point', 'state_deputy', 'observer_representative')) = (${t.iso3} is not null)`),
  // One focal point and one deputy per State.
  uniqueIndex('network_role_one_per_state').on(t.iso3, t.role).where(sql`${t.role} in ('state_focal_point', 'state_deputy')`),
]);

/** A State's request to join (as member or observer), with its formal communication, decided by the Executive Committee. */
export const networkJoinRequest = pgTable('network_join_request', {
  id: serial('id').primaryKey(),
  iso3: text('iso3').notNull().references(() => country.iso3),
  /** member | observer */
  requestedStatus: text('requested_status').notNull(),
  requesterName: text('requester_name').notNull(),
  /** Stored lower-case: where the decision is emailed. */
  requesterEmail: text('requester_email').notNull(),
  requesterLocale: text('requester_locale').notNull().default('en'),
  focalPointName: text('focal_point_name').notNull(),
  focalPointEmail: text('focal_point_email').notNull(),
  declarationAdoptedOn: date('declaration_adopted_on').notNull(),
  /** The NMIRF's profile as requested (network_state's fields). */
  profile: jsonb('profile').$type<Record<string, unknown>>().notNull().default({}),
  /** Federation: where the State's instance publishes, and its public key (a JWK with its kid), registered on approval. */
  instanceUrl: text('instance_url'),
  publicKey: jsonb('public_key').$type<Record<string, unknown>>(),
  /** The formal communication (a PDF, checked on its bytes). */
  storedName: text('stored_name').notNull(),
  fileName: text('file_name').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  /** submitted → approved | declined | more_information_requested (→ submitted again) */
  state: text('state').notNull().default('submitted'),
  /** Why it was declined, or what more is asked. */
  decisionReason: text('decision_reason'),
  decidedBy: bigint('decided_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('network_join_request_state').on(t.state),
  check('network_join_request_status', sql`${t.requestedStatus} in ('member', 'observer')`),
  check('network_join_request_state_check', sql`${t.state} in ('submitted', 'more_information_requested', 'approved', 'declined')`),
  check('network_join_request_reason', sql`${t.state} not in ('declined', 'more_information_requested') or ${t.decisionReason} is not null`),
]);

/** A meeting of the Network: at least one a year; its agenda sent one calendar month before. */
export const networkMeeting = pgTable('network_meeting', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  meetsOn: date('meets_on').notNull(),
  place: text('place').notNull().default(''),
  onlineLink: text('online_link'),
  /** planned → confirmed → held */
  status: text('status').notNull().default('planned'),
  /** The day the agenda was sent (the instance's calendar), and when. */
  agendaSentOn: date('agenda_sent_on'),
  agendaSentAt: timestamp('agenda_sent_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('network_meeting_date').on(t.meetsOn),
  check('network_meeting_status', sql`${t.status} in ('planned', 'confirmed', 'held')`),
]);

export const networkAgendaItem = pgTable('network_agenda_item', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id').notNull().references(() => networkMeeting.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('network_agenda_item_meeting').on(t.meetingId, t.position)]);

/** A document of an agenda item (checked on its bytes, kept in the upload store); public once the meeting's agenda is sent. */
export const networkAgendaDocument = pgTable('network_agenda_document', {
  id: serial('id').primaryKey(),
  agendaItemId: integer('agenda_item_id').notNull().references(() => networkAgendaItem.id, { onDelete: 'cascade' }),
  storedName: text('stored_name').notNull().unique(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('network_agenda_document_item').on(t.agendaItemId)]);

/** Who was present at a meeting (the basis of "present"); the State's status is the one it had then. */
export const networkAttendance = pgTable('network_attendance', {
  meetingId: integer('meeting_id').notNull().references(() => networkMeeting.id, { onDelete: 'cascade' }),
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  /** member | observer, at the meeting. */
  status: text('status').notNull(),
  /** Whether the focal point (not only the deputy) attended: decides who casts the State's vote. */
  focalPointPresent: boolean('focal_point_present').notNull().default(true),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.meetingId, t.iso3] }),
  check('network_attendance_status', sql`${t.status} in ('member', 'observer')`),
]);

/** A proposal on an agenda item: open → voting → decided (by consensus or by the vote). */
export const networkProposal = pgTable('network_proposal', {
  id: serial('id').primaryKey(),
  agendaItemId: integer('agenda_item_id').notNull().references(() => networkAgendaItem.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  /** open | voting | decided */
  state: text('state').notNull().default('open'),
  /** Members present who objected to consensus. */
  objections: jsonb('objections').$type<string[]>().notNull().default([]),
  /** The published decision record (shared/network/decision-record.ts), once decided. */
  record: jsonb('record'),
  sha256: text('sha256'),
  outcome: text('outcome'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('network_proposal_item').on(t.agendaItemId),
  check('network_proposal_state', sql`${t.state} in ('open', 'voting', 'decided')`),
]);

/** One vote per member State present; changeable until the chair closes the vote (each change audited). */
export const networkVote = pgTable('network_vote', {
  proposalId: integer('proposal_id').notNull().references(() => networkProposal.id, { onDelete: 'cascade' }),
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  vote: text('vote').notNull(),
  /** focal_point | deputy */
  castBy: text('cast_by').notNull(),
  castByUser: bigint('cast_by_user', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.proposalId, t.iso3] }),
  check('network_vote_vote', sql`${t.vote} in ('yes', 'no', 'abstain')`),
  check('network_vote_cast_by', sql`${t.castBy} in ('focal_point', 'deputy')`),
]);

/**
 * An appointment of the Executive Committee at a Network meeting: its seats, its Coordinator, its
 * three-year term. A later appointment is the successor of the ones before it.
 */
export const networkCommitteeTerm = pgTable('network_committee_term', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id').notNull().references(() => networkMeeting.id),
  /** The decision of that meeting that appointed it. */
  proposalId: integer('proposal_id').references(() => networkProposal.id),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  seats: jsonb('seats').$type<string[]>().notNull(),
  coordinator: text('coordinator').notNull(),
  /** The regional rule in force when it was appointed (shared/network/committee.ts CommitteeRule). */
  rule: jsonb('rule').$type<{ min_seats: number; max_seats: number; max_seats_per_region: number }>().notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('network_committee_term_start').on(t.startsOn)]);

/**
 * The Network's rule for the Executive Committee's composition (shared/network/committee.ts
 * CommitteeRule), changed only by a decision of a meeting (the proposal that adopted it). No row:
 * the Declaration's default (3 to 5 seats, no two from one UN regional group).
 */
export const networkCommitteeRule = pgTable('network_committee_rule', {
  id: integer('id').primaryKey().default(1),
  minSeats: integer('min_seats').notNull(),
  maxSeats: integer('max_seats').notNull(),
  maxSeatsPerRegion: integer('max_seats_per_region').notNull(),
  proposalId: integer('proposal_id').notNull().references(() => networkProposal.id),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('network_committee_rule_single', sql`${t.id} = 1`),
  check('network_committee_rule_seats', sql`${t.minSeats} >= 1 and ${t.maxSeats} >= ${t.minSeats} and ${t.maxSeatsPerRegion} >= 1`),
]);

/**
 * The minutes of a meeting, every version kept: drafted by the hub secretariat, circulated to the
 * members present, approved (an amended text is a new version) and then published.
 */
export const networkMinutes = pgTable('network_minutes', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id').notNull().references(() => networkMeeting.id, { onDelete: 'cascade' }),
  number: integer('number').notNull(),
  text: text('text').notNull(),
  /** draft → circulated → approved → published */
  state: text('state').notNull().default('draft'),
  /** What the approval amended (a version approved with amendments). */
  amendments: text('amendments'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('network_minutes_number').on(t.meetingId, t.number),
  check('network_minutes_state', sql`${t.state} in ('draft', 'circulated', 'approved', 'published')`),
]);
