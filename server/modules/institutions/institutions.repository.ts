/** SQL for institutions and their members. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface InstitutionRow {
  id: number; name: Record<string, string>; acronym: string | null; branch: string; type: string | null;
  parent_id: number | null; active: boolean; version: number;
}

const COLUMNS = 'id, name, acronym, branch, type, parent_id, active, version';

export async function listInstitutions(db: Queryable, includeInactive: boolean): Promise<InstitutionRow[]> {
  const result = await db.query(
    `select ${COLUMNS} from institution ${includeInactive ? '' : 'where active'} order by coalesce(name->>'es', name->>'en'), id`,
  );
  return result.rows;
}

export async function findInstitution(db: Queryable, id: number, forUpdate = false): Promise<InstitutionRow | null> {
  const result = await db.query(`select ${COLUMNS} from institution where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  return result.rows[0] ?? null;
}

export async function insertInstitution(db: Queryable, fields: Omit<InstitutionRow, 'id' | 'version'>): Promise<InstitutionRow> {
  const result = await db.query(
    `insert into institution (name, acronym, branch, type, parent_id, active) values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
    [JSON.stringify(fields.name), fields.acronym, fields.branch, fields.type, fields.parent_id, fields.active],
  );
  return result.rows[0];
}

/** Writes the new state only if the stored version is still `version`; returns null otherwise. */
export async function updateInstitution(db: Queryable, id: number, version: number, fields: Omit<InstitutionRow, 'id' | 'version'>): Promise<InstitutionRow | null> {
  const result = await db.query(
    `update institution set name = $3, acronym = $4, branch = $5, type = $6, parent_id = $7, active = $8,
       version = version + 1, updated_at = now()
     where id = $1 and version = $2 returning ${COLUMNS}`,
    [id, version, JSON.stringify(fields.name), fields.acronym, fields.branch, fields.type, fields.parent_id, fields.active],
  );
  return result.rows[0] ?? null;
}

/** Ancestors of an institution, nearest first (to refuse a parent that would make a cycle). */
export async function ancestorIds(db: Queryable, id: number): Promise<number[]> {
  const result = await db.query(
    `with recursive up(id, parent_id, depth) as (
       select id, parent_id, 0 from institution where id = $1
       union all select i.id, i.parent_id, up.depth + 1 from institution i join up on i.id = up.parent_id where up.depth < 50
     ) select id from up order by depth`,
    [id],
  );
  return result.rows.map((r) => r.id);
}

export interface MemberRow { id: number; user_id: number; display_name: string; email: string; role: string }

export async function listMembers(db: Queryable, institutionId: number): Promise<MemberRow[]> {
  const result = await db.query(
    `select m.id, m.user_id, u.display_name, u.email, m.role from membership m join app_user u on u.id = m.user_id
     where m.institution_id = $1 order by m.role, u.display_name`,
    [institutionId],
  );
  return result.rows;
}

export async function insertMember(db: Queryable, institutionId: number, userId: number, role: string): Promise<MemberRow | null> {
  const result = await db.query(
    `with inserted as (
       insert into membership (user_id, institution_id, role) values ($1, $2, $3) on conflict do nothing returning id, user_id, role
     ) select i.id, i.user_id, u.display_name, u.email, i.role from inserted i join app_user u on u.id = i.user_id`,
    [userId, institutionId, role],
  );
  return result.rows[0] ?? null;
}

export async function deleteMember(db: Queryable, institutionId: number, membershipId: number): Promise<MemberRow | null> {
  const result = await db.query(
    `delete from membership m using app_user u
     where m.id = $1 and m.institution_id = $2 and u.id = m.user_id
     returning m.id, m.user_id, u.display_name, u.email, m.role`,
    [membershipId, institutionId],
  );
  return result.rows[0] ?? null;
}

export async function userExists(db: Queryable, userId: number): Promise<boolean> {
  const result = await db.query('select 1 from app_user where id = $1', [userId]);
  return result.rowCount === 1;
}

/** Active people holding one of `roles` at the institution (any institution when null: secretariat, administrators), to write to. */
export async function peopleHolding(db: Queryable, roles: string[], institutionId: number | null) {
  const { rows } = await db.query(
    `select distinct u.id, u.email, u.display_name, u.locale from membership m join app_user u on u.id = m.user_id
     where u.active and m.role = any($1::text[]) and ($2::int is null or m.institution_id = $2) order by u.id`,
    [roles, institutionId],
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) })) as { id: number; email: string; display_name: string; locale: string }[];
}
