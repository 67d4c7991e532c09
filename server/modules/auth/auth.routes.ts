/**
 * HTTP for signing in and out, password resets and the mail outbox, and
 * `installAuth`, which wires sessions, mail delivery and these routes into the
 * app (one call in app.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import { deliverableEmail, sessionUserSchema } from '../../../shared/users';
import { ThrottleUnavailable, Throttle, TooManyAttempts } from '../../platform/auth/login-throttle';
import { PASSWORD_MAX_LENGTH, verifyPassword } from '../../platform/auth/passwords';
import {
  clearSessionCookie, installSessions, secondFactorConcerns, secondFactorRequiredNow, sessionTokenHash, setSessionCookie, type SessionSettings,
} from '../../platform/auth/session';
import { readConfig, type Config } from '../../platform/config';
import { usersRoutes } from '../users/users.routes';
import type { Database } from '../../platform/db/database';
import { HttpError } from '../../platform/http/errors';
import { startMailDelivery, type MailTransport } from '../../platform/mail/mailer';
import { outboxSchema, presentOutbox, presentSessionUser } from './auth.presenter';
import { latestOutbox } from './auth.repository';
import { login } from './use-cases/login';
import { OIDC_CALLBACK_PATH, OidcProvider } from './oidc';
import { finishOidcSignIn, OidcRefused, startOidcSignIn } from './use-cases/oidc-sign-in';
import { beginTotpSetup, completeSecondFactor, confirmTotpSetup, secondFactorStatus } from './use-cases/second-factor';
import { localeDirection } from '../../../shared/i18n/languages';
import { isLocale, requestLocale, type Locale } from '../../platform/http/locale';
import { message } from '../../platform/http/messages';
import he from 'he';
import { createHash } from 'node:crypto';
import { logout } from './use-cases/logout';
import { requestPasswordReset } from './use-cases/request-password-reset';
import { resetPassword } from './use-cases/reset-password';

/** What the auth module can be given instead of the environment (tests give a clock and a mail server). */
export interface AuthOptions {
  config?: Config;
  now?: () => Date;
  mailTransport?: MailTransport;
}

declare module '../../app' {
  interface AppOptions {
    /** Settings of sessions, throttling and mail; read from the environment when absent. */
    auth?: AuthOptions;
  }
}

interface AuthDeps {
  db: Database;
  config: Config;
  now: () => Date;
  sessions: SessionSettings;
  throttle: Throttle;
  /** Single sign-on, when OIDC_ISSUER is set. */
  oidc: OidcProvider | null;
}

const OIDC_COOKIE = 'nmirf_oidc';
/** The sign-in that waits for the second factor. */
const CHALLENGE_COOKIE = 'nmirf_challenge';
const SECOND_FACTOR_PATH = '/api/v1/auth/second-factor';

const OUTBOX_LIMIT = 100;
const authErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 429: errorSchema, 503: errorSchema };
const email = z.string().trim().min(1).max(320);

/** Sessions (cookie, `request.actor`, CSRF), the mail delivery loop and the auth routes. */
export async function installAuth(app: FastifyInstance, options: { db: Database; auth?: AuthOptions }): Promise<void> {
  const config = options.auth?.config ?? readConfig();
  const now = options.auth?.now ?? (() => new Date());
  const sessions = await installSessions(app, options.db, config, { now });
  void verifyPassword(null, 'warm-up'); // prepares the throw-away hash, so the first unknown email is not slower
  const delivery = startMailDelivery(options.db, config, {
    transport: options.auth?.mailTransport,
    onError: (error) => app.log.error({ err: error }, 'mail delivery failed'),
  });
  app.addHook('onClose', async () => delivery.stop());
  const oidc = config.oidc ? new OidcProvider(config.oidc, config.publicUrl, now) : null;
  // Discovery at start-up; a provider that is down then is tried again at the first sign-in.
  oidc?.serverMetadata().catch((error: Error) => app.log.error(`single sign-on: ${error.message}`));
  await app.register(authRoutes({ db: options.db, config, now, sessions, throttle: new Throttle(now), oidc }));
  // Account management sends invitation links, so it shares this configuration and clock.
  await app.register(usersRoutes(options.db, { publicUrl: config.publicUrl, now }));
}

const secondFactorRequiredSchema = z.object({ second_factor_required: z.literal(true) });

const challengeCookieOptions = (sessions: SessionSettings) => ({
  path: SECOND_FACTOR_PATH, httpOnly: true, sameSite: 'lax' as const, secure: sessions.secureCookies,
});

