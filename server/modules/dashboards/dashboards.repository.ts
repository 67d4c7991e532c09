/**
 * SQL for the public dashboard. Every query takes the matching recommendation
 * ids of a search, or null when the search does not narrow the catalogue (then
 * no id list is sent at all).
 */
import type pg from 'pg';
import type { Assessment } from './dashboards.progress';

type Queryable = Pick<pg.Pool, 'query'>;

/**
 * `and <column> in (<the ids>)` as a semi-join over the unnested array (a hash
 * join, where `= any(array)` would compare each row with every id), or nothing.
 */
function matching(column: string, ids: number[] | null, parameter: number): string {
  return ids === null ? '' : `and ${column} in (select unnest($${parameter}::bigint[]))`;
}
const idParams = (ids: number[] | null) => (ids === null ? [] : [ids]);

export async function leadInstitutionCounts(db: Queryable, ids: number[] | null): Promise<{ institution_id: number; count: number }[]> {
  const { rows } = await db.query(
    `select a.institution_id, count(*)::int as count from assignment a
     where a.responsibility = 'lead' ${matching('a.recommendation_id', ids, 1)}
     group by a.institution_id`,
    idParams(ids),
  );
  return rows;
}

/** The government assessments of the matching recommendations, the whole history. */
export async function governmentAssessments(db: Queryable, ids: number[] | null): Promise<Assessment[]> {
  const { rows } = await db.query(
    `select ia.id, ia.recommendation_id, ia.status_key, ia.assessed_on::text as assessed_on from implementation_assessment ia
     where ia.assessor_kind = 'government' ${matching('ia.recommendation_id', ids, 1)}`,
    idParams(ids),
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), recommendation_id: Number(row.recommendation_id) }));
}

export interface GovernmentStep { key: string; label: Record<string, string>; active: boolean }

export async function governmentScale(db: Queryable): Promise<GovernmentStep[]> {
  const { rows } = await db.query(
    `select key, label, active from status_scale_step where assessor_kind = 'government' order by position, key`);
  return rows;
}

export interface ComplianceRow {
  institution_id: number; owed: number; submitted: number; validated: number; on_time: number; overdue: number;
}

/**
 * Per institution, over every round that has opened by `today` (a round set up
 * for later is still the secretariat's draft): the assignments in each round's
 * scope among the matching recommendations, with the same rule as the rounds
 * dashboard for submitted and validated (rounds.repository.ts), and whether the
 * submission came by the due date or the due date passed without one.
 */
export async function roundCompliance(db: Queryable, ids: number[] | null, today: string): Promise<{ rounds: number; rows: ComplianceRow[] }> {
  const roundCount = await db.query('select count(*)::int as n from reporting_round where opens_on <= $1::date', [today]);
  const { rows } = await db.query(
    `with opened as (
       select id, mechanism_ids, recommendation_ids, institution_ids, opens_on, due_on from reporting_round where opens_on <= $1::date
     ),
     scope as (
       select r.opens_on, r.due_on, a.institution_id, a.recommendation_id
       from opened r
       join assignment a on (cardinality(r.recommendation_ids) = 0 or a.recommendation_id = any(r.recommendation_ids))
                        and (cardinality(r.institution_ids) = 0 or a.institution_id = any(r.institution_ids))
       join recommendation rec on rec.id = a.recommendation_id and (cardinality(r.mechanism_ids) = 0 or rec.mechanism_id = any(r.mechanism_ids))
       where true ${matching('a.recommendation_id', ids, 2)}
     ),
     due as (
       select s.institution_id, s.due_on,
         exists (select 1 from action_report ar
                 join action_recommendation x on x.action_id = ar.id and x.recommendation_id = s.recommendation_id
                 where ar.institution_id = s.institution_id and ar.state in ('submitted', 'validated', 'published')
                   and exists (select 1 from action_transition t where t.action_id = ar.id and t.transition = 'submit' and t.at >= s.opens_on)) as submitted,
         exists (select 1 from action_report ar
                 join action_recommendation x on x.action_id = ar.id and x.recommendation_id = s.recommendation_id
                 where ar.institution_id = s.institution_id and ar.state in ('submitted', 'validated', 'published')
                   and exists (select 1 from action_transition t where t.action_id = ar.id and t.transition = 'submit'
                               and t.at >= s.opens_on and t.at < s.due_on + 1)) as on_time,
         exists (select 1 from action_report ar
                 join action_recommendation x on x.action_id = ar.id and x.recommendation_id = s.recommendation_id
                 where ar.institution_id = s.institution_id and ar.state in ('validated', 'published')
                   and exists (select 1 from action_transition t where t.action_id = ar.id and t.transition = 'validate' and t.at >= s.opens_on)) as validated
       from scope s
     )
     select institution_id, count(*)::int as owed,
       count(*) filter (where submitted)::int as submitted,
       count(*) filter (where validated)::int as validated,
       count(*) filter (where on_time)::int as on_time,
       count(*) filter (where not submitted and due_on < $1::date)::int as overdue
     from due group by institution_id`,
    [today, ...idParams(ids)],
  );
  return { rounds: roundCount.rows[0].n, rows };
}

export interface PlannedActivity {
  id: number; plan_id: number; institution_ids: number[]; objective_id: number | null; start_date: string | null; end_date: string | null;
}

/**
 * The activities accepted into adopted plans (not drafts, not closed plans, never proposals): of every
 * such plan, or those answering at least one of the matching recommendations.
 */
export async function plannedActivities(db: Queryable, ids: number[] | null): Promise<PlannedActivity[]> {
  const { rows } = await db.query(
    `select a.id, a.plan_id, a.objective_id, a.start_date::text as start_date, a.end_date::text as end_date,
       array[a.institution_id] || coalesce((select array_agg(i.institution_id order by i.institution_id) from plan_activity_institution i
                                             where i.activity_id = a.id and i.institution_id <> a.institution_id), '{}') as institution_ids
     from plan_activity a join plan p on p.id = a.plan_id
     where p.status = 'adopted' and a.state = 'published'
       ${ids === null ? '' : `and exists (select 1 from plan_activity_recommendation r where r.activity_id = a.id ${matching('r.recommendation_id', ids, 1)})`}`,
    idParams(ids),
  );
  return rows.map((row) => ({
    id: Number(row.id), plan_id: Number(row.plan_id), objective_id: row.objective_id === null ? null : Number(row.objective_id),
    institution_ids: (row.institution_ids as unknown[]).map(Number), start_date: row.start_date, end_date: row.end_date,
  }));
}

/** The titles of these plans, and their objectives (to find each activity's top-level objective). */
export async function plansAndObjectives(db: Queryable, planIds: number[]) {
  const [plans, objectives] = await Promise.all([
    db.query('select id, title, original_language from plan where id = any($1::bigint[])', [planIds]),
    db.query(`select id, plan_id, parent_id, code, title from plan_objective where plan_id = any($1::bigint[]) order by plan_id, position, id`, [planIds]),
  ]);
  return {
    plans: plans.rows.map((row) => ({ id: Number(row.id), title: row.title as Record<string, string>, original_language: row.original_language as string })),
    objectives: objectives.rows.map((row) => ({
      id: Number(row.id), plan_id: Number(row.plan_id), parent_id: row.parent_id === null ? null : Number(row.parent_id),
      code: row.code as string | null, title: row.title as Record<string, string>,
    })),
  };
}
