/** SQL for indicators, their links and measurements. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface IndicatorRow {
  id: number;
  institution_id: number;
  name: Record<string, string>;
  kind: string;
  unit: string;
  baseline_value: string | null;
  baseline_date: string | null;
  target_value: string | null;
  target_date: string | null;
  disaggregation: string[];
  sdg_indicator: string | null;
  sdg_title: Record<string, string> | null;
  data_source: string | null;
  frequency: string;
  version: number;
  recommendation_ids: number[];
  actions: { id: number; state: string }[];
}

export interface IndicatorValues {
  name: Record<string, string>;
  kind: string;
  unit: string;
  baseline_value: number | null;
  baseline_date: string | null;
  target_value: number | null;
  target_date: string | null;
  disaggregation: string[];
  sdg_indicator: string | null;
  data_source: string | null;
  frequency: string;
}

const SELECT = `select i.*, s.title as sdg_title,
    coalesce((select array_agg(x.recommendation_id order by x.recommendation_id) from indicator_recommendation x where x.indicator_id = i.id), '{}') as recommendation_ids,
    coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'state', a.state) order by a.id)
              from indicator_action x join action_report a on a.id = x.action_id where x.indicator_id = i.id), '[]') as actions
  from indicator i left join sdg_indicator s on s.code = i.sdg_indicator`;

const parse = (row: IndicatorRow): IndicatorRow => ({ ...row, id: Number(row.id), recommendation_ids: row.recommendation_ids.map(Number) });

export async function findIndicator(db: Queryable, id: number, forUpdate = false): Promise<IndicatorRow | null> {
  const { rows } = await db.query(`${SELECT} where i.id = $1 ${forUpdate ? 'for update of i' : ''}`, [id]);
  return rows[0] ? parse(rows[0]) : null;
}

export async function listIndicators(db: Queryable, filter: { institutionId?: number; recommendationId?: number; actionId?: number }, page: number, pageSize: number) {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.institutionId !== undefined) { params.push(filter.institutionId); conditions.push(`i.institution_id = $${params.length}`); }
  if (filter.recommendationId !== undefined) {
    params.push(filter.recommendationId);
    conditions.push(`exists (select 1 from indicator_recommendation x where x.indicator_id = i.id and x.recommendation_id = $${params.length})`);
  }
  if (filter.actionId !== undefined) {
    params.push(filter.actionId);
    conditions.push(`exists (select 1 from indicator_action x where x.indicator_id = i.id and x.action_id = $${params.length})`);
  }
  const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const [items, count] = await Promise.all([
    db.query(`${SELECT} ${where} order by i.id limit ${pageSize} offset ${(page - 1) * pageSize}`, params),
    db.query(`select count(*)::int as n from indicator i ${where}`, params),
  ]);
  return { rows: items.rows.map(parse), total: count.rows[0].n as number };
}

const COLUMNS = 'name, kind, unit, baseline_value, baseline_date, target_value, target_date, disaggregation, sdg_indicator, data_source, frequency';
const values = (v: IndicatorValues) => [JSON.stringify(v.name), v.kind, v.unit, v.baseline_value, v.baseline_date, v.target_value, v.target_date,
  v.disaggregation, v.sdg_indicator, v.data_source, v.frequency];

export async function insertIndicator(tx: Queryable, institutionId: number, v: IndicatorValues, actorId: number): Promise<number> {
  const { rows } = await tx.query(
    `insert into indicator (institution_id, ${COLUMNS}, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [institutionId, ...values(v), actorId],
  );
  return Number(rows[0].id);
}

export async function updateIndicator(tx: Queryable, id: number, version: number, v: IndicatorValues): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update indicator set (${COLUMNS}) = ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13), version = version + 1, updated_at = now()
     where id = $1 and version = $2`,
    [id, version, ...values(v)],
  );
  return rowCount === 1;
}

export async function replaceLinks(tx: Queryable, id: number, recommendationIds: number[], actionIds: number[]): Promise<void> {
  await tx.query('delete from indicator_recommendation where indicator_id = $1', [id]);
  await tx.query('insert into indicator_recommendation (indicator_id, recommendation_id) select $1, unnest($2::bigint[])', [id, recommendationIds]);
  await tx.query('delete from indicator_action where indicator_id = $1', [id]);
  await tx.query('insert into indicator_action (indicator_id, action_id) select $1, unnest($2::bigint[])', [id, actionIds]);
}

export async function missingRecommendations(db: Queryable, ids: number[]): Promise<number> {
  const { rows } = await db.query('select count(*)::int as n from unnest($1::bigint[]) as wanted(id) where not exists (select 1 from recommendation r where r.id = wanted.id)', [ids]);
  return rows[0].n;
}

/** Actions among `ids` that do not belong to the institution (or do not exist). */
export async function foreignActions(db: Queryable, institutionId: number, ids: number[]): Promise<number> {
  const { rows } = await db.query(
    `select count(*)::int as n from unnest($2::bigint[]) as wanted(id)
     where not exists (select 1 from action_report a where a.id = wanted.id and a.institution_id = $1)`,
    [institutionId, ids],
  );
  return rows[0].n;
}

export async function sdgIndicatorExists(db: Queryable, code: string): Promise<boolean> {
  return ((await db.query('select 1 from sdg_indicator where code = $1', [code])).rowCount ?? 0) > 0;
}

export interface MeasurementRow { id: number; indicator_id: number; measured_on: string; value: string; breakdown: Record<string, string>; note: string | null }

export async function measurementsOf(db: Queryable, indicatorIds: number[]): Promise<MeasurementRow[]> {
  const { rows } = await db.query(
    'select id, indicator_id, measured_on, value, breakdown, note from indicator_measurement where indicator_id = any($1::bigint[]) order by measured_on, id',
    [indicatorIds],
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), indicator_id: Number(row.indicator_id) }));
}

/** The latest whole-population value of each indicator (what a list shows). */
export async function latestMeasurements(db: Queryable, indicatorIds: number[]): Promise<MeasurementRow[]> {
  const { rows } = await db.query(
    `select distinct on (indicator_id) id, indicator_id, measured_on, value, breakdown, note from indicator_measurement
     where indicator_id = any($1::bigint[]) and breakdown = '{}' order by indicator_id, measured_on desc, id desc`,
    [indicatorIds],
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), indicator_id: Number(row.indicator_id) }));
}

/** Records a value; a second value for the same date and group replaces the first (a correction). Returns the row before, if any. */
export async function upsertMeasurement(
  tx: Queryable, indicatorId: number, m: { measured_on: string; value: number; breakdown: Record<string, string>; note: string | null }, actorId: number,
) {
  const before = await tx.query(
    'select * from indicator_measurement where indicator_id = $1 and measured_on = $2 and breakdown = $3::jsonb for update',
    [indicatorId, m.measured_on, JSON.stringify(m.breakdown)],
  );
  const { rows } = await tx.query(
    `insert into indicator_measurement (indicator_id, measured_on, value, breakdown, note, created_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (indicator_id, measured_on, breakdown) do update set value = excluded.value, note = excluded.note, created_by = excluded.created_by, created_at = now()
     returning *`,
    [indicatorId, m.measured_on, m.value, JSON.stringify(m.breakdown), m.note, actorId],
  );
  return { before: before.rows[0] ?? null, after: rows[0] };
}

export async function deleteMeasurement(tx: Queryable, indicatorId: number, id: number) {
  const { rows } = await tx.query('delete from indicator_measurement where indicator_id = $1 and id = $2 returning *', [indicatorId, id]);
  return rows[0] ?? null;
}
