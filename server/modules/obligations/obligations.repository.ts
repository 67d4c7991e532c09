/** SQL for reporting obligations and the State's treaty ratifications. */
import type pg from 'pg';
import type { LocalizedText } from '../../db/schema/reference';
import { dueDateEstimated, type ObligationKind, type ObligationStatus } from '../../../shared/obligations';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface ObligationValues {
  kind: ObligationKind;
  mechanism_id: number | null;
  instrument_code: string | null;
  title: LocalizedText;
  due_on: string | null;
  due_on_source: 'derived' | 'manual';
  met_on: string | null;
  recommendation_ids: number[];
  notes: string | null;
  derived_key: string | null;
  basis_on: string | null;
}

/** An obligation as stored, with the codes and names of its mechanism and instrument. */
export interface ObligationRow extends ObligationValues {
  id: number;
  version: number;
  updated_at: Date;
  mechanism_code: string | null;
  mechanism_name: LocalizedText | null;
  mechanism_short_name: LocalizedText | null;
  instrument_name: LocalizedText | null;
}

const SELECT = `select o.*, m.code as mechanism_code, m.name as mechanism_name, m.short_name as mechanism_short_name, i.name as instrument_name
  from reporting_obligation o left join mechanism m on m.id = o.mechanism_id left join treaty_instrument i on i.code = o.instrument_code`;

const parse = (row: ObligationRow): ObligationRow => ({ ...row, recommendation_ids: row.recommendation_ids.map(Number) });

/** Whether the due date is an estimate, as SQL: the same rule as dueDateEstimated in shared/obligations.ts. */
export const ESTIMATED_SQL = `(o.due_on is not null and o.due_on_source = 'derived' and o.derived_key is not null)`;
/** The status as SQL, for filters: the same rule as obligationStatus in shared/obligations.ts. */
const STATUS_SQL = `(case when o.met_on is not null then 'met' when o.due_on < $1::date and not ${ESTIMATED_SQL} then 'late' else 'open' end)`;

export interface ObligationFilters {
  status: ObligationStatus[];
  kind: ObligationKind[];
  mechanism: string[];
  from?: string;
  to?: string;
  recommendation_id?: number;
}

/** Obligations matching the filters: undated ones last, then by due date. */
export async function listObligations(db: Queryable, filters: ObligationFilters, today: string): Promise<ObligationRow[]> {
  const { rows } = await db.query(`${SELECT} ${FILTER_SQL} order by o.due_on nulls last, o.id limit 2000`, filterParams(filters, today));
  return rows.map(parse);
}

/** How many obligations match the filters (the same filters as listObligations). */
export async function countObligations(db: Queryable, filters: ObligationFilters, today: string): Promise<number> {
  const { rows } = await db.query(
    `select count(*)::int as n from reporting_obligation o left join mechanism m on m.id = o.mechanism_id ${FILTER_SQL}`,
    filterParams(filters, today),
  );
  return rows[0].n;
}

const FILTER_SQL = `where (cardinality($2::text[]) = 0 or ${STATUS_SQL} = any($2::text[]))
       and (cardinality($3::text[]) = 0 or o.kind = any($3::text[]))
       and (cardinality($4::text[]) = 0 or m.code = any($4::text[]))
       and ($5::date is null or o.due_on >= $5::date)
       and ($6::date is null or o.due_on <= $6::date)
       and ($7::bigint is null or o.recommendation_ids @> array[$7::bigint])`;
const filterParams = (filters: ObligationFilters, today: string) =>
  [today, filters.status, filters.kind, filters.mechanism, filters.from ?? null, filters.to ?? null, filters.recommendation_id ?? null];

export async function findObligation(db: Queryable, id: number, forUpdate = false): Promise<ObligationRow | null> {
  const { rows } = await db.query(`${SELECT} where o.id = $1 ${forUpdate ? 'for update of o' : ''}`, [id]);
  return rows[0] ? parse(rows[0]) : null;
}

const COLUMNS = 'kind, mechanism_id, instrument_code, title, due_on, due_on_source, met_on, recommendation_ids, notes, derived_key, basis_on';
const values = (v: ObligationValues) => [v.kind, v.mechanism_id, v.instrument_code, JSON.stringify(v.title), v.due_on, v.due_on_source, v.met_on,
  v.recommendation_ids, v.notes, v.derived_key, v.basis_on];

