/** SQL for accounts, sessions, password tokens and the outbox. */
import type pg from 'pg';
import type { MembershipRole } from '../../db/schema/people';
import type { NetworkRole } from '../../../shared/network/roles';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface UserRow {
  id: number;
  email: string;
  display_name: string;
  locale: string;
  password_hash: string | null;
  active: boolean;
  /** Whether the second factor (TOTP) is on. */
  second_factor: boolean;
}

export interface MembershipRow {
  role: MembershipRole;
  institution_id: number | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(
    'select id, email, display_name, locale, password_hash, active, totp_secret is not null as second_factor from app_user where email = $1',
    [normaliseEmail(email)],
  );
  return rows[0] ?? null;
}

/** The roles a person holds on the Network's hub (network_role). */
export async function networkRolesOf(q: Queryable, userId: number): Promise<{ role: NetworkRole; iso3: string | null }[]> {
  const { rows } = await q.query<{ role: NetworkRole; iso3: string | null }>('select role, iso3 from network_role where user_id = $1 order by id', [userId]);
  return rows;
}

export async function membershipsOf(q: Queryable, userId: number): Promise<MembershipRow[]> {
  const { rows } = await q.query<MembershipRow>(
    'select role, institution_id from membership where user_id = $1 order by id',
    [userId],
  );
  return rows;
}

export interface ResetTokenRow {
  user_id: number;
  email: string;
  purpose: string;
}

/** A password token that can still be used, with its account (which must be active). */
export async function findUsablePasswordToken(q: Queryable, tokenHash: string, now: Date): Promise<ResetTokenRow | null> {
  const { rows } = await q.query<ResetTokenRow>(
    `select t.user_id, u.email, t.purpose from password_token t join app_user u on u.id = t.user_id
     where t.token_hash = $1 and t.used_at is null and t.expires_at > $2 and u.active`,
    [tokenHash, now],
  );
  return rows[0] ?? null;
}

export interface OutboxRow {
  id: number;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: Date;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

export async function latestOutbox(q: Queryable, limit: number): Promise<OutboxRow[]> {
  const { rows } = await q.query<OutboxRow>(
    `select id, to_address, subject, body_text, created_at, sent_at, attempts, last_error
     from mail_outbox order by id desc limit $1`,
    [limit],
  );
  return rows;
}