function setChallengeCookie(reply: FastifyReply, token: string, sessions: SessionSettings) {
  reply.setCookie(CHALLENGE_COOKIE, token, { ...challengeCookieOptions(sessions), maxAge: 10 * 60 });
}

function signedIn(request: FastifyRequest) {
  if (!request.actor) throw new HttpError(401, 'unauthorized', 'login_required');
  return request.actor;
}

const signInMethodsSchema = z.object({
  password: z.enum(['everyone', 'organisations']),
  oidc: z.object({ label: z.string(), start_url: z.string() }).nullable(),
});

const REFUSAL_STYLE = 'body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b57a4}';
/** The page's own CSP: nothing but its one inline style, allowed by hash. */
const REFUSAL_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REFUSAL_STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A small page of its own (the browser arrives here from the identity provider, not from the app). */
function refusalPage(reply: FastifyReply, statusCode: number, key: Parameters<typeof message>[0], locale: Locale) {
  const title = he.escape(message('oidc_page_title', locale));
  const html = `<!doctype html>
<html lang="${locale}" dir="${localeDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${REFUSAL_STYLE}</style>
</head><body><main><h1>${title}</h1><p role="alert">${he.escape(message(key, locale))}</p>
<p><a href="/${locale}/sign-in">${he.escape(message('oidc_back_to_sign_in', locale))}</a></p></main></body></html>`;
  return reply.status(statusCode).header('cache-control', 'no-store').header('content-security-policy', REFUSAL_CSP)
    .type('text/html; charset=utf-8').send(html);
}

/** 429 carries `retry-after`; a throttle that cannot be read is logged (the answer is a 503). */
async function throttled<T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof ThrottleUnavailable) request.log.error({ err: error.cause }, 'login throttle unavailable: request refused');
    throw error;
  }
}

