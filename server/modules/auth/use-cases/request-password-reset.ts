/**
 * "I forgot my password": always the same answer, whether the account exists
 * or not. For an active account, one transaction creates a single-use token
 * (only its hash is stored), queues the email with the link in the person's
 * language and writes the audit row; the mail leaves after commit.
 *
 * Limits: requests per address (429 beyond), and emails per account (beyond,
 * silently none, so nobody can flood someone's mailbox).
 */
import type pg from 'pg';
import { passwordResetRules, type Throttle } from '../../../platform/auth/login-throttle';
import { hashToken, newToken } from '../../../platform/auth/session';
import { writeAudit } from '../../../platform/audit/audit';
import type { Config } from '../../../platform/config';
import { inTransaction } from '../../../platform/db/database';
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../../platform/mail/mailer';
import { findUserByEmail, normaliseEmail } from '../auth.repository';
import { localeOr } from '../../../../shared/i18n/languages';

export interface PasswordResetDeps {
  config: Pick<Config, 'loginThrottle' | 'passwordResetMinutes' | 'publicUrl'>;
  throttle: Throttle;
  now: () => Date;
}

export function resetLink(publicUrl: string, locale: Locale, token: string): string {
  return `${publicUrl}/${locale}/reset-password?token=${encodeURIComponent(token)}`;
}

/** True when an email was queued (the caller must not tell the requester). */
export async function requestPasswordReset(
  pool: pg.Pool, input: { email: string; ipAddress: string }, deps: PasswordResetDeps,
): Promise<boolean> {
  const email = normaliseEmail(input.email);
  const rules = passwordResetRules(deps.config.loginThrottle, email, input.ipAddress);
  const queued = await inTransaction(pool, async (tx) => {
    const held = await deps.throttle.hold(tx, [rules.address, rules.account]);
    held.refuseIfLocked([rules.address], 'reset_throttled');
    await held.count([rules.address]);
    const user = await findUserByEmail(tx, email);
    if (!user || !user.active || held.lockedUntil(rules.account)) {
      await held.tidy();
      return false;
    }
    await held.count([rules.account]);

    const now = deps.now();
    const token = newToken();
    await tx.query(
      `insert into password_token (token_hash, user_id, purpose, created_at, expires_at) values ($1, $2, 'reset', $3, $4)`,
      [hashToken(token), user.id, now, new Date(now.getTime() + deps.config.passwordResetMinutes * 60_000)],
    );
    const locale: Locale = localeOr(user.locale);
    await queueMail(tx, {
      to: user.email,
      locale,
      subject: message('mail_password_reset_subject', locale),
      text: message('mail_password_reset_body', locale, {
        name: user.display_name,
        link: resetLink(deps.config.publicUrl, locale, token),
        minutes: deps.config.passwordResetMinutes,
      }),
    });
    await writeAudit(tx, {
      actor: 'anonymous', action: 'password_reset_requested', entity: 'user', entityId: user.id,
      after: { ip_address: input.ipAddress },
    });
    return true;
  });
  if (queued) notifyMailQueued();
  return queued;
}
