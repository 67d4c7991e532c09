/**
 * The secretariat creates an account; the person receives a one-time link to
 * choose a password (the same confirmation endpoint as a password reset). One
 * transaction: account, token, email in the outbox, audit row; mail goes out
 * after commit.
 */
import type pg from 'pg';
import type { z } from 'zod';
import type { inviteUserSchema } from '../../../../shared/users';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/policy';
import { hashToken, newToken } from '../../../platform/auth/session';
import { inTransaction } from '../../../platform/db/database';
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../../platform/mail/mailer';
import { resetLink } from '../../auth/use-cases/request-password-reset';
import { createUser } from '../../auth/use-cases/create-user';

export const INVITATION_DAYS = 7;

/**
 * A one-time link for a new account to choose its password (an invitation
 * token, valid INVITATION_DAYS), written in the caller's transaction.
 */
export async function issueInvitation(
  tx: pg.PoolClient, userId: number, locale: Locale, deps: { publicUrl: string; now: () => Date },
): Promise<{ link: string; expiresAt: Date }> {
  const token = newToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3_600_000);
  await tx.query(
    `insert into password_token (token_hash, user_id, purpose, created_at, expires_at) values ($1, $2, 'invitation', $3, $4)`,
    [hashToken(token), userId, now, expiresAt],
  );
  return { link: resetLink(deps.publicUrl, locale, token), expiresAt };
}

export async function inviteUser(
  pool: pg.Pool, actor: Actor, input: z.infer<typeof inviteUserSchema>, deps: { publicUrl: string; now: () => Date },
): Promise<number> {
  authorize(actor, 'user:create');
  const id = await inTransaction(pool, async (tx) => {
    const user = await createUser(tx, { email: input.email, displayName: input.display_name, locale: input.locale }, actor);
    const { link } = await issueInvitation(tx, user.id, user.locale, deps);
    await queueMail(tx, {
      to: user.email,
      locale: user.locale,
      subject: message('mail_invitation_subject', user.locale),
      text: message('mail_invitation_body', user.locale, {
        name: input.display_name, inviter: actor.displayName, email: user.email,
        link, days: INVITATION_DAYS,
      }),
    });
    return user.id;
  });
  notifyMailQueued();
  return id;
}
