/** SQL for institutions and their members. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface InstitutionRow {
  id: number; name: Record<string, string>; acronym: string | null; branch: string; type: string | null;
  parent_id: number | null; active: boolean; merged_into_id: number | null; version: number;
}

const COLUMNS = 'id, name, acronym, branch, type, parent_id, active, merged_into_id, version';

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

export async function insertInstitution(db: Queryable, fields: Omit<InstitutionRow, 'id' | 'version' | 'merged_into_id'>): Promise<InstitutionRow> {
  const result = await db.query(
    `insert into institution (name, acronym, branch, type, parent_id, active) values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
    [JSON.stringify(fields.name), fields.acronym, fields.branch, fields.type, fields.parent_id, fields.active],
  );
  return result.rows[0];
}

/** Writes the new state only if the stored version is still `version`; returns null otherwise. */
export async function updateInstitution(db: Queryable, id: number, version: number, fields: Omit<InstitutionRow, 'id' | 'version' | 'merged_into_id'>): Promise<InstitutionRow | null> {
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

/** The institution and every one merged into it, directly or through others (its history is theirs too). */
export async function mergedFamily(db: Queryable, id: number): Promise<number[]> {
  const result = await db.query(
    `with recursive family(id, depth) as (
       select id, 0 from institution where id = $1
       union all select i.id, f.depth + 1 from institution i join family f on i.merged_into_id = f.id where f.depth < 50
     ) select id from family order by depth, id`,
    [id],
  );
  return result.rows.map((r) => r.id);
}

/**
 * Moves everything of institution `from` to `into` (inside the caller's
 * transaction): assignments (where both had the recommendation, `into` keeps
 * its own and becomes lead if `from` was), memberships (a role `into` already
 * gives the person is not doubled), action reports, indicators, rounds'
 * scopes and child institutions. Returns how many of each moved (those
 * folded into one the survivor already had included).
 */
export async function moveInstitutionRecords(db: Queryable, from: number, into: number) {
  const duplicates = await db.query<{ id: number; recommendation_id: string; responsibility: string }>(
    `delete from assignment m using assignment s
     where m.institution_id = $1 and s.institution_id = $2 and s.recommendation_id = m.recommendation_id
     returning m.id, m.recommendation_id, m.responsibility`,
    [from, into],
  );
  const leads = duplicates.rows.filter((r) => r.responsibility === 'lead').map((r) => r.recommendation_id);
  if (leads.length > 0) {
    await db.query(
      `update assignment set responsibility = 'lead', version = version + 1, updated_at = now()
       where institution_id = $1 and recommendation_id = any($2::bigint[])`,
      [into, leads],
    );
  }
  const assignments = await db.query('update assignment set institution_id = $2, version = version + 1, updated_at = now() where institution_id = $1', [from, into]);
  const doubledRoles = await db.query(
    `delete from membership m using membership s
     where m.institution_id = $1 and s.institution_id = $2 and s.user_id = m.user_id and s.role = m.role`,
    [from, into],
  );
  const memberships = await db.query('update membership set institution_id = $2 where institution_id = $1', [from, into]);
  const actions = await db.query('update action_report set institution_id = $2 where institution_id = $1', [from, into]);
  const indicators = await db.query('update indicator set institution_id = $2 where institution_id = $1', [from, into]);
  await db.query(
    `update reporting_round set institution_ids = array(select distinct unnest(array_replace(institution_ids, $1::int, $2::int)))
     where $1 = any(institution_ids)`,
    [from, into],
  );
  await db.query('update institution set parent_id = $2, version = version + 1, updated_at = now() where parent_id = $1 and id <> $2', [from, into]);
  return {
    assignments: (assignments.rowCount ?? 0) + duplicates.rows.length,
    memberships: (memberships.rowCount ?? 0) + (doubledRoles.rowCount ?? 0),
    action_reports: actions.rowCount ?? 0,
    indicators: indicators.rowCount ?? 0,
  };
}

/** Retires `id` as merged into `into`; returns the new state. */
export async function markMerged(db: Queryable, id: number, into: number): Promise<InstitutionRow> {
  const result = await db.query(
    `update institution set active = false, merged_into_id = $2, version = version + 1, updated_at = now() where id = $1 returning ${COLUMNS}`,
    [id, into],
  );
  return result.rows[0];
}

/** Bumps the version of the institution that took another's records (and fixes its parent); returns the new state. */
export async function markSurvivor(db: Queryable, id: number, parentId: number | null): Promise<InstitutionRow> {
  const result = await db.query(
    `update institution set parent_id = $2, version = version + 1, updated_at = now() where id = $1 returning ${COLUMNS}`,
    [id, parentId],
  );
  return result.rows[0];
}
