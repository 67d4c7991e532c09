/**
 * Sets a new password with a token from an emailed link (reset, or the
 * invitation a new account receives). One transaction: the token is spent
 * (single use, checked again under the update), the hash replaced, every
 * session of the person ended, the account's failed sign-ins forgotten, and an
 * audit row written. The new password is hashed before the transaction opens.
 */
import type pg from 'pg';
import { hashPassword, passwordProblem } from '../../../platform/auth/passwords';
import { hashToken } from '../../../platform/auth/session';
import { writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { badRequest } from '../../../platform/http/errors';
import { findUsablePasswordToken } from '../auth.repository';

export async function resetPassword(
  pool: pg.Pool, input: { token: string; password: string }, deps: { now: () => Date },
): Promise<void> {
  const tokenHash = hashToken(input.token);
  const found = await findUsablePasswordToken(pool, tokenHash, deps.now());
  if (!found) throw badRequest('reset_token_invalid');
  const problem = passwordProblem(input.password, found.email);
  if (problem) throw badRequest(problem.key, problem.params);
  const passwordHash = await hashPassword(input.password);

  await inTransaction(pool, async (tx) => {
    const now = deps.now();
    const spent = await tx.query<{ user_id: number }>(
      `update password_token set used_at = $2
       where token_hash = $1 and used_at is null and expires_at > $2
         and user_id in (select id from app_user where active)
       returning user_id`,
      [tokenHash, now],
    );
    const userId = spent.rows[0]?.user_id;
    if (userId === undefined) throw badRequest('reset_token_invalid'); // spent meanwhile
    const { rows: [user] } = await tx.query<{ email: string }>(
      `update app_user set password_hash = $2, updated_at = $3, version = version + 1 where id = $1 returning email`,
      [userId, passwordHash, now],
    );
    // Other links of the same person die with this one.
    await tx.query('update password_token set used_at = $2 where user_id = $1 and used_at is null', [userId, now]);
    const sessions = await tx.query('delete from user_session where user_id = $1', [userId]);
    await tx.query('delete from login_throttle where key = $1', [`account:${user.email}`]);
    await writeAudit(tx, {
      actor: { userId }, action: 'password_reset', entity: 'user', entityId: userId,
      after: { purpose: found.purpose, sessions_ended: sessions.rowCount ?? 0 },
    });
  });
}
