/**
 * Sessions in the database, carried by one cookie.
 *
 * The cookie holds a random 32-byte token; the database keeps only its
 * SHA-256 (`user_session.token_hash`), so a copy of the database opens no
 * session. Each API request with the cookie loads the person and their
 * memberships into `request.actor` (null for visitors, and for a session that
 * is unknown, expired or whose account is inactive).
 *
 * Expiry slides: a session unused for `idleMinutes` ends, and every session
 * ends `absoluteMinutes` after sign-in. `last_seen_at` is written at most once
 * a minute per session.
 *
 * CSRF: a request authenticated by the cookie that is not GET/HEAD/OPTIONS
 * must carry `x-csrf-token` equal to the session's token (compared in
 * constant time), or it is refused with 403 before reaching its route. The
 * one exception is a route that opens a new session (`config.signIn`): the
 * password is its proof, so it runs as a visitor whatever the token, and
 * the session the cookie carried is handed to it to be replaced (rotation:
 * a sign-in never leaves the browser's previous session id valid). The
 * cookie is also SameSite=Lax, which stops cross-site POSTs in current
 * browsers; the token covers older ones and same-site attackers.
 *
 * When the instance's settings require a second factor (`second_factor_required`;
 * SECOND_FACTOR_REQUIRED until they are saved), a secretariat member or
 * administrator without one is refused (403 `second_factor_setup_required`) on
 * every route but those marked `secondFactorSetup` (me, sign-out, the setup).
 * The setting is read with the session, in the same query, on every request:
 * a change is in effect at the next request on every app server.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { MembershipRole } from '../../db/schema/people';
import type { NetworkRole } from '../../../shared/network/roles';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'nmirf_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_INTERVAL_MS = 60_000;
const MINUTE = 60_000;

export interface SessionSettings {
  secureCookies: boolean;
  /**
   * SECOND_FACTOR_REQUIRED: whether the secretariat and administrators need a second factor while the instance's
   * settings do not say (never saved). What holds is read on each request (`secondFactorRequiredNow`).
   */
  secondFactorRequiredDefault: boolean;
  idleMinutes: number;
  absoluteMinutes: number;
  now: () => Date;
}

export function sessionSettings(config: Config, now: () => Date = () => new Date()): SessionSettings {
  return { secureCookies: config.secureCookies, secondFactorRequiredDefault: config.secondFactorRequired, ...config.session, now };
}

/** A new random token (32 bytes, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Equality that takes the same time wherever the strings differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a session for a person (inside the caller's transaction); the token goes to the cookie only. */
export async function createSession(
  tx: Pick<pg.PoolClient, 'query'>,
  session: { userId: number; ipAddress?: string | null; userAgent?: string | null },
  settings: SessionSettings,
): Promise<NewSession> {
  const now = settings.now();
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + Math.min(settings.idleMinutes, settings.absoluteMinutes) * MINUTE);
  await tx.query(
    `insert into user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip_address, user_agent)
     values ($1, $2, $3, $4, $4, $5, $6, $7)`,
    [hashToken(token), session.userId, csrfToken, now, expiresAt, session.ipAddress ?? null, session.userAgent?.slice(0, 500) ?? null],
  );
  return { token, csrfToken, expiresAt };
}

export function setSessionCookie(reply: FastifyReply, token: string, settings: SessionSettings): void {
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(settings),
    // The browser may keep it as long as the session can live; the server decides when it ends.
    maxAge: settings.absoluteMinutes * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: SessionSettings): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(settings));
}

function cookieOptions(settings: SessionSettings) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: settings.secureCookies };
}

/** The roles a person (`u.id`) holds on the Network's hub, as a JSON array: part of the session's query. */
export const NETWORK_ROLES_OF_USER = `coalesce((select json_agg(json_build_object('role', r.role, 'iso3', r.iso3) order by r.id)
                 from network_role r where r.user_id = u.id), '[]'::json)`;

const currentSessions = new WeakMap<FastifyRequest, string>();

/** The token hash of the session that authenticated this request (or, on a sign-in route, that the cookie carried), if any. */
export function sessionTokenHash(request: FastifyRequest): string | null {
  return currentSessions.get(request) ?? null;
}

interface SessionRow {
  token_hash: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: number;
  email: string;
  display_name: string;
  locale: string;
  memberships: { role: MembershipRole; institution_id: number | null }[];
  organisations: { organisation_id: number; state: string }[];
  network_roles: { role: NetworkRole; iso3: string | null }[];
  second_factor: boolean;
  second_factor_required: boolean;
}

