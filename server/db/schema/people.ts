/**
 * People, their sessions and the institutions they work for.
 * Sessions, login throttling and the mail outbox live in the database so that
 * app servers hold no state and can be restarted or multiplied freely.
 */
import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, unique,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { LocalizedText } from './reference';

export const appUser = pgTable('app_user', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** Stored lower-case; unique. */
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** argon2id; null until the person sets a password through an emailed link. */
  passwordHash: text('password_hash'),
  /** UI language for emails and messages. */
  locale: text('locale').notNull().default('es'),
  active: boolean('active').notNull().default(true),
  /** TOTP second factor (RFC 6238, base32 secret): on when set. */
  totpSecret: text('totp_secret'),
  /** A secret shown to the person and not yet confirmed with a code. */
  totpPendingSecret: text('totp_pending_secret'),
  /** The last time step whose code was accepted: a code is never accepted twice. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const userSession = pgTable('user_session', {
  /** SHA-256 of the cookie token: a stolen database copy yields no usable session. */
  tokenHash: text('token_hash').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ipAddress: text('ip_address'),
  userAgent: text('user_agent'),
}, (t) => [index('user_session_user').on(t.userId)]);

/** Failed-login counters per account and per address (key `account:<email>` or `address:<ip>`). */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** One-time links to set or reset a password. Only the hash of the token is kept. */
export const passwordToken = pgTable('password_token', {
  tokenHash: text('token_hash').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  /** reset | invitation */
  purpose: text('purpose').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Every email the system sends, written in the transaction that decides to
 * send it and delivered afterwards. Without SMTP settings it stays here for an
 * administrator to read. `dedupeKey` makes "send once" hold across restarts.
 */
export const mailOutbox = pgTable('mail_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  toAddress: text('to_address').notNull(),
  /** The language the mail is written in (null: queued before it was kept). */
  locale: text('locale'),
  subject: text('subject').notNull(),
  bodyText: text('body_text').notNull(),
  dedupeKey: text('dedupe_key').unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
}, (t) => [index('mail_outbox_pending').on(t.id).where(sql`${t.sentAt} is null`)]);

export const INSTITUTION_BRANCHES = ['executive', 'legislative', 'judicial', 'autonomous', 'subnational'] as const;

export const institution = pgTable('institution', {
  id: serial('id').primaryKey(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  acronym: text('acronym'),
  /** executive | legislative | judicial | autonomous | subnational */
  branch: text('branch').notNull(),
  /** Free classification within the branch: ministry, secretariat, court, municipality… */
  type: text('type'),
  parentId: integer('parent_id').references((): AnyPgColumn => institution.id),
  /** False once retired: its history and assignments stay, read-only; nothing new is given to it. */
  active: boolean('active').notNull().default(true),
  /** Set when it was merged into another institution, which took its assignments, members and history. */
  mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => institution.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('institution_branch', sql`${t.branch} in ('executive', 'legislative', 'judicial', 'autonomous', 'subnational')`),
]);

export { MEMBERSHIP_ROLES } from '../../../shared/users';

/**
 * What a person may do, and where. Institution roles (focal points, validator)
 * carry an institution; secretariat and administrator do not. A person may hold
 * several memberships.
 */
export const membership = pgTable('membership', {
  id: serial('id').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  institutionId: integer('institution_id').references(() => institution.id),
  role: text('role').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('membership_unique').on(t.userId, t.institutionId, t.role).nullsNotDistinct(),
  index('membership_institution').on(t.institutionId),
  check('membership_role', sql`${t.role} in ('focal_point', 'alternate_focal_point', 'validator', 'secretariat', 'administrator')`),
  check('membership_scope', sql`(${t.role} in ('secretariat', 'administrator')) = (${t.institutionId} is null)`),
]);

export type { MembershipRole } from '../../../shared/users';
/**
 * A single sign-on under way: what the callback must check the provider's
 * answer against. Keyed by the SHA-256 of `state` (which the browser also
 * holds in a cookie); deleted when the callback uses it, so it serves once.
 */
export const oidcRequest = pgTable('oidc_request', {
  stateHash: text('state_hash').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  /** The language of the page that started it, for the pages of the callback. */
  locale: text('locale').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('oidc_request_expires').on(t.expiresAt)]);

/** One-time recovery codes of the second factor, hashed with argon2id like passwords. */
export const recoveryCode = pgTable('recovery_code', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [index('recovery_code_user').on(t.userId)]);

/**
 * A sign-in whose first proof (password or single sign-on) was accepted and
 * that waits for the second factor. The browser holds the token in a cookie;
 * only its hash is kept. Used once, short-lived.
 */
export const signInChallenge = pgTable('sign_in_challenge', {
  tokenHash: text('token_hash').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  /** password | oidc */
  method: text('method').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sign_in_challenge_user').on(t.userId)]);
