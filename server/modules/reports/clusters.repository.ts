/** SQL for the instance's clusters for reports and the recommendations in them. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface ClusterRow { id: number; name: Record<string, string>; position: number; version: number; members: number }

export async function listClusters(db: Queryable): Promise<ClusterRow[]> {
  const { rows } = await db.query(
    `select c.id, c.name, c.position, c.version, (select count(*) from report_cluster_member m where m.cluster_id = c.id)::int as members
     from report_cluster c order by c.position, c.id`);
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function countUnclustered(db: Queryable): Promise<number> {
  const { rows } = await db.query(
    'select count(*)::int as n from recommendation r where not exists (select 1 from report_cluster_member m where m.recommendation_id = r.id)');
  return rows[0].n;
}

export async function hasClusters(db: Queryable): Promise<boolean> {
  const { rows } = await db.query('select 1 from report_cluster limit 1');
  return rows.length > 0;
}

export async function lockCluster(tx: Queryable, id: number): Promise<ClusterRow | null> {
  const { rows } = await tx.query(
    `select c.id, c.name, c.position, c.version, (select count(*) from report_cluster_member m where m.cluster_id = c.id)::int as members
     from report_cluster c where c.id = $1 for update`, [id]);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

/** Serialises changes to the order: every change of positions takes this lock first. */
export async function lockOrder(tx: Queryable): Promise<void> {
  await tx.query('lock table report_cluster in share row exclusive mode');
}

export async function clusterCount(tx: Queryable): Promise<number> {
  const { rows } = await tx.query('select count(*)::int as n from report_cluster');
  return rows[0].n;
}

/** Inserts a cluster at `position` (1-based, clamped), shifting those from there on. */
export async function insertCluster(tx: Queryable, name: Record<string, string>, position: number, actorId: number): Promise<number> {
  await tx.query('update report_cluster set position = position + 1 where position >= $1', [position]);
  const { rows } = await tx.query('insert into report_cluster (name, position, created_by) values ($1, $2, $3) returning id', [JSON.stringify(name), position, actorId]);
  return Number(rows[0].id);
}

/** Moves a cluster from `from` to `to` (both 1-based), shifting those between. */
export async function moveCluster(tx: Queryable, id: number, from: number, to: number): Promise<void> {
  if (from === to) return;
  if (to < from) await tx.query('update report_cluster set position = position + 1 where position >= $1 and position < $2 and id <> $3', [to, from, id]);
  else await tx.query('update report_cluster set position = position - 1 where position > $1 and position <= $2 and id <> $3', [from, to, id]);
  await tx.query('update report_cluster set position = $2 where id = $1', [id, to]);
}

export async function updateCluster(tx: Queryable, id: number, name: Record<string, string>): Promise<void> {
  await tx.query('update report_cluster set name = $2, version = version + 1, updated_at = now() where id = $1', [id, JSON.stringify(name)]);
}

export async function bumpVersion(tx: Queryable, id: number): Promise<void> {
  await tx.query('update report_cluster set version = version + 1, updated_at = now() where id = $1', [id]);
}

export async function deleteCluster(tx: Queryable, id: number, position: number): Promise<void> {
  await tx.query('delete from report_cluster where id = $1', [id]);
  await tx.query('update report_cluster set position = position - 1 where position > $1', [position]);
}

/** The current cluster of each of these recommendations (absent: in none). */
export async function membershipOf(db: Queryable, ids: number[]): Promise<Map<number, number>> {
  const { rows } = await db.query('select recommendation_id, cluster_id from report_cluster_member where recommendation_id = any($1::bigint[]) for update', [ids]);
  return new Map(rows.map((row) => [Number(row.recommendation_id), Number(row.cluster_id)]));
}

export async function existingRecommendations(db: Queryable, ids: number[]): Promise<number[]> {
  const { rows } = await db.query('select id from recommendation where id = any($1::bigint[]) order by id', [ids]);
  return rows.map((row) => Number(row.id));
}

export async function putInCluster(
  tx: Queryable, ids: number[], clusterId: number, actorId: number, source: 'manual' | 'suggestion', score: number | null = null,
): Promise<void> {
  await tx.query(
    `insert into report_cluster_member (recommendation_id, cluster_id, source, score, assigned_by)
     select id, $2, $3, $4, $5 from unnest($1::bigint[]) as x(id)
     on conflict (recommendation_id) do update set cluster_id = excluded.cluster_id, source = excluded.source, score = excluded.score,
       assigned_by = excluded.assigned_by, assigned_at = now()`,
    [ids, clusterId, source, score, actorId]);
}

export async function moveAllMembers(tx: Queryable, from: number, to: number, actorId: number): Promise<number> {
  const { rowCount } = await tx.query(
    `update report_cluster_member set cluster_id = $2, source = 'manual', score = null, assigned_by = $3, assigned_at = now() where cluster_id = $1`,
    [from, to, actorId]);
  return rowCount ?? 0;
}

export async function release(tx: Queryable, ids: number[]): Promise<number> {
  const { rowCount } = await tx.query('delete from report_cluster_member where recommendation_id = any($1::bigint[])', [ids]);
  return rowCount ?? 0;
}

/** A page of recommendations in a cluster, in none or any, narrowed to `within` when given; in symbol and paragraph order. */
export async function pageOfRecommendations(
  db: Queryable, cluster: number | 'none' | 'any', within: number[] | null, page: number, pageSize: number,
) {
  const filter = cluster === 'none' ? 'm.recommendation_id is null' : cluster === 'any' ? 'true' : 'm.cluster_id = $4';
  const params: unknown[] = [within, pageSize, (page - 1) * pageSize];
  if (typeof cluster === 'number') params.push(cluster);
  const where = `($1::bigint[] is null or r.id = any($1::bigint[])) and ${filter}`;
  const { rows } = await db.query(
    `select r.id, r.document_symbol, r.paragraph, r.texts, r.original_language, r.theme_ids[1] as theme, m.cluster_id, m.source,
       count(*) over () as total
     from recommendation r left join report_cluster_member m on m.recommendation_id = r.id
     where ${where}
     order by r.document_symbol nulls last, r.paragraph nulls last, r.id limit $2 offset $3`, params);
  return { total: rows[0] ? Number(rows[0].total) : await countWhere(db, where, params.slice(0, 1).concat(params.slice(3))), rows };
}

async function countWhere(db: Queryable, where: string, params: unknown[]): Promise<number> {
  // Past the last page the window count is absent: count apart (placeholders $2 and $3 are not used here).
  const renumbered = where.replace('$4', '$2');
  const { rows } = await db.query(
    `select count(*)::int as n from recommendation r left join report_cluster_member m on m.recommendation_id = r.id where ${renumbered}`, params);
  return rows[0].n;
}
