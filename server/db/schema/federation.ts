/**
 * Federation (docs/decisions/0017-federation.md). On a national instance: the publication sequence
 * (`federation_state.version`), every version of every public record as it was published (with
 * tombstones), the publications and the instance's signing keys. On the hub: the instance of each
 * registered State and its keys, the State's copy of what it published with its history, and every
 * harvest (applied, up to date, refused with its reason, unreachable).
 * Both roles share one schema: the other role's tables stay empty.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { networkJoinRequest, networkState } from './network';
import { appUser } from './people';

/** The national instance's publication sequence: one row. */
export const federationState = pgTable('federation_state', {
  singleton: boolean('singleton').primaryKey().default(true),
  /** The instance's id in the Network, made once. */
  instanceId: text('instance_id').notNull().default(sql`gen_random_uuid()::text`),
  /** The last publication version (0: nothing published yet). */
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  /** The content versions (catalogue_state, public_content_state) the last refresh read: unchanged, nothing to compare. */
  sourceVersions: text('source_versions').notNull().default(''),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
});

/** One publication: a version of the instance's public data. */
export const federationPublication = pgTable('federation_publication', {
  version: bigint('version', { mode: 'number' }).primaryKey(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  records: integer('records').notNull(),
  tombstones: integer('tombstones').notNull(),
});

/** A public record as one version published it; `deleted`: a tombstone (unpublished or deleted since). */
export const federationRecord = pgTable('federation_record', {
  kind: text('kind').notNull(),
  recordId: bigint('record_id', { mode: 'number' }).notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  deleted: boolean('deleted').notNull().default(false),
  /** SHA-256 of the body's canonical JSON. */
  digest: text('digest').notNull(),
  body: jsonb('body'),
}, (t) => [
  primaryKey({ columns: [t.kind, t.recordId, t.version] }),
  index('federation_record_version').on(t.version),
  check('federation_record_body', sql`${t.deleted} = (${t.body} is null)`),
]);

/** The instance's signing keys as it has used them: the current one has no end. */
export const federationKey = pgTable('federation_key', {
  kid: text('kid').primaryKey(),
  jwk: jsonb('jwk').$type<Record<string, unknown>>().notNull(),
  validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
  validUntil: timestamp('valid_until', { withTimezone: true }),
});

/** Hub: where a registered State's instance publishes (from its approved join request). */
export const networkInstance = pgTable('network_instance', {
  iso3: text('iso3').primaryKey().references(() => networkState.iso3),
  baseUrl: text('base_url').notNull(),
  joinRequestId: integer('join_request_id').references(() => networkJoinRequest.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Hub: a State's public keys; a rotation ends the old key's validity, which keeps verifying what it signed before. */
export const networkKey = pgTable('network_key', {
  kid: text('kid').primaryKey(),
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  jwk: jsonb('jwk').$type<Record<string, unknown>>().notNull(),
  validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
  validUntil: timestamp('valid_until', { withTimezone: true }),
  /** join_request | rotation */
  source: text('source').notNull(),
  approvedBy: bigint('approved_by', { mode: 'number' }).references(() => appUser.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('network_key_state').on(t.iso3),
  check('network_key_source', sql`${t.source} in ('join_request', 'rotation')`),
]);

/** Hub: the State's copy as of the last package applied. */
export const networkCopyState = pgTable('network_copy_state', {
  iso3: text('iso3').primaryKey().references(() => networkState.iso3),
  instanceId: text('instance_id').notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
});

/** Hub: a State's public records as its last applied package left them. */
export const networkCopyRecord = pgTable('network_copy_record', {
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  kind: text('kind').notNull(),
  recordId: bigint('record_id', { mode: 'number' }).notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  body: jsonb('body').notNull(),
}, (t) => [
  primaryKey({ columns: [t.iso3, t.kind, t.recordId] }),
  // What the similar-recommendation answer reads per hit: the actions published on a recommendation, its statuses.
  // The actions' index is keyed by State and recommendation ({"URY": [12, 40]}): keyed by the recommendation's number
  // alone, a number matches the actions of every State (about a thousand at the Network's size) and PostgreSQL read all
  // of the State's actions instead. Without fast update: a harvest's rows would wait in the index's pending list, which
  // every lookup reads through (3–4 ms a hit after a harvest; decision 0021).
  index('network_copy_action_state_recommendations')
    .using('gin', sql`(('{"' || ${t.iso3} || '":' || (${t.body} -> 'recommendations')::text || '}')::jsonb) jsonb_path_ops`)
    .with({ fastupdate: false }).where(sql`${t.kind} = 'action'`),
  index('network_copy_status_recommendation').on(t.iso3, sql`((${t.body} ->> 'recommendation')::bigint)`).where(sql`${t.kind} = 'status'`),
]);

/** Hub: every change a package applied to a State's copy (the copy's version history); a null body is a tombstone. */
export const networkCopyChange = pgTable('network_copy_change', {
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  version: bigint('version', { mode: 'number' }).notNull(),
  kind: text('kind').notNull(),
  recordId: bigint('record_id', { mode: 'number' }).notNull(),
  body: jsonb('body'),
}, (t) => [primaryKey({ columns: [t.iso3, t.version, t.kind, t.recordId] })]);

/** Hub: every harvest of a State, what came of it and why. */
export const networkHarvest = pgTable('network_harvest', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  iso3: text('iso3').notNull().references(() => networkState.iso3),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  /** applied | up_to_date | refused | unreachable */
  outcome: text('outcome').notNull(),
  /** For a refusal: the reason (package-signature.ts's Refusal). */
  reason: text('reason'),
  detail: text('detail').notNull().default(''),
  /** The package's version and the one it followed (null: a full snapshot). */
  version: bigint('version', { mode: 'number' }),
  since: bigint('since', { mode: 'number' }),
  kid: text('kid'),
  records: integer('records').notNull().default(0),
  tombstones: integer('tombstones').notNull().default(0),
  /** The signed manifest (compact JWS) of an applied package: what each record of the copy rests on. */
  signature: text('signature'),
  /** on_demand | scheduled */
  trigger: text('trigger').notNull(),
}, (t) => [
  index('network_harvest_state').on(t.iso3, t.id),
  /** The harvest that applied a State's version: the provenance of each row of the hub's open data. */
  index('network_harvest_applied').on(t.iso3, t.version).where(sql`${t.outcome} = 'applied'`),
  check('network_harvest_outcome', sql`${t.outcome} in ('applied', 'up_to_date', 'refused', 'unreachable')`),
]);
