/** SQL for assignments. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function existingRecommendationIds(db: Queryable, ids: number[]): Promise<number[]> {
  const { rows } = await db.query('select id from recommendation where id = any($1::bigint[])', [ids]);
  return rows.map((r) => r.id);
}

/** How many recommendations of the catalogue no institution is responsible for (no assignment, lead or co-responsible). */
export async function countWithoutInstitution(db: Queryable): Promise<number> {
  const { rows } = await db.query(
    'select count(*)::int as n from recommendation r where not exists (select 1 from assignment a where a.recommendation_id = r.id)');
  return rows[0].n;
}

/** Of `ids`, how many are not assigned to the institution, assigned with another responsibility, or with this one. */
export async function assignmentPreview(db: Queryable, ids: number[], institutionId: number, responsibility: string) {
  const { rows } = await db.query(
    `select count(*) filter (where a.id is null)::int as new,
       count(*) filter (where a.id is not null and a.responsibility <> $3)::int as changed,
       count(*) filter (where a.id is not null and a.responsibility = $3)::int as unchanged
     from unnest($1::bigint[]) as t(recommendation_id)
     left join assignment a on a.recommendation_id = t.recommendation_id and a.institution_id = $2`,
    [ids, institutionId, responsibility],
  );
  return rows[0] as { new: number; changed: number; unchanged: number };
}

/** Recommendations among `ids` whose lead is another institution. */
export async function leadConflicts(db: Queryable, ids: number[], institutionId: number): Promise<number> {
  const { rows } = await db.query(
    `select count(*)::int as n from assignment where recommendation_id = any($1::bigint[]) and responsibility = 'lead' and institution_id <> $2`,
    [ids, institutionId],
  );
  return rows[0].n;
}

/**
 * Creates or changes the assignments of `ids` to one institution, with one
 * audit row per assignment written or changed, in the caller's transaction.
 */
export async function upsertAssignments(
  tx: Queryable, ids: number[], institutionId: number, responsibility: string, dueDate: string | null, actorUserId: number,
) {
  const { rows } = await tx.query(
    `with target as (
       select unnest($1::bigint[]) as recommendation_id
     ), before as (
       select a.* from assignment a join target t using (recommendation_id) where a.institution_id = $2
     ), written as (
       insert into assignment (recommendation_id, institution_id, responsibility, due_date, assigned_by)
       select recommendation_id, $2, $3, $4, $5 from target
       on conflict (recommendation_id, institution_id) do update
         set responsibility = excluded.responsibility, due_date = excluded.due_date, version = assignment.version + 1, updated_at = now()
         where (assignment.responsibility, assignment.due_date) is distinct from (excluded.responsibility, excluded.due_date)
       returning *
     ), audit as (
       insert into audit_log (actor, action, entity, entity_id, before, after)
       select 'user:' || $5, case when b.id is null then 'create' else 'update' end, 'assignment', w.id::text,
         to_jsonb(b), to_jsonb(w)
       from written w left join before b on b.id = w.id
     )
     select count(*) filter (where b.id is null)::int as created, count(*) filter (where b.id is not null)::int as updated
     from written w left join before b on b.id = w.id`,
    [ids, institutionId, responsibility, dueDate, actorUserId],
  );
  return { created: rows[0].created as number, updated: rows[0].updated as number, unchanged: ids.length - rows[0].created - rows[0].updated };
}

export async function findAssignment(db: Queryable, id: number) {
  const { rows } = await db.query('select * from assignment where id = $1', [id]);
  return rows[0] ?? null;
}

export async function deleteAssignment(tx: Queryable, id: number) {
  const { rows } = await tx.query('delete from assignment where id = $1 returning *', [id]);
  return rows[0] ?? null;
}

export async function institutionQueue(db: Queryable, institutionId: number, page: number, pageSize: number, today: string) {
  const [items, counts] = await Promise.all([
    db.query(
      `select a.id, a.responsibility, a.due_date, a.version, a.due_date < $4::date as overdue,
         r.id as recommendation_id, r.mechanism_id, r.document_symbol, r.paragraph, r.document_date, r.texts, r.original_language
       from assignment a join recommendation r on r.id = a.recommendation_id
       where a.institution_id = $1
       order by a.due_date asc nulls last, r.document_date desc nulls last, a.id
       limit $2 offset $3`,
      [institutionId, pageSize, (page - 1) * pageSize, today],
    ),
    db.query(
      `select count(*)::int as total, count(*) filter (where due_date < $2::date)::int as overdue from assignment where institution_id = $1`,
      [institutionId, today],
    ),
  ]);
  return { rows: items.rows, total: counts.rows[0].total as number, overdue: counts.rows[0].overdue as number };
}
