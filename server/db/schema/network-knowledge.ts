/**
 * The Network hub's knowledge hub (HRC resolution 51/33) and cooperation board: resources contributed
 * by members (and partners, when the Network allows it) and moderated by the hub secretariat; requests
 * and offers of cooperation, the responses of other members, the agreements the hub secretariat records.
 * Rules and vocabularies: shared/network/knowledge.ts; docs/decisions/0018-knowledge-hub.md.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, integer, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { locales } from '../../../shared/i18n/languages';
import { networkProposal, networkState } from './network';
import { appUser } from './people';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A practice, lesson, event report, document or tool; written in one language, searched with its stemming. */
export const networkResource = pgTable('network_resource', {
  id: serial('id').primaryKey(),
  /** practice | lesson | event_report | document | tool */
  kind: text('kind').notNull(),
  /** es | en | fr | pt */
  language: text('language').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  body: text('body').notNull().default(''),
  themes: text('themes').array().notNull().default(sql`'{}'`),
  mechanisms: text('mechanisms').array().notNull().default(sql`'{}'`),
  sdgs: smallint('sdgs').array().notNull().default(sql`'{}'`),
  regions: text('regions').array().notNull().default(sql`'{}'`),
  nmirfTypes: text('nmirf_types').array().notNull().default(sql`'{}'`),
  link: text('link'),
  /** nmirf_search_vector of title, summary and body in `language` (the catalogue's search, migration 0013). */
  searchVector: tsvector('search_vector').notNull(),
  /** The State of the focal point or deputy who contributed it; null for a partner's. */
  contributorIso3: text('contributor_iso3').references(() => networkState.iso3),
  contributedBy: bigint('contributed_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  /** draft → submitted → published | returned (→ submitted again) | rejected */
  state: text('state').notNull().default('submitted'),
  moderationReason: text('moderation_reason'),
  moderatedBy: bigint('moderated_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('network_resource_state').on(t.state, t.publishedAt),
  index('network_resource_search').using('gin', t.searchVector),
  check('network_resource_kind', sql`${t.kind} in ('practice', 'lesson', 'event_report', 'document', 'tool')`),
  check('network_resource_language', sql`${t.language} in (${sql.raw(locales.map((locale) => `'${locale}'`).join(', '))})`),
  check('network_resource_state_check', sql`${t.state} in ('draft', 'submitted', 'published', 'returned', 'rejected')`),
  check('network_resource_reason', sql`${t.state} not in ('returned', 'rejected') or ${t.moderationReason} is not null`),
  check('network_resource_published', sql`(${t.state} = 'published') = (${t.publishedAt} is not null)`),
]);

/** A file of a resource, checked on its bytes like evidence, kept in the upload store. */
export const networkResourceFile = pgTable('network_resource_file', {
  id: serial('id').primaryKey(),
  resourceId: integer('resource_id').notNull().references(() => networkResource.id, { onDelete: 'cascade' }),
  storedName: text('stored_name').notNull().unique(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('network_resource_file_resource').on(t.resourceId)]);

/** The knowledge hub's settings, one row (absent: partners do not contribute), changed by the Network. */
export const networkHubSettings = pgTable('network_hub_settings', {
  id: integer('id').primaryKey().default(1),
  partnersMayContribute: boolean('partners_may_contribute').notNull(),
  proposalId: integer('proposal_id').references(() => networkProposal.id),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('network_hub_settings_single', sql`${t.id} = 1`)]);

/** A member's request for cooperation, or its offer: topic, the help asked or offered. */
export const networkCooperation = pgTable('network_cooperation', {
  id: serial('id').primaryKey(),
  /** request | offer */
  kind: text('kind').notNull(),
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  topic: text('topic').notNull(),
  description: text('description').notNull(),
  /** software | training | exchange_of_experience | other */
  help: text('help').array().notNull(),
  language: text('language').notNull(),
  /** open | closed */
  status: text('status').notNull().default('open'),
  postedBy: bigint('posted_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('network_cooperation_status').on(t.status, t.createdAt),
  check('network_cooperation_kind', sql`${t.kind} in ('request', 'offer')`),
  check('network_cooperation_status_check', sql`${t.status} in ('open', 'closed')`),
  check('network_cooperation_help', sql`cardinality(${t.help}) > 0 and ${t.help} <@ array['software', 'training', 'exchange_of_experience', 'other']`),
]);

/** Another member's answer to a request or an offer. */
export const networkCooperationResponse = pgTable('network_cooperation_response', {
  id: serial('id').primaryKey(),
  cooperationId: integer('cooperation_id').notNull().references(() => networkCooperation.id, { onDelete: 'cascade' }),
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  message: text('message').notNull(),
  respondedBy: bigint('responded_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('network_cooperation_response_of').on(t.cooperationId)]);

/** An agreement reached on a request or an offer, recorded by the hub secretariat, with its status. */
export const networkCooperationAgreement = pgTable('network_cooperation_agreement', {
  id: serial('id').primaryKey(),
  cooperationId: integer('cooperation_id').notNull().references(() => networkCooperation.id, { onDelete: 'cascade' }),
  parties: text('parties').array().notNull(),
  description: text('description').notNull(),
  /** agreed | in_progress | completed | cancelled */
  status: text('status').notNull().default('agreed'),
  recordedBy: bigint('recorded_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('network_cooperation_agreement_of').on(t.cooperationId),
  check('network_cooperation_agreement_status', sql`${t.status} in ('agreed', 'in_progress', 'completed', 'cancelled')`),
]);
