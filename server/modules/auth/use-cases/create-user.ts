/**
 * Creates an account inside the caller's transaction, with an audit row.
 * With a password (demo logins, tests) it is checked against the rules and
 * hashed; without one the person sets it through an emailed link.
 */
import type pg from 'pg';
import { hashPassword, passwordProblem } from '../../../platform/auth/passwords';
import { type AuditActor, writeAudit } from '../../../platform/audit/audit';
import { badRequest, HttpError } from '../../../platform/http/errors';
import { isLocale, type Locale } from '../../../platform/http/locale';
import { instanceDefaultLanguage } from '../../settings/settings.repository';
import { normaliseEmail } from '../auth.repository';

export interface NewUser {
  email: string;
  displayName: string;
  /** One of the supported languages; without one, the instance's default language (its settings). */
  locale?: string;
  password?: string;
}

export const emailTaken = () => new HttpError(409, 'conflict', 'email_taken');

export async function createUser(
  tx: pg.PoolClient, input: NewUser, actor: AuditActor = 'system',
): Promise<{ id: number; email: string; locale: Locale }> {
  const email = normaliseEmail(input.email);
  const locale = isLocale(input.locale) ? input.locale : await instanceDefaultLanguage(tx);
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, email);
    if (problem) throw badRequest(problem.key, problem.params);
    passwordHash = await hashPassword(input.password);
  }
  const { rows } = await tx.query<{ id: number }>(
    `insert into app_user (email, display_name, locale, password_hash) values ($1, $2, $3, $4)
     on conflict (email) do nothing returning id`,
    [email, input.displayName.trim(), locale, passwordHash],
  );
  if (!rows[0]) throw emailTaken();
  const id = rows[0].id;
  await writeAudit(tx, {
    actor, action: 'create', entity: 'user', entityId: id,
    after: { email, display_name: input.displayName.trim(), locale, password_set: passwordHash !== null },
  });
  return { id, email, locale };
}
