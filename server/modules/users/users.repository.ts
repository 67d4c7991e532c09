/** SQL for accounts as the users API shows them, and for changing their state and roles. */
import type pg from 'pg';
import { membershipsOf } from '../auth/auth.repository';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The last sign-in is the newest `login` row of the audit log (written by every way of signing in). */
const USER_COLUMNS = `u.id, u.email, u.display_name, u.locale, u.active, u.password_hash is not null as password_set,
  u.totp_secret is not null as second_factor, u.version,
  (select max(a.at) from audit_log a where a.entity = 'user' and a.entity_id = u.id::text and a.action = 'login') as last_sign_in_at`;

export interface UserRow {
  id: number; email: string; display_name: string; locale: string; active: boolean; password_set: boolean; second_factor: boolean; version: number;
  last_sign_in_at: Date | null;
}

export function presentUser(row: UserRow, memberships: { role: string; institution_id: number | null }[]) {
  return {
    id: Number(row.id), email: row.email, display_name: row.display_name, locale: row.locale, active: row.active,
    password_set: row.password_set, second_factor: row.second_factor, version: row.version,
    last_sign_in_at: row.last_sign_in_at ? new Date(row.last_sign_in_at).toISOString() : null,
    memberships: memberships.map((m) => ({ role: m.role, institution_id: m.institution_id === null ? null : Number(m.institution_id) })),
  };
}

/** An account with its roles, or null. */
export async function readUser(db: Queryable, id: number) {
  const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from app_user u where u.id = $1`, [id]);
  if (!rows[0]) return null;
  return presentUser(rows[0], await membershipsOf(db, id));
}

export interface UserFilters {
  q?: string; role?: string; institution_id?: number; active?: 'true' | 'false'; page: number; page_size: number;
}

/** One page of people matching the filters (name or email contains `q`; holds `role`, at `institution_id`), by name. */
export async function listUsers(db: Queryable, filters: UserFilters) {
  const where = `where ($1::text is null or u.email ilike '%' || $1 || '%' or u.display_name ilike '%' || $1 || '%')
      and ($2::text is null or exists (select 1 from membership m where m.user_id = u.id and m.role = $2))
      and ($3::int is null or exists (select 1 from membership m where m.user_id = u.id and m.institution_id = $3))
      and ($4::boolean is null or u.active = $4)`;
  const q = filters.q ? filters.q.replace(/[\\%_]/g, (c) => `\\${c}`) : null;
  const params = [q, filters.role ?? null, filters.institution_id ?? null, filters.active === undefined ? null : filters.active === 'true'];
  const [page, count] = await Promise.all([
    db.query<UserRow & { memberships: { role: string; institution_id: number | null }[] }>(
      `select ${USER_COLUMNS},
         coalesce((select json_agg(json_build_object('role', m.role, 'institution_id', m.institution_id) order by m.id)
                   from membership m where m.user_id = u.id), '[]'::json) as memberships
       from app_user u ${where} order by lower(u.display_name), u.id limit $5 offset $6`,
      [...params, filters.page_size, (filters.page - 1) * filters.page_size],
    ),
    db.query<{ n: number }>(`select count(*)::int as n from app_user u ${where}`, params),
  ]);
  return { total: count.rows[0].n, items: page.rows.map((row) => presentUser(row, row.memberships)) };
}

/** The account locked for a change, or null. */
export async function lockUser(db: Queryable, id: number): Promise<{ id: number; active: boolean; version: number; email: string } | null> {
  const { rows } = await db.query('select id, active, version, email from app_user where id = $1 for update', [id]);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

/** Bumps the account's version (and sets its state when given); null when the version is no longer `version`. */
export async function touchUser(db: Queryable, id: number, version: number, active?: boolean): Promise<number | null> {
  const { rows } = await db.query(
    `update app_user set active = coalesce($3, active), version = version + 1, updated_at = now()
     where id = $1 and version = $2 returning version`,
    [id, version, active ?? null],
  );
  return rows[0]?.version ?? null;
}

/** Turns the account's second factor off: its secret, a pending one and its recovery codes go. */
export async function clearSecondFactor(db: Queryable, id: number, version: number): Promise<number | null> {
  const { rows } = await db.query(
    `update app_user set totp_secret = null, totp_pending_secret = null, totp_last_step = null, version = version + 1, updated_at = now()
     where id = $1 and version = $2 returning version`, [id, version]);
  if (!rows[0]) return null;
  await db.query('delete from recovery_code where user_id = $1', [id]);
  return rows[0].version;
}

/** Ends every session of the account and voids its unused password links. */
export async function endSessions(db: Queryable, userId: number): Promise<number> {
  const { rowCount } = await db.query('delete from user_session where user_id = $1', [userId]);
  await db.query('delete from sign_in_challenge where user_id = $1', [userId]);
  return rowCount ?? 0;
}

const ADMINISTRATORS_LOCK = 7_460_013;

/**
 * Serialises every change that could remove an administrator (a transaction
 * lock held to commit), so two changes cannot each leave the other's
 * administrator as the last one and together leave none.
 */
export async function lockAdministrators(db: Queryable): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1)', [ADMINISTRATORS_LOCK]);
}

/** Active accounts holding the administrator role. */
export async function activeAdministratorIds(db: Queryable): Promise<number[]> {
  const { rows } = await db.query(
    `select distinct u.id from membership m join app_user u on u.id = m.user_id where m.role = 'administrator' and u.active order by u.id`);
  return rows.map((r) => Number(r.id));
}

export interface MembershipFullRow { id: number; role: string; institution_id: number | null }

export async function membershipsWithIds(db: Queryable, userId: number): Promise<MembershipFullRow[]> {
  const { rows } = await db.query('select id, role, institution_id from membership where user_id = $1 order by id', [userId]);
  return rows;
}

export async function deleteMembership(db: Queryable, id: number): Promise<void> {
  await db.query('delete from membership where id = $1', [id]);
}

export async function insertMembership(db: Queryable, userId: number, role: string, institutionId: number | null): Promise<number> {
  const { rows } = await db.query('insert into membership (user_id, institution_id, role) values ($1, $2, $3) returning id', [userId, institutionId, role]);
  return rows[0].id;
}