export const authRoutes = (deps: AuthDeps): FastifyPluginAsyncZod => async (app) => {
  const { db } = deps;

  app.post('/api/v1/auth/login', {
    config: { public: true, signIn: true },
    schema: {
      tags: ['auth'], summary: 'Sign in',
      description: 'Sets the session cookie (HttpOnly, SameSite=Lax) and answers the person with the CSRF token to send as `x-csrf-token` on every request that changes something. A person with a second factor gets 202 `{ second_factor_required: true }` and a short-lived cookie instead: the session opens at `POST /api/v1/auth/second-factor` with their code. With PASSWORD_SIGN_IN=off, staff get 403 (they use single sign-on). Repeated failures lock the account or the address for a while (429 with `retry-after`). A session the browser already had ends here: the answer carries a new cookie and a new CSRF token, and the old session id stops working (no `x-csrf-token` needed: the password is the proof).',
      body: z.object({ email, password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4) }),
      response: { 200: sessionUserSchema, 202: secondFactorRequiredSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const result = await throttled(request, reply, () => login(db.pool, {
      email: request.body.email,
      password: request.body.password,
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      previousSessionHash: sessionTokenHash(request),
    }, deps));
    reply.header('cache-control', 'no-store');
    if ('challenge' in result) {
      setChallengeCookie(reply, result.challenge, deps.sessions);
      return reply.status(202).send({ second_factor_required: true as const });
    }
    setSessionCookie(reply, result.session.token, deps.sessions);
    return presentSessionUser(result.actor);
  });

  app.post(SECOND_FACTOR_PATH, {
    config: { public: true, signIn: true },
    schema: {
      tags: ['auth'], summary: 'Finish a sign-in with the second factor',
      description: 'After a password or single sign-on accepted for a person with a second factor: the current code of their authenticator app (a code is accepted once) or one of their recovery codes (each works once). Opens the session as `POST /api/v1/auth/login` does. Wrong codes count like wrong passwords (429 with `retry-after` when locked); 401 when the sign-in waiting for the code has expired.',
      body: z.object({ code: z.string().trim().min(1).max(40) }),
      response: { 200: sessionUserSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const result = await throttled(request, reply, () => completeSecondFactor(db.pool, {
      challengeToken: request.cookies[CHALLENGE_COOKIE] ?? null,
      code: request.body.code,
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      previousSessionHash: sessionTokenHash(request),
    }, deps));
    reply.clearCookie(CHALLENGE_COOKIE, challengeCookieOptions(deps.sessions));
    setSessionCookie(reply, result.session.token, deps.sessions);
    reply.header('cache-control', 'no-store');
    return presentSessionUser(result.actor);
  });

  app.get('/api/v1/account/second-factor', {
    config: { public: true, secondFactorSetup: true },
    schema: {
      tags: ['auth'], summary: 'Your second factor',
      description: 'Whether it is on, whether this instance requires it of you, and how many recovery codes are left. 401 for visitors.',
      response: { 200: z.object({ enabled: z.boolean(), required: z.boolean(), recovery_codes_left: z.number().int() }), 401: errorSchema },
    },
  }, async (request, reply) => {
    const actor = signedIn(request);
    const status = await secondFactorStatus(db.pool, actor);
    reply.header('cache-control', 'no-store');
    return {
      enabled: status.enabled,
      required: secondFactorConcerns(actor.memberships) && await secondFactorRequiredNow(db.pool, deps.sessions),
      recovery_codes_left: status.recoveryCodesLeft,
    };
  });

  app.post('/api/v1/account/second-factor/setup', {
    config: { public: true, secondFactorSetup: true },
    schema: {
      tags: ['auth'], summary: 'Start turning on the second factor',
      description: 'A new TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s), as an `otpauth://` URI for an authenticator app and as text to type. It is on only once a code confirms it. 409 when it is already on.',
      response: { 200: z.object({ secret: z.string(), otpauth_uri: z.string() }), 401: errorSchema, 403: errorSchema, 409: errorSchema },
    },
  }, async (request, reply) => {
    const actor = signedIn(request);
    const setup = await beginTotpSetup(db.pool, actor, 'Open NMIRF');
    reply.header('cache-control', 'no-store');
    return { secret: setup.secret, otpauth_uri: setup.uri };
  });

  app.post('/api/v1/account/second-factor/confirm', {
    config: { public: true, secondFactorSetup: true },
    schema: {
      tags: ['auth'], summary: 'Turn on the second factor with a code',
      description: 'A code of the authenticator app for the secret of the setup. Answers ten recovery codes: this is the only time they are shown (only their hashes are kept). Wrong codes count like wrong passwords.',
      body: z.object({ code: z.string().trim().min(1).max(40) }),
      response: { 200: z.object({ recovery_codes: z.array(z.string()) }), ...authErrors, 409: errorSchema },
    },
  }, async (request, reply) => {
    const actor = signedIn(request);
    const result = await throttled(request, reply, () => confirmTotpSetup(db.pool, actor, { code: request.body.code, ipAddress: request.ip }, deps));
    reply.header('cache-control', 'no-store');
    return { recovery_codes: result.recoveryCodes };
  });

  app.get('/api/v1/auth/methods', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'How people sign in here',
      description: '`password`: `everyone`, or `organisations` when PASSWORD_SIGN_IN=off (only accounts of civil-society organisations use a password; staff use single sign-on). `oidc`: the single sign-on button (its label and the address that starts it), or null.',
      response: { 200: signInMethodsSchema },
    },
  }, async () => ({
    password: deps.config.passwordSignIn,
    oidc: deps.oidc ? { label: deps.oidc.settings.buttonLabel, start_url: '/api/v1/auth/oidc/start' } : null,
  }));

  app.get('/api/v1/auth/oidc/start', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Start single sign-on',
      description: 'Redirects (302) the browser to the identity provider (authorization code with PKCE, `state` and `nonce`; `state` is also kept in a short-lived HttpOnly cookie). `locale` is the language of the pages shown if the sign-in is refused. A page in the reader\'s language when single sign-on is not set up (404) or the provider cannot be reached (503).',
      querystring: z.object({ locale: z.string().max(5).optional() }),
    },
  }, async (request, reply) => {
    const locale = isLocale(request.query.locale) ? request.query.locale : requestLocale(request);
    if (!deps.oidc) return refusalPage(reply, 404, 'oidc_not_configured', locale);
    try {
      const { url, state } = await startOidcSignIn(db.pool, { locale }, { oidc: deps.oidc, sessions: deps.sessions });
      reply.setCookie(OIDC_COOKIE, state, {
        path: OIDC_CALLBACK_PATH, httpOnly: true, sameSite: 'lax', secure: deps.sessions.secureCookies, maxAge: 10 * 60,
      });
      reply.header('cache-control', 'no-store');
      return reply.redirect(url.href, 302);
    } catch (error) {
      if (!(error instanceof OidcRefused)) throw error;
      request.log.error(`single sign-on: the identity provider ${deps.oidc.settings.issuer} cannot be reached`);
      return refusalPage(reply, error.statusCode, error.messageKey, locale);
    }
  });

  app.get(OIDC_CALLBACK_PATH, {
    config: { public: true, signIn: true },
    schema: {
      tags: ['auth'], summary: 'Single sign-on: the provider\'s answer',
      description: `Register PUBLIC_URL + \`${OIDC_CALLBACK_PATH}\` as the redirect URI with the provider. Checks \`state\` against the browser's cookie, exchanges the code (PKCE) and checks the ID token (signature, issuer, audience, expiry, nonce); the person must have an email the provider verified that belongs to an active account of this instance (roles come from this instance only). Then sets the session cookie, as a password sign-in does, and redirects to the workspace. Otherwise an HTML page in the reader's language says why, and no session or account is created.`,
      querystring: z.record(z.string(), z.unknown()),
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_CALLBACK_PATH, httpOnly: true, sameSite: 'lax', secure: deps.sessions.secureCookies });
    if (!deps.oidc) return refusalPage(reply, 404, 'oidc_not_configured', requestLocale(request));
    const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
    try {
      const result = await finishOidcSignIn(db.pool, {
        query,
        cookieState: request.cookies[OIDC_COOKIE] ?? null,
        ipAddress: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        previousSessionHash: sessionTokenHash(request),
      }, { oidc: deps.oidc, sessions: deps.sessions });
      if ('challenge' in result) {
        setChallengeCookie(reply, result.challenge, deps.sessions);
        return reply.redirect(`${deps.config.publicUrl}/${result.locale}/sign-in?step=second-factor`, 302);
      }
      setSessionCookie(reply, result.session.token, deps.sessions);
      return reply.redirect(`${deps.config.publicUrl}/${result.locale}/workspace`, 302);
    } catch (error) {
      if (!(error instanceof OidcRefused)) throw error;
      if (error.messageKey === 'oidc_unreachable') request.log.error(`single sign-on: the identity provider ${deps.oidc.settings.issuer} cannot be reached`);
      return refusalPage(reply, error.statusCode, error.messageKey, error.locale ?? requestLocale(request));
    }
  });

  app.post('/api/v1/auth/logout', {
    config: { public: true, secondFactorSetup: true },
    schema: {
      tags: ['auth'], summary: 'Sign out',
      description: 'Ends the session and clears the cookie. Needs `x-csrf-token` when signed in.',
      response: { 204: z.null(), 403: errorSchema },
    },
  }, async (request, reply) => {
    const hash = sessionTokenHash(request);
    if (request.actor && hash) await logout(db.pool, request.actor, hash);
    clearSessionCookie(reply, deps.sessions);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/auth/me', {
    config: { public: true, secondFactorSetup: true },
    schema: {
      tags: ['auth'], summary: 'The signed-in person',
      description: 'With their roles and the CSRF token of the session; 401 for visitors.',
      response: { 200: sessionUserSchema, 401: errorSchema },
    },
  }, async (request, reply) => {
    if (!request.actor) throw new HttpError(401, 'unauthorized', 'login_required');
    reply.header('cache-control', 'no-store');
    return presentSessionUser(request.actor);
  });

  app.post('/api/v1/auth/password-reset', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Ask for a password reset link',
      description: 'Always 202 for a well-formed address, whether an account has it or not; an active account receives an email with a single-use link valid for a limited time. 400 for something that is not an email address.',
      body: z.object({ email: deliverableEmail }),
      response: { 202: z.object({ status: z.literal('accepted') }), ...authErrors },
    },
  }, async (request, reply) => {
    await throttled(request, reply, () => requestPasswordReset(db.pool, { email: request.body.email, ipAddress: request.ip }, deps));
    return reply.status(202).send({ status: 'accepted' as const });
  });

  app.post('/api/v1/auth/password-reset/confirm', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Set a new password with the emailed token',
      description: 'Ends every session of the account. The password needs at least 12 characters and must not be the email address.',
      body: z.object({ token: z.string().min(1).max(200), password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4) }),
      response: { 204: z.null(), ...authErrors },
    },
  }, async (request, reply) => {
    await resetPassword(db.pool, request.body, deps);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/admin/outbox', {
    config: { permission: 'outbox:read' },
    schema: {
      tags: ['auth'], summary: 'The latest emails of the outbox',
      description: `The ${OUTBOX_LIMIT} most recent emails, sent or waiting. Without SMTP settings nothing is sent and this is where an administrator reads them.`,
      response: { 200: outboxSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return presentOutbox(await latestOutbox(db.pool, OUTBOX_LIMIT));
  });
};
