/**
 * Links between recommendations that ask the same thing: the same request made
 * by several States in one review or repeated in one document (`duplicate`),
 * the same ask of the same State in an earlier cycle or earlier concluding
 * observations (`recurrence`), and the same ask of another mechanism, possibly
 * in another language (`similar`). Links never merge records: identity stays
 * per document. The scan (server/modules/related/related.scan.ts) writes
 * `linked` above the validated threshold and `candidate` below it down to a
 * floor; a person turns a link into `confirmed` or `rejected`, and the scan
 * keeps those decisions.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgTable, real, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { appUser } from './people';
import { recommendation } from './recommendations';

export const RELATED_KINDS = ['duplicate', 'recurrence', 'similar'] as const;
export const LINK_STATES = ['linked', 'candidate', 'confirmed', 'rejected'] as const;

export const recommendationLink = pgTable('recommendation_link', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** The pair, smaller id first: one row per pair. */
  lowId: bigint('low_id', { mode: 'number' }).notNull().references(() => recommendation.id, { onDelete: 'cascade' }),
  highId: bigint('high_id', { mode: 'number' }).notNull().references(() => recommendation.id, { onDelete: 'cascade' }),
  /** duplicate | recurrence | similar */
  kind: text('kind').notNull(),
  /** 0–1: in one language, the mean of the word cosine and containment (related.scan.ts); across languages, the character n-gram cosine. */
  similarity: real('similarity').notNull(),
  /** linked | candidate (the scan's) | confirmed | rejected (a person's) */
  state: text('state').notNull(),
  /** The scan that last measured the pair (its method and thresholds): `words-1`, `chars-1`, or `manual`. */
  scanVersion: text('scan_version').notNull(),
  decidedBy: bigint('decided_by', { mode: 'number' }).references(() => appUser.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('recommendation_link_pair').on(t.lowId, t.highId),
  index('recommendation_link_high').on(t.highId),
  check('recommendation_link_order', sql`${t.lowId} < ${t.highId}`),
  check('recommendation_link_kind', sql`${t.kind} in ('duplicate', 'recurrence', 'similar')`),
  check('recommendation_link_state', sql`${t.state} in ('linked', 'candidate', 'confirmed', 'rejected')`),
  check('recommendation_link_similarity', sql`${t.similarity} >= 0 and ${t.similarity} <= 1`),
  check('recommendation_link_decision', sql`(${t.state} in ('confirmed', 'rejected')) = (${t.decidedAt} is not null)`),
]);

/**
 * Where the scan stands (one row): the catalogue version it has read up to, so
 * that the next run rescans only the records changed since (catalogue_change),
 * and the scan version, so that a new method rescans everything.
 */
export const relatedScanState = pgTable('related_scan_state', {
  id: smallint('id').primaryKey().default(1),
  catalogueVersion: bigint('catalogue_version', { mode: 'number' }).notNull().default(0),
  scanVersion: text('scan_version'),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  /** Records scanned and links written by the last run, and its time in milliseconds. */
  scanned: integer('scanned').notNull().default(0),
  links: integer('links').notNull().default(0),
  millis: integer('millis').notNull().default(0),
}, (t) => [check('related_scan_state_one_row', sql`${t.id} = 1`)]);