/** Whether the instance requires a second factor now: its settings, or SECOND_FACTOR_REQUIRED until they say. */
const secondFactorRequiredSql = (defaultParameter: string) =>
  `coalesce((select second_factor_required from instance_settings), ${defaultParameter}::boolean)`;

export async function secondFactorRequiredNow(
  q: Pick<pg.Pool | pg.PoolClient, 'query'>, settings: Pick<SessionSettings, 'secondFactorRequiredDefault'>,
): Promise<boolean> {
  const { rows } = await q.query<{ required: boolean }>(`select ${secondFactorRequiredSql('$1')} as required`,
    [settings.secondFactorRequiredDefault]);
  return rows[0].required;
}

/** The live session of a cookie token, with its person; null when unknown, expired or the account is inactive. */
export async function loadSession(pool: pg.Pool, token: string, now: Date, requiredDefault: boolean): Promise<SessionRow | null> {
  const { rows } = await pool.query<SessionRow>(
    `select s.token_hash, s.csrf_token, s.last_seen_at, u.id as user_id, u.email, u.display_name, u.locale,
       u.totp_secret is not null as second_factor, ${secondFactorRequiredSql('$3')} as second_factor_required,
       coalesce((select json_agg(json_build_object('role', m.role, 'institution_id', m.institution_id) order by m.id)
                 from membership m where m.user_id = u.id), '[]'::json) as memberships,
       coalesce((select json_agg(json_build_object('organisation_id', o.id, 'state', o.state) order by o.id)
                 from organisation_member om join organisation o on o.id = om.organisation_id where om.user_id = u.id), '[]'::json) as organisations,
       ${NETWORK_ROLES_OF_USER} as network_roles
     from user_session s join app_user u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > $2 and u.active`,
    [hashToken(token), now, requiredDefault],
  );
  return rows[0] ?? null;
}

/**
 * Registers the cookie parser, `request.actor` and the hook that resolves the
 * session and enforces CSRF on every API request.
 */
export async function installSessions(
  app: FastifyInstance, db: Database, config: Config, options: { now?: () => Date } = {},
): Promise<SessionSettings> {
  const settings = sessionSettings(config, options.now);
  if (!app.hasPlugin('@fastify/cookie')) await app.register(cookie);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    request.actor = null;
    // Pages and static files look the same to everyone: only the API needs to know who is asking.
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return;
    const now = settings.now();
    const session = await loadSession(db.pool, token, now, settings.secondFactorRequiredDefault);
    if (!session) return; // unknown or expired: a visitor, who needs no CSRF token
    if (request.routeOptions.config?.signIn) {
      currentSessions.set(request, session.token_hash);
      return;
    }

    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrf_token)) {
        throw new HttpError(403, 'csrf_failed', 'csrf_failed');
      }
    }
    if (now.getTime() - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
      await db.pool.query(
        `update user_session set last_seen_at = $2,
           expires_at = least(created_at + make_interval(mins => $3::int), $2::timestamptz + make_interval(mins => $4::int))
         where token_hash = $1`,
        [session.token_hash, now, settings.absoluteMinutes, settings.idleMinutes],
      );
    }
    currentSessions.set(request, session.token_hash);
    const actor = presentActor(session);
    if (actor.secondFactorSetupRequired && !request.routeOptions.config?.secondFactorSetup) {
      throw new HttpError(403, 'second_factor_setup_required', 'second_factor_setup_required');
    }
    request.actor = actor;
  });
  return settings;
}

/** Whether the instance requires a second factor of a person with these roles who has none. */
export function secondFactorSetupRequired(required: boolean, roles: { role: MembershipRole }[], hasSecondFactor: boolean): boolean {
  return required && !hasSecondFactor && secondFactorConcerns(roles);
}

/** Whether a requirement of a second factor concerns a person with these roles (the secretariat and administrators). */
export function secondFactorConcerns(roles: { role: MembershipRole }[]): boolean {
  return roles.some((m) => m.role === 'secretariat' || m.role === 'administrator');
}

function presentActor(session: SessionRow): Actor {
  return {
    secondFactor: session.second_factor,
    secondFactorSetupRequired: secondFactorSetupRequired(session.second_factor_required, session.memberships, session.second_factor),
    userId: session.user_id,
    email: session.email,
    displayName: session.display_name,
    locale: session.locale,
    memberships: session.memberships.map((m) => ({ role: m.role, institutionId: m.institution_id })),
    organisations: session.organisations.map((o) => ({ organisationId: o.organisation_id, state: o.state })),
    networkRoles: session.network_roles,
    csrfToken: session.csrf_token,
  };
}
