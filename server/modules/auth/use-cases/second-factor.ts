/**
 * The second factor (TOTP, RFC 6238) and its recovery codes.
 *
 * Turning it on: `beginTotpSetup` keeps a new secret as pending and shows it
 * (otpauth:// URI and text); `confirmTotpSetup` turns it on when a code from
 * the app is right, and answers ten recovery codes, shown this once and kept
 * only as argon2id hashes.
 *
 * Signing in: a person who has it gets a challenge after the password (or
 * single sign-on) instead of a session; `completeSecondFactor` opens the
 * session when the code is right. A TOTP code is accepted only for a time
 * step later than the last accepted one (`app_user.totp_last_step`, updated
 * under a condition, so two requests with one code cannot both win); a
 * recovery code is marked used the same way. Wrong codes count on the
 * login throttle like wrong passwords (same keys: account and address).
 */
import type pg from 'pg';
import type { Actor } from '../../../platform/auth/actor';
import { loginRules, type Throttle } from '../../../platform/auth/login-throttle';
import { hashPassword, verifyPassword } from '../../../platform/auth/passwords';
import { hashToken, newToken, type SessionSettings } from '../../../platform/auth/session';
import {
  looksLikeRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpUri,
} from '../../../platform/auth/totp';
import { writeAudit } from '../../../platform/audit/audit';
import type { Config } from '../../../platform/config';
import { inTransaction } from '../../../platform/db/database';
import { HttpError } from '../../../platform/http/errors';
import { openSession, type SignInOutcome } from './login';

const CHALLENGE_MINUTES = 10;
const MINUTE = 60_000;
type Queryable = Pick<pg.PoolClient, 'query'>;

export interface SecondFactorDeps {
  config: Pick<Config, 'loginThrottle'>;
  sessions: SessionSettings;
  throttle: Throttle;
}

/** Records a sign-in that waits for the second factor; answers the token for the browser's cookie. */
export async function createChallenge(tx: Queryable, userId: number, method: 'password' | 'oidc', sessions: SessionSettings): Promise<string> {
  const token = newToken();
  const now = sessions.now();
  await tx.query('delete from sign_in_challenge where user_id = $1 or expires_at <= $2', [userId, now]);
  await tx.query(
    'insert into sign_in_challenge (token_hash, user_id, method, created_at, expires_at) values ($1, $2, $3, $4, $5)',
    [hashToken(token), userId, method, now, new Date(now.getTime() + CHALLENGE_MINUTES * MINUTE)],
  );
  return token;
}

interface ChallengeRow {
  user_id: number;
  method: 'password' | 'oidc';
  email: string;
  display_name: string;
  locale: string;
  totp_secret: string;
  totp_last_step: number | null;
}

const secondFactorFailed = () => new HttpError(401, 'second_factor_failed', 'second_factor_failed');

/** Checks the code of a waiting sign-in and opens the session. */
export async function completeSecondFactor(
  pool: pg.Pool,
  input: { challengeToken: string | null; code: string; ipAddress: string; userAgent?: string | null; previousSessionHash?: string | null },
  deps: SecondFactorDeps,
): Promise<Extract<SignInOutcome, { session: unknown }>> {
  const now = deps.sessions.now();
  const { rows: [challenge] } = input.challengeToken ? await pool.query<ChallengeRow>(
    `select c.user_id, c.method, u.email, u.display_name, u.locale, u.totp_secret, u.totp_last_step
     from sign_in_challenge c join app_user u on u.id = c.user_id
     where c.token_hash = $1 and c.expires_at > $2 and u.active and u.totp_secret is not null`,
    [hashToken(input.challengeToken), now],
  ) : { rows: [] };
  if (!challenge) throw new HttpError(401, 'second_factor_expired', 'second_factor_expired');

  const rules = loginRules(deps.config.loginThrottle, challenge.email, input.ipAddress);
  const keys = [rules.account, rules.address];
  await deps.throttle.check(pool, keys, 'login_locked');

  // Recovery codes are checked outside the transaction: argon2id takes its time.
  let recoveryId: number | null = null;
  let step: number | null = null;
  if (looksLikeRecoveryCode(input.code)) {
    const { rows } = await pool.query<{ id: number; code_hash: string }>(
      'select id, code_hash from recovery_code where user_id = $1 and used_at is null order by id', [challenge.user_id]);
    for (const row of rows) {
      if (await verifyPassword(row.code_hash, normaliseRecoveryCode(input.code))) { recoveryId = row.id; break; }
    }
  } else {
    step = matchTotp(challenge.totp_secret, input.code, now, challenge.totp_last_step);
  }

  const outcome = await inTransaction(pool, async (tx) => {
    const held = await deps.throttle.hold(tx, keys);
    held.refuseIfLocked(keys, 'login_locked');
    const used = recoveryId !== null
      ? (await tx.query('update recovery_code set used_at = $2 where id = $1 and used_at is null', [recoveryId, now])).rowCount
      : step !== null
        ? (await tx.query('update app_user set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2)', [challenge.user_id, step])).rowCount
        : 0;
    if (!used) {
      await held.count(keys);
      await writeAudit(tx, {
        actor: 'anonymous', action: 'second_factor_failed', entity: 'user', entityId: challenge.user_id,
        after: { ip_address: input.ipAddress },
      });
      return null;
    }
    await tx.query('delete from sign_in_challenge where token_hash = $1', [hashToken(input.challengeToken!)]);
    await held.clear([rules.account]);
    await held.tidy();
    return openSession(tx, { id: challenge.user_id, email: challenge.email, display_name: challenge.display_name, locale: challenge.locale, second_factor: true }, {
      method: challenge.method, secondFactor: recoveryId !== null ? 'recovery_code' : 'totp', ...input,
    }, deps);
  });
  if (!outcome) throw secondFactorFailed();
  return outcome;
}

