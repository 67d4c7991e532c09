/**
 * Single sign-on with the government's OpenID Connect provider (authorization
 * code with PKCE).
 *
 * Start: new `state`, `nonce` and PKCE verifier; the server keeps them in
 * `oidc_request` (under the hash of `state`, for 10 minutes) and the browser
 * keeps `state` in a cookie, then goes to the provider.
 *
 * Callback, refused at the first check that fails, with nothing created:
 * 1. `state` of the answer equals the browser's cookie (a sign-in started in
 *    another browser, or forged, stops here);
 * 2. the request row of that state exists and is fresh; it is deleted, so an
 *    answer serves once (a replayed callback stops here);
 * 3. the library exchanges the code (with the verifier) and checks the ID
 *    token: signature, issuer, audience, expiry, nonce (a replayed code is
 *    refused by the provider, a foreign nonce or an expired token here);
 * 4. the email must be verified by the provider (`email_verified` true) and
 *    belong to an active account this instance created or invited: the
 *    provider never creates people, and roles come from this instance only.
 * Then the same session as a password sign-in opens (`login` audit row,
 * method `oidc`), or, for a person with a second factor, a challenge that
 * waits for their code. Every refusal writes one `login_failed` audit row and
 * nothing else.
 */
import type pg from 'pg';
import type { Actor } from '../../../platform/auth/actor';
import { hashToken, safeEqual, type NewSession, type SessionSettings } from '../../../platform/auth/session';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import type { Locale } from '../../../platform/http/locale';
import type { MessageKey } from '../../../platform/http/messages';
import { findUserByEmail } from '../auth.repository';
import { newOidcChecks, OidcUnreachable, type OidcProvider } from '../oidc';
import { openSession } from './login';
import { createChallenge } from './second-factor';

const REQUEST_MINUTES = 10;
const MINUTE = 60_000;

export interface OidcDeps {
  oidc: OidcProvider;
  sessions: SessionSettings;
}

/** A sign-in refused: the page says why in the reader's language. */
export class OidcRefused extends Error {
  constructor(readonly statusCode: number, readonly messageKey: MessageKey, readonly locale: Locale | null = null) {
    super(messageKey);
  }
}

/** Records the checks of a new sign-in and answers where to send the browser and the `state` for its cookie. */
export async function startOidcSignIn(pool: pg.Pool, input: { locale: Locale }, deps: OidcDeps): Promise<{ url: URL; state: string }> {
  const checks = newOidcChecks();
  let url: URL;
  try {
    url = await deps.oidc.authorizationUrl(checks);
  } catch (error) {
    if (error instanceof OidcUnreachable) throw new OidcRefused(503, 'oidc_unreachable');
    throw error;
  }
  const now = deps.sessions.now();
  await pool.query(
    `with tidy as (delete from oidc_request where expires_at <= $5)
     insert into oidc_request (state_hash, nonce, code_verifier, locale, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)`,
    [hashToken(checks.state), checks.nonce, checks.codeVerifier, input.locale, now, new Date(now.getTime() + REQUEST_MINUTES * MINUTE)],
  );
  return { url, state: checks.state };
}

export interface OidcCallbackInput {
  query: URLSearchParams;
  /** The `state` the browser's cookie holds. */
  cookieState: string | null;
  ipAddress: string;
  userAgent?: string | null;
  previousSessionHash?: string | null;
}

export async function finishOidcSignIn(
  pool: pg.Pool, input: OidcCallbackInput, deps: OidcDeps,
): Promise<({ session: NewSession; actor: Actor } | { challenge: string }) & { locale: Locale }> {
  let locale: Locale | null = null;
  const refuse = async (statusCode: number, messageKey: MessageKey, details: Record<string, unknown> = {}): Promise<never> => {
    await inTransaction(pool, (tx) => writeAudit(tx, {
      actor: 'anonymous', action: 'login_failed', entity: 'user', entityId: null,
      after: { method: 'oidc', reason: messageKey, ip_address: input.ipAddress, ...details },
    }));
    throw new OidcRefused(statusCode, messageKey, locale);
  };

  const state = input.query.get('state');
  if (!state || !input.cookieState || !safeEqual(state, input.cookieState)) return refuse(400, 'oidc_state_mismatch');
  const { rows: [request] } = await pool.query<{ nonce: string; code_verifier: string; locale: Locale; expires_at: Date }>(
    'delete from oidc_request where state_hash = $1 returning nonce, code_verifier, locale, expires_at', [hashToken(state)]);
  if (!request || request.expires_at <= deps.sessions.now()) return refuse(400, 'oidc_request_expired');
  locale = request.locale;
  if (input.query.has('error')) return refuse(400, 'oidc_provider_refused', { provider_error: input.query.get('error')?.slice(0, 100) });

  let identity: Awaited<ReturnType<OidcProvider['identify']>>;
  try {
    identity = await deps.oidc.identify(input.query, { state, nonce: request.nonce, codeVerifier: request.code_verifier });
  } catch (error) {
    if (error instanceof OidcUnreachable) return refuse(503, 'oidc_unreachable');
    const code = (error as { code?: unknown }).code;
    return refuse(400, 'oidc_answer_refused', { error: typeof code === 'string' ? code : 'invalid', detail: String((error as Error).message).slice(0, 200) });
  }
  if (!identity.email || !identity.emailVerified) return refuse(403, 'oidc_email_unverified', { subject: identity.subject });
  const user = await findUserByEmail(pool, identity.email);
  if (!user || !user.active) return refuse(403, 'oidc_unknown_person', { email: identity.email.slice(0, 320).toLowerCase() });

  const opened = await inTransaction(pool, async (tx) => (user.second_factor
    ? { challenge: await createChallenge(tx, user.id, 'oidc', deps.sessions) }
    : openSession(tx, user, { method: 'oidc', ...input }, deps)));
  return { ...opened, locale: request.locale };
}
