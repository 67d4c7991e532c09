/** SQL for records' history: rows of the audit log with who made each change, and the owner of the records that have one. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface HistoryRow {
  at: Date;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  /** The app_user behind a `user:N` actor (null for the command line, the system, or a deleted account). */
  user_id: string | number | null;
  display_name: string | null;
}

/** One page of a record's audit rows (or of several records', for an institution with those merged into it), newest first, and how many there are in all. */
export async function historyOf(db: Queryable, entity: string, entityIds: number[], page: number, pageSize: number): Promise<{ total: number; rows: HistoryRow[] }> {
  const ids = entityIds.map(String);
  const [items, count] = await Promise.all([
    db.query<HistoryRow>(
      `select a.at, a.actor, a.action, a.before, a.after, u.id as user_id, u.display_name
       from audit_log a
       -- The cast only for user:N actors: SQL does not promise to test the pattern before casting.
       left join app_user u on u.id = case when a.actor ~ '^user:[0-9]+$' then substring(a.actor from 6)::bigint end
       where a.entity = $1 and a.entity_id = any($2::text[]) order by a.id desc limit $3 offset $4`,
      [entity, ids, pageSize, (page - 1) * pageSize],
    ),
    db.query<{ n: number }>('select count(*)::int as n from audit_log where entity = $1 and entity_id = any($2::text[])', [entity, ids]),
  ]);
  return { total: count.rows[0].n, rows: items.rows };
}
