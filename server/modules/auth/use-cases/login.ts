/**
 * Sign-in with email and password.
 *
 * 1. A cheap look at the throttle: a locked account or address gets 429 before
 *    any hashing. Any error reading it refuses the sign-in (503): fails closed.
 * 2. The password is verified outside any transaction (argon2id takes tens of
 *    milliseconds; PGlite serialises connections while a transaction is open).
 *    Unknown accounts verify against a throw-away hash: same answer, same time.
 * 3. One transaction decides, under row locks on the throttle keys: if a key
 *    got locked meanwhile, 429 whatever the password was; a wrong password
 *    counts a failure on the account and the address and writes `login_failed`;
 *    a right one clears the account's failures, opens the session and writes
 *    `login`. With PASSWORD_SIGN_IN=off a right password opens a session only
 *    for an account of a civil-society organisation; staff get 403 and use
 *    single sign-on. A person with a second factor gets a challenge instead
 *    of a session: the session opens when their code is right (second-factor.ts).
 */
import type pg from 'pg';
import type { Actor } from '../../../platform/auth/actor';
import { loginRules, type Throttle } from '../../../platform/auth/login-throttle';
import { verifyPassword } from '../../../platform/auth/passwords';
import { createSession, secondFactorRequiredNow, secondFactorSetupRequired, type NewSession, type SessionSettings } from '../../../platform/auth/session';
import { createChallenge } from './second-factor';
import { writeAudit } from '../../../platform/audit/audit';
import type { Config } from '../../../platform/config';
import { inTransaction } from '../../../platform/db/database';
import { HttpError } from '../../../platform/http/errors';
import { findUserByEmail, membershipsOf, networkRolesOf, normaliseEmail } from '../auth.repository';

export interface LoginInput {
  email: string;
  password: string;
  ipAddress: string;
  userAgent?: string | null;
  /** The session the request came with, if any: replaced by the new one. */
  previousSessionHash?: string | null;
}

export interface LoginDeps {
  config: Pick<Config, 'loginThrottle' | 'passwordSignIn'>;
  sessions: SessionSettings;
  throttle: Throttle;
}

export const loginFailed = () => new HttpError(401, 'login_failed', 'login_failed');

/** The session, or — for a person with a second factor — the challenge token that waits for their code. */
export type SignInOutcome = { session: NewSession; actor: Actor } | { challenge: string };

export async function login(pool: pg.Pool, input: LoginInput, deps: LoginDeps): Promise<SignInOutcome> {
  const email = normaliseEmail(input.email);
  const rules = loginRules(deps.config.loginThrottle, email, input.ipAddress);
  const keys = [rules.account, rules.address];
  await deps.throttle.check(pool, keys, 'login_locked');

  const user = await findUserByEmail(pool, email);
  const passwordOk = await verifyPassword(user?.active ? user.password_hash : null, input.password);

  const outcome = await inTransaction(pool, async (tx) => {
    const held = await deps.throttle.hold(tx, keys);
    held.refuseIfLocked(keys, 'login_locked');
    if (!passwordOk || !user) {
      await held.count(keys);
      await writeAudit(tx, {
        actor: 'anonymous', action: 'login_failed', entity: 'user', entityId: user?.id ?? null,
        after: { email, ip_address: input.ipAddress },
      });
      return null;
    }
    if (deps.config.passwordSignIn === 'organisations' && !(await isOrganisationAccount(tx, user.id))) return 'sso_only' as const;
    await held.clear([rules.account]);
    await held.tidy();
    if (user.second_factor) return { challenge: await createChallenge(tx, user.id, 'password', deps.sessions) };
    return openSession(tx, user, { method: 'password', ...input }, deps);
  });
  // Thrown after commit, so the counted failure and its audit row stay.
  if (outcome === 'sso_only') throw new HttpError(403, 'forbidden', 'password_sign_in_off');
  if (!outcome) throw loginFailed();
  return outcome;
}

/** Whether an account only writes for civil-society organisations (no role in this instance). */
async function isOrganisationAccount(tx: Pick<pg.PoolClient, 'query'>, userId: number): Promise<boolean> {
  const { rows } = await tx.query<{ ok: boolean }>(
    `select exists (select 1 from organisation_member where user_id = $1)
        and not exists (select 1 from membership where user_id = $1) as ok`, [userId]);
  return rows[0].ok;
}

/**
 * Opens a session for a person whose proof was accepted (password or single
 * sign-on), inside the caller's transaction: drops the person's expired
 * sessions and the one the browser came with, writes `login` in the audit log
 * and answers the session with the person as the API presents them.
 */
export async function openSession(
  tx: pg.PoolClient,
  user: { id: number; email: string; display_name: string; locale: string; second_factor: boolean },
  input: {
    method: 'password' | 'oidc'; secondFactor?: 'totp' | 'recovery_code';
    ipAddress: string; userAgent?: string | null; previousSessionHash?: string | null;
  },
  deps: { sessions: SessionSettings },
): Promise<{ session: NewSession; actor: Actor }> {
  const now = deps.sessions.now();
  await tx.query(
    'delete from user_session where (user_id = $1 and expires_at <= $2) or token_hash = $3',
    [user.id, now, input.previousSessionHash ?? null],
  );
  const session = await createSession(tx, { userId: user.id, ipAddress: input.ipAddress, userAgent: input.userAgent }, deps.sessions);
  await writeAudit(tx, {
    actor: { userId: user.id }, action: 'login', entity: 'user', entityId: user.id,
    after: { ip_address: input.ipAddress, method: input.method, ...(input.secondFactor ? { second_factor: input.secondFactor } : {}) },
  });
  const memberships = await membershipsOf(tx, user.id);
  const actor: Actor = {
    userId: user.id, email: user.email, displayName: user.display_name, locale: user.locale,
    memberships: memberships.map((m) => ({ role: m.role, institutionId: m.institution_id })),
    networkRoles: await networkRolesOf(tx, user.id),
    secondFactor: user.second_factor,
    secondFactorSetupRequired: secondFactorSetupRequired(await secondFactorRequiredNow(tx, deps.sessions), memberships, user.second_factor),
    csrfToken: session.csrfToken,
  };
  return { session, actor };
}