export async function insertObligation(tx: Queryable, v: ObligationValues, actorId: number | null): Promise<ObligationRow> {
  const { rows } = await tx.query(
    `insert into reporting_obligation (${COLUMNS}, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [...values(v), actorId],
  );
  return (await findObligation(tx, rows[0].id))!;
}

export async function updateObligation(tx: Queryable, id: number, version: number, v: ObligationValues): Promise<ObligationRow | null> {
  const { rowCount } = await tx.query(
    `update reporting_obligation set (${COLUMNS}) = ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13), version = version + 1, updated_at = now()
     where id = $1 and version = $2`,
    [id, version, ...values(v)],
  );
  return rowCount ? findObligation(tx, id) : null;
}

export async function deleteObligation(tx: Queryable, id: number): Promise<void> {
  await tx.query('delete from reporting_obligation where id = $1', [id]);
}

/** Rows that carry a derived key (open and met), for the refresh. */
export async function derivedObligations(tx: Queryable): Promise<ObligationRow[]> {
  const { rows } = await tx.query(`${SELECT} where o.derived_key is not null order by o.id for update of o`);
  return rows.map(parse);
}

/** Whether a stored obligation's due date is an estimate (shared/obligations.ts). */
export const estimated = (row: ObligationRow): boolean =>
  dueDateEstimated({ due_on: row.due_on, due_on_source: row.due_on_source, derived: row.derived_key !== null });

/** Open obligations with a due date, for the reminders. */
export async function openDatedObligations(db: Queryable): Promise<ObligationRow[]> {
  const { rows } = await db.query(`${SELECT} where o.met_on is null and o.due_on is not null order by o.due_on, o.id`);
  return rows.map(parse);
}

/** Follow-up obligations (open or met) that already name any of these recommendations. */
export async function followUpsNaming(db: Queryable, recommendationIds: number[]): Promise<number[]> {
  const { rows } = await db.query(
    `select distinct unnest(recommendation_ids) as id from reporting_obligation
     where kind = 'follow_up' and recommendation_ids && $1::bigint[]`, [recommendationIds]);
  return rows.map((row) => Number(row.id)).filter((id) => recommendationIds.includes(id));
}

export interface RecommendationDocument {
  id: number;
  mechanism_id: number;
  mechanism_code: string;
  mechanism_name: LocalizedText;
  family: string;
  document_symbol: string | null;
  document_date: string | null;
  paragraph: string | null;
  countries: string[];
}

export async function recommendationDocuments(db: Queryable, ids: number[]): Promise<RecommendationDocument[]> {
  const { rows } = await db.query(
    `select r.id, r.mechanism_id, m.code as mechanism_code, m.name as mechanism_name, m.family, r.document_symbol, r.document_date, r.paragraph, r.countries
     from recommendation r join mechanism m on m.id = r.mechanism_id where r.id = any($1::bigint[]) order by r.id`, [ids]);
  return rows;
}

/** The date of the State's latest UPR document in the catalogue (the outcome of its latest review), or null. */
export async function latestUprDocumentDate(db: Queryable, iso3: string): Promise<string | null> {
  const { rows } = await db.query(
    `select max(r.document_date) as latest from recommendation r join mechanism m on m.id = r.mechanism_id
     where m.code = 'UPR' and $1 = any(r.countries)`, [iso3]);
  return rows[0]?.latest ?? null;
}

export interface RatificationRow {
  iso3: string;
  instrument_code: string;
  instrument_name: LocalizedText;
  parent_code: string | null;
  mechanism_id: number;
  mechanism_code: string;
  periodicity_years: number | null;
  status: 'party' | 'signatory' | 'none';
  year: number | null;
  source: 'reference' | 'manual';
  version: number;
}

const RATIFICATIONS = `select r.iso3, r.instrument_code, i.name as instrument_name, i.parent_code, i.mechanism_id, m.code as mechanism_code,
    i.periodicity_years, r.status, r.year, r.source, r.version
  from treaty_instrument i join treaty_ratification r on r.instrument_code = i.code join mechanism m on m.id = i.mechanism_id`;

/** The State's status on every instrument, in the instruments' order. */
export async function ratifications(db: Queryable, iso3: string): Promise<RatificationRow[]> {
  const { rows } = await db.query(`${RATIFICATIONS} where r.iso3 = $1 order by i.position`, [iso3]);
  return rows;
}

export async function findRatification(db: Queryable, iso3: string, instrument: string, forUpdate = false): Promise<RatificationRow | null> {
  const { rows } = await db.query(`${RATIFICATIONS} where r.iso3 = $1 and r.instrument_code = $2 ${forUpdate ? 'for update of r' : ''}`, [iso3, instrument]);
  return rows[0] ?? null;
}

/** A State with no row yet (not a UN member in the reference file) gets one, so that it can be edited. */
export async function ensureRatifications(tx: Queryable, iso3: string): Promise<void> {
  await tx.query(
    `insert into treaty_ratification (iso3, instrument_code, status, source)
     select $1, code, 'none', 'manual' from treaty_instrument where exists (select 1 from country where iso3 = $1)
     on conflict do nothing`, [iso3]);
}

export async function updateRatification(
  tx: Queryable, iso3: string, instrument: string, version: number, v: { status: string; year: number | null }, actorId: number,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update treaty_ratification set status = $4, year = $5, source = 'manual', version = version + 1, updated_by = $6, updated_at = now()
     where iso3 = $1 and instrument_code = $2 and version = $3`,
    [iso3, instrument, version, v.status, v.year, actorId],
  );
  return rowCount === 1;
}

export async function setPeriodicity(tx: Queryable, instrument: string, years: number | null): Promise<void> {
  await tx.query('update treaty_instrument set periodicity_years = $2 where code = $1', [instrument, years]);
}

export async function mechanismByCode(db: Queryable, code: string): Promise<{ id: number; family: string } | null> {
  const { rows } = await db.query('select id, family from mechanism where code = $1', [code]);
  return rows[0] ?? null;
}

export async function instrumentExists(db: Queryable, code: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from treaty_instrument where code = $1', [code]);
  return rowCount === 1;
}

export async function countryName(db: Queryable, iso3: string): Promise<LocalizedText | null> {
  const { rows } = await db.query('select name from country where iso3 = $1', [iso3]);
  return rows[0]?.name ?? null;
}
