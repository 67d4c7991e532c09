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
import { authorize } from '../../platform/auth/policy';
import {
  clearSessionCookie, installSessions, sessionTokenHash, setSessionCookie, type SessionSettings,
} from '../../platform/auth/session';
import { readConfig, type Config } from '../../platform/config';
import { usersRoutes } from '../users/users.routes';
import type { Database } from '../../platform/db/database';
import { HttpError } from '../../platform/http/errors';
import { startMailDelivery, type MailTransport } from '../../platform/mail/mailer';
import { outboxSchema, presentOutbox, presentSessionUser } from './auth.presenter';
import { latestOutbox } from './auth.repository';
import { login } from './use-cases/login';
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
}

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
  await app.register(authRoutes({ db: options.db, config, now, sessions, throttle: new Throttle(now) }));
  // Account management sends invitation links, so it shares this configuration and clock.
  await app.register(usersRoutes(options.db, { publicUrl: config.publicUrl, now }));
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
      description: 'Sets the session cookie (HttpOnly, SameSite=Lax) and answers the person with the CSRF token to send as `x-csrf-token` on every request that changes something. Repeated failures lock the account or the address for a while (429 with `retry-after`). A session the browser already had ends here: the answer carries a new cookie and a new CSRF token, and the old session id stops working (no `x-csrf-token` needed: the password is the proof).',
      body: z.object({ email, password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4) }),
      response: { 200: sessionUserSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const result = await throttled(request, reply, () => login(db.pool, {
      email: request.body.email,
      password: request.body.password,
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      previousSessionHash: sessionTokenHash(request),
    }, deps));
    setSessionCookie(reply, result.session.token, deps.sessions);
    reply.header('cache-control', 'no-store');
    return presentSessionUser(result.actor);
  });

  app.post('/api/v1/auth/logout', {
    config: { public: true },
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
    config: { public: true },
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
  }, async (request, reply) => {
    authorize(request.actor, 'outbox:read');
    reply.header('cache-control', 'no-store');
    return presentOutbox(await latestOutbox(db.pool, OUTBOX_LIMIT));
  });
};
