/** SQL for reporting rounds and what each institution owes in them. */
import type pg from 'pg';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface RoundValues {
  title: Record<string, string>;
  mechanism_ids: number[];
  recommendation_ids: number[];
  institution_ids: number[];
  opens_on: string;
  due_on: string;
  reminder_days: number[];
  escalate_to_validator_after_days: number;
  escalate_to_secretariat_after_days: number;
  closed: boolean;
}

/** A round as stored: its values plus identity and version. */
export interface RoundRow extends RoundValues { id: number; version: number }

const parse = (row: RoundRow): RoundRow => ({ ...row, recommendation_ids: row.recommendation_ids.map(Number) });

export async function findRound(db: Queryable, id: number, forUpdate = false): Promise<RoundRow | null> {
  const { rows } = await db.query(`select * from reporting_round where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  return rows[0] ? parse(rows[0]) : null;
}

export async function listRounds(db: Queryable): Promise<RoundRow[]> {
  const { rows } = await db.query('select * from reporting_round order by closed, due_on desc, id desc limit 500');
  return rows.map(parse);
}

/** Rounds whose notices may still be due: open, already opened. */
export async function activeRounds(db: Queryable, today: string): Promise<RoundRow[]> {
  const { rows } = await db.query('select * from reporting_round where not closed and opens_on <= $1::date order by id', [today]);
  return rows.map(parse);
}

const COLUMNS = `title, mechanism_ids, recommendation_ids, institution_ids, opens_on, due_on, reminder_days,
  escalate_to_validator_after_days, escalate_to_secretariat_after_days, closed`;
const values = (v: RoundValues) => [JSON.stringify(v.title), v.mechanism_ids, v.recommendation_ids, v.institution_ids, v.opens_on, v.due_on,
  v.reminder_days, v.escalate_to_validator_after_days, v.escalate_to_secretariat_after_days, v.closed];

export async function insertRound(tx: Queryable, v: RoundValues, actorId: number): Promise<RoundRow> {
  const { rows } = await tx.query(
    `insert into reporting_round (${COLUMNS}, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning *`,
    [...values(v), actorId],
  );
  return parse(rows[0]);
}

export async function updateRound(tx: Queryable, id: number, version: number, v: RoundValues): Promise<RoundRow | null> {
  const { rows } = await tx.query(
    `update reporting_round set (${COLUMNS}) = ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12), version = version + 1, updated_at = now()
     where id = $1 and version = $2 returning *`,
    [id, version, ...values(v)],
  );
  return rows[0] ? parse(rows[0]) : null;
}

/**
 * Per assignment in the round's scope: whether the institution has a report
 * on that recommendation that was submitted since the round opened and is
 * still submitted or further on (a returned report does not count), and
 * whether one was validated since then. `institutionId` narrows to one.
 */
function reportsDueSql(institutionFilter: boolean): string {
  return `
    with scope as (
      select a.institution_id, a.recommendation_id
      from assignment a join recommendation rec on rec.id = a.recommendation_id
      where (cardinality($1::int[]) = 0 or rec.mechanism_id = any($1::int[]))
        and (cardinality($2::bigint[]) = 0 or a.recommendation_id = any($2::bigint[]))
        and (cardinality($3::int[]) = 0 or a.institution_id = any($3::int[]))
        ${institutionFilter ? 'and a.institution_id = $5' : ''}
    )
    select s.institution_id, s.recommendation_id,
      exists (select 1 from action_report ar
              join action_recommendation x on x.action_id = ar.id and x.recommendation_id = s.recommendation_id
              where ar.institution_id = s.institution_id and ar.state in ('submitted', 'validated', 'published')
                and exists (select 1 from action_transition t where t.action_id = ar.id and t.transition = 'submit' and t.at >= $4::date)) as submitted,
      exists (select 1 from action_report ar
              join action_recommendation x on x.action_id = ar.id and x.recommendation_id = s.recommendation_id
              where ar.institution_id = s.institution_id and ar.state in ('validated', 'published')
                and exists (select 1 from action_transition t where t.action_id = ar.id and t.transition = 'validate' and t.at >= $4::date)) as validated
    from scope s`;
}

const scopeParams = (round: RoundRow) => [round.mechanism_ids, round.recommendation_ids, round.institution_ids, round.opens_on];

export interface ProgressRow { institution_id: number; owed: number; submitted: number; validated: number }

export async function roundProgress(db: Queryable, round: RoundRow): Promise<ProgressRow[]> {
  const { rows } = await db.query(
    `select institution_id, count(*)::int as owed, count(*) filter (where submitted)::int as submitted,
       count(*) filter (where validated)::int as validated
     from (${reportsDueSql(false)}) o group by institution_id order by institution_id`,
    scopeParams(round),
  );
  return rows;
}

/**
 * Reports owed and not submitted in the open rounds whose due date has
 * passed: the rounds dashboard's "overdue" (due date passed, submitted short
 * of owed), summed over rounds and institutions.
 */
export async function overdueInOpenRounds(db: Queryable, today: string): Promise<{ reports: number; rounds: number }> {
  const { rows: rounds } = await db.query(
    'select * from reporting_round where not closed and opens_on <= $1::date and due_on < $1::date order by id', [today]);
  let reports = 0;
  let late = 0;
  for (const round of rounds.map(parse)) {
    const { rows } = await db.query(`select count(*) filter (where not submitted)::int as n from (${reportsDueSql(false)}) o`, scopeParams(round));
    reports += rows[0].n;
    if (rows[0].n > 0) late += 1;
  }
  return { reports, rounds: late };
}

export async function institutionReportsDue(db: Queryable, round: RoundRow, institutionId: number) {
  const { rows } = await db.query(
    `select o.recommendation_id, o.submitted, o.validated, r.document_symbol, r.paragraph, r.texts, r.original_language
     from (${reportsDueSql(true)}) o join recommendation r on r.id = o.recommendation_id
     order by r.document_symbol nulls last, r.paragraph nulls last, r.id`,
    [...scopeParams(round), institutionId],
  );
  return rows.map((row) => ({ ...row, recommendation_id: Number(row.recommendation_id) }));
}

export async function mechanismIdsByCode(db: Queryable, codes: string[]): Promise<Map<string, number>> {
  const { rows } = await db.query('select id, code from mechanism where code = any($1::text[])', [codes]);
  return new Map(rows.map((row) => [row.code as string, row.id as number]));
}

export async function mechanismCodes(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const { rows } = await db.query('select id, code from mechanism where id = any($1::int[])', [ids]);
  return new Map(rows.map((row) => [row.id as number, row.code as string]));
}