/** Whether the person has the second factor on, and how many recovery codes are left. */
export async function secondFactorStatus(pool: pg.Pool, actor: Actor): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
  const { rows: [row] } = await pool.query<{ enabled: boolean; left: number }>(
    `select u.totp_secret is not null as enabled,
       (select count(*)::int from recovery_code r where r.user_id = u.id and r.used_at is null) as left
     from app_user u where u.id = $1`, [actor.userId]);
  return { enabled: row?.enabled ?? false, recoveryCodesLeft: row?.left ?? 0 };
}

/** A new secret, kept as pending until a code confirms it. */
export async function beginTotpSetup(pool: pg.Pool, actor: Actor, issuer: string): Promise<{ secret: string; uri: string }> {
  const secret = newTotpSecret();
  const { rowCount } = await pool.query(
    'update app_user set totp_pending_secret = $2 where id = $1 and totp_secret is null', [actor.userId, secret]);
  if (!rowCount) throw new HttpError(409, 'conflict', 'second_factor_already_on');
  return { secret, uri: totpUri(secret, actor.email, issuer) };
}

/** Turns the second factor on when the code is right for the pending secret; answers the recovery codes (shown once). */
export async function confirmTotpSetup(
  pool: pg.Pool, actor: Actor, input: { code: string; ipAddress: string }, deps: SecondFactorDeps,
): Promise<{ recoveryCodes: string[] }> {
  const rules = loginRules(deps.config.loginThrottle, actor.email, input.ipAddress);
  const keys = [rules.account, rules.address];
  await deps.throttle.check(pool, keys, 'login_locked');
  const now = deps.sessions.now();
  const { rows: [user] } = await pool.query<{ totp_pending_secret: string | null; totp_secret: string | null }>(
    'select totp_pending_secret, totp_secret from app_user where id = $1', [actor.userId]);
  if (user?.totp_secret) throw new HttpError(409, 'conflict', 'second_factor_already_on');
  if (!user?.totp_pending_secret) throw new HttpError(409, 'conflict', 'second_factor_no_setup');
  const step = matchTotp(user.totp_pending_secret, input.code, now, null);
  const codes = step === null ? [] : newRecoveryCodes();
  const hashes = await Promise.all(codes.map((code) => hashPassword(normaliseRecoveryCode(code))));

  const ok = await inTransaction(pool, async (tx) => {
    const held = await deps.throttle.hold(tx, keys);
    held.refuseIfLocked(keys, 'login_locked');
    const updated = step === null ? 0 : (await tx.query(
      `update app_user set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_last_step = $3, version = version + 1, updated_at = $4
       where id = $1 and totp_pending_secret = $2 and totp_secret is null`,
      [actor.userId, user.totp_pending_secret, step, now])).rowCount;
    if (!updated) {
      await held.count(keys);
      await writeAudit(tx, { actor, action: 'second_factor_failed', entity: 'user', entityId: actor.userId, after: { ip_address: input.ipAddress } });
      return false;
    }
    await tx.query('delete from recovery_code where user_id = $1', [actor.userId]);
    await tx.query(
      'insert into recovery_code (user_id, code_hash, created_at) select $1, h, $3 from unnest($2::text[]) as h',
      [actor.userId, hashes, now]);
    await held.clear([rules.account]);
    await held.tidy();
    await writeAudit(tx, {
      actor, action: 'second_factor_enabled', entity: 'user', entityId: actor.userId,
      before: { second_factor: false }, after: { second_factor: true, recovery_codes: codes.length },
    });
    return true;
  });
  if (!ok) throw secondFactorFailed();
  return { recoveryCodes: codes };
}
