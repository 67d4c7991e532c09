/**
 * The first administrator (or any administrator created from the command
 * line, `npm run admin:create`): an account without a password, the
 * administrator role, and a one-time link to choose the password — the same
 * invitation token and confirmation page as an invitation from the app. One
 * transaction: account (with its audit row), role, token, audit row.
 *
 * The link is returned to the operator at the console rather than emailed:
 * on a new instance mail may not be configured yet.
 */
import type pg from 'pg';
import { inviteUserSchema } from '../../../../shared/users';
import { type AuditActor, writeAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/database';
import { HttpError } from '../../../platform/http/errors';
import { createUser } from '../../auth/use-cases/create-user';
import { issueInvitation } from './invite-user';

export class AdministratorRefused extends Error {
  constructor(readonly reason: 'email_invalid' | 'email_taken', message: string) {
    super(message);
  }
}

export interface NewAdministrator {
  email: string;
  name?: string;
  locale?: string;
}

export interface CreatedAdministrator {
  userId: number;
  email: string;
  link: string;
  expiresAt: Date;
}

/** The same rule as an invitation from the app. */
const emailSchema = inviteUserSchema.shape.email;

export async function createAdministrator(
  pool: pg.Pool, input: NewAdministrator, deps: { publicUrl: string; now: () => Date; actor: AuditActor },
): Promise<CreatedAdministrator> {
  const email = input.email.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success) {
    throw new AdministratorRefused('email_invalid', `"${input.email}" is not a valid email address`);
  }
  const displayName = input.name?.trim() || email.split('@')[0];
  try {
    const { userId, link, expiresAt } = await inTransaction(pool, async (tx) => {
      const user = await createUser(tx, { email, displayName, locale: input.locale }, deps.actor);
      const { rows: [member] } = await tx.query<{ id: number }>(
        `insert into membership (user_id, institution_id, role) values ($1, null, 'administrator') returning id`, [user.id]);
      const { link, expiresAt } = await issueInvitation(tx, user.id, user.locale, deps);
      await writeAudit(tx, {
        actor: deps.actor, action: 'create', entity: 'membership', entityId: member.id,
        after: { user_id: user.id, role: 'administrator', institution_id: null, set_password_link_expires_at: expiresAt.toISOString() },
      });
      return { userId: user.id, link, expiresAt };
    });
    return { userId, email, link, expiresAt };
  } catch (error) {
    if (error instanceof HttpError && error.statusCode === 409) {
      throw new AdministratorRefused('email_taken', `an account with the address ${email} already exists`);
    }
    throw error;
  }
}

/** True when some active account holds the administrator role. */
export async function hasActiveAdministrator(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query(`select exists (
    select 1 from membership m join app_user u on u.id = m.user_id where m.role = 'administrator' and u.active) as present`);
  return rows[0].present;
}

/** What `npm start` prints when nobody can administer the instance; null when someone can. */
export async function firstAdministratorHint(pool: pg.Pool): Promise<string | null> {
  if (await hasActiveAdministrator(pool)) return null;
  return '  no active administrator yet: create the first one with `npm run admin:create -- --email ADDRESS [--name NAME]`';
}
