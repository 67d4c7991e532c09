/** SQL for accounts as the users API shows them. */
import type pg from 'pg';
import { membershipsOf } from '../auth/auth.repository';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** An account with its roles, or null. */
export async function readUser(db: Queryable, id: number) {
  const { rows } = await db.query(
    'select id, email, display_name, locale, active, password_hash is not null as password_set from app_user where id = $1', [id]);
  if (!rows[0]) return null;
  return { ...rows[0], memberships: await membershipsOf(db, id) };
}
