/** SQL for implementation plans, their objectives, activities (and proposals), revisions and progress facts. */
import type pg from 'pg';
import type { ActorContext, ActionState } from '../../../shared/workflows/action-review';
import { visibleCondition } from '../actions/actions.repository';

type Queryable = Pick<pg.PoolClient, 'query'>;
type Texts = Record<string, string>;

export interface PlanContent {
  kind: string;
  title: Texts;
  description: Texts;
  original_language: string;
  period_start: string | null;
  period_end: string | null;
  adopted_on: string | null;
  legal_instrument: string | null;
  adoption_url: string | null;
}

export interface PlanRow extends PlanContent {
  id: number;
  status: 'draft' | 'adopted' | 'closed';
  version: number;
  created_at: Date;
  updated_at: Date;
}

const num = <T extends { id: unknown }>(row: T) => ({ ...row, id: Number(row.id) });

export async function listPlans(db: Queryable, statuses: string[]): Promise<PlanRow[]> {
  const { rows } = await db.query(
    `select * from plan where cardinality($1::text[]) = 0 or status = any($1::text[]) order by coalesce(period_start, '9999-12-31') desc, id desc`,
    [statuses],
  );
  return rows.map(num);
}

export async function findPlan(db: Queryable, id: number, forUpdate = false): Promise<PlanRow | null> {
  const { rows } = await db.query(`select * from plan where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  return rows[0] ? num(rows[0]) : null;
}

function planValues(c: PlanContent): unknown[] {
  return [c.kind, JSON.stringify(c.title), JSON.stringify(c.description), c.original_language, c.period_start, c.period_end, c.adopted_on,
    c.legal_instrument, c.adoption_url];
}

export async function insertPlan(tx: Queryable, content: PlanContent, actorId: number): Promise<number> {
  const { rows } = await tx.query(
    `insert into plan (kind, title, description, original_language, period_start, period_end, adopted_on, legal_instrument, adoption_url,
       created_by, updated_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id`,
    [...planValues(content), actorId],
  );
  return Number(rows[0].id);
}

export async function updatePlan(tx: Queryable, id: number, version: number, content: PlanContent, actorId: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update plan set kind = $3, title = $4, description = $5, original_language = $6, period_start = $7, period_end = $8, adopted_on = $9,
       legal_instrument = $10, adoption_url = $11, updated_by = $12, version = version + 1, updated_at = now()
     where id = $1 and version = $2`,
    [id, version, ...planValues(content), actorId],
  );
  return rowCount === 1;
}

export async function setPlanStatus(tx: Queryable, id: number, version: number, status: string, adoptedOn: string | null, actorId: number) {
  const { rowCount } = await tx.query(
    `update plan set status = $3, adopted_on = $4, updated_by = $5, version = version + 1, updated_at = now() where id = $1 and version = $2`,
    [id, version, status, adoptedOn, actorId],
  );
  return rowCount === 1;
}

/** Bumps the plan's version: any change inside a plan (objectives, activities) is a change of the plan. */
export async function touchPlan(tx: Queryable, id: number, actorId: number): Promise<void> {
  await tx.query('update plan set version = version + 1, updated_at = now(), updated_by = $2 where id = $1', [id, actorId]);
}

export async function deletePlan(tx: Queryable, id: number): Promise<void> {
  await tx.query('delete from plan where id = $1', [id]);
}

// ---------------------------------------------------------------------------
// Objectives
// ---------------------------------------------------------------------------

export interface ObjectiveRow {
  id: number;
  plan_id: number;
  parent_id: number | null;
  level: 'axis' | 'objective' | 'result';
  code: string | null;
  position: number;
  title: Texts;
  version: number;
}

const objective = (row: ObjectiveRow): ObjectiveRow => ({
  ...row, id: Number(row.id), plan_id: Number(row.plan_id), parent_id: row.parent_id === null ? null : Number(row.parent_id),
});

export async function objectivesOf(db: Queryable, planId: number): Promise<ObjectiveRow[]> {
  const { rows } = await db.query('select * from plan_objective where plan_id = $1 order by position, id', [planId]);
  return rows.map(objective);
}

export async function findObjective(db: Queryable, id: number, forUpdate = false): Promise<ObjectiveRow | null> {
  const { rows } = await db.query(`select * from plan_objective where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  return rows[0] ? objective(rows[0]) : null;
}

export type ObjectiveContent = Pick<ObjectiveRow, 'parent_id' | 'level' | 'code' | 'position' | 'title'>;

export async function insertObjective(tx: Queryable, planId: number, c: ObjectiveContent): Promise<ObjectiveRow> {
  const { rows } = await tx.query(
    `insert into plan_objective (plan_id, parent_id, level, code, position, title) values ($1, $2, $3, $4, $5, $6) returning *`,
    [planId, c.parent_id, c.level, c.code, c.position, JSON.stringify(c.title)],
  );
  return objective(rows[0]);
}

export async function updateObjective(tx: Queryable, id: number, version: number, c: ObjectiveContent): Promise<ObjectiveRow | null> {
  const { rows } = await tx.query(
    `update plan_objective set parent_id = $3, level = $4, code = $5, position = $6, title = $7, version = version + 1
     where id = $1 and version = $2 returning *`,
    [id, version, c.parent_id, c.level, c.code, c.position, JSON.stringify(c.title)],
  );
  return rows[0] ? objective(rows[0]) : null;
}

export async function deleteObjective(tx: Queryable, id: number): Promise<void> {
  await tx.query('delete from plan_objective where id = $1', [id]);
}

// ---------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------

export interface ActivityContent {
  objective_id: number | null;
  title: Texts;
  description: Texts;
  original_language: string;
  start_date: string | null;
  end_date: string | null;
  milestones: { title: string; due_on: string | null }[];
  budget_amount: number | null;
  budget_currency: string | null;
  budget_programme: string | null;
  position: number;
}

export interface ActivityLinks {
  co_responsible_ids: number[];
  recommendation_ids: number[];
  sdg_targets: string[];
  indicator_ids: number[];
}

export interface ActivityRow extends Omit<ActivityContent, 'budget_amount'>, ActivityLinks {
  id: number;
  plan_id: number;
  institution_id: number;
  state: ActionState;
  budget_amount: string | null;
  version: number;
  updated_at: Date;
}

const SELECT_ACTIVITY = `select a.*,
    coalesce((select array_agg(i.institution_id order by i.institution_id) from plan_activity_institution i where i.activity_id = a.id), '{}') as co_responsible_ids,
    coalesce((select array_agg(r.recommendation_id order by r.recommendation_id) from plan_activity_recommendation r where r.activity_id = a.id), '{}') as recommendation_ids,
    coalesce((select array_agg(s.target order by s.target) from plan_activity_sdg_target s where s.activity_id = a.id), '{}') as sdg_targets,
    coalesce((select array_agg(x.indicator_id order by x.indicator_id) from plan_activity_indicator x where x.activity_id = a.id), '{}') as indicator_ids
  from plan_activity a`;

function activity(row: ActivityRow): ActivityRow {
  return {
    ...row, id: Number(row.id), plan_id: Number(row.plan_id), objective_id: row.objective_id === null ? null : Number(row.objective_id),
    co_responsible_ids: row.co_responsible_ids.map(Number), recommendation_ids: row.recommendation_ids.map(Number),
    indicator_ids: row.indicator_ids.map(Number),
  };
}

export async function findActivity(db: Queryable, id: number, forUpdate = false): Promise<ActivityRow | null> {
  const { rows } = await db.query(`${SELECT_ACTIVITY} where a.id = $1 ${forUpdate ? 'for update of a' : ''}`, [id]);
  return rows[0] ? activity(rows[0]) : null;
}

/**
 * The activities of a plan the actor may see: those of the plan ('published' in the chain) for everyone
 * who reads the plan, proposals as the validation chain shows them (`actor` null: none).
 */
export async function activitiesOf(db: Queryable, planId: number, actor: ActorContext | null): Promise<ActivityRow[]> {
  const params: unknown[] = [planId];
  const visible = actor ? visibleCondition(actor, params) : `a.state = 'published'`;
  const { rows } = await db.query(`${SELECT_ACTIVITY} where a.plan_id = $1 and (a.state = 'published' or ${visible}) order by a.position, a.id`, params);
  return rows.map(activity);
}

function activityValues(c: ActivityContent): unknown[] {
  return [c.objective_id, JSON.stringify(c.title), JSON.stringify(c.description), c.original_language, c.start_date, c.end_date,
    JSON.stringify(c.milestones), c.budget_amount, c.budget_currency, c.budget_programme, c.position];
}

export async function insertActivity(
  tx: Queryable, planId: number, institutionId: number, state: ActionState, c: ActivityContent, actorId: number,
): Promise<number> {
  const { rows } = await tx.query(
    `insert into plan_activity (plan_id, institution_id, state, objective_id, title, description, original_language, start_date, end_date,
       milestones, budget_amount, budget_currency, budget_programme, position, created_by, updated_by, accepted_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, case when $3 = 'published' then now() end) returning id`,
    [planId, institutionId, state, ...activityValues(c), actorId],
  );
  return Number(rows[0].id);
}

export async function updateActivity(
  tx: Queryable, id: number, version: number, institutionId: number, c: ActivityContent, actorId: number,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update plan_activity set institution_id = $3, objective_id = $4, title = $5, description = $6, original_language = $7, start_date = $8,
       end_date = $9, milestones = $10, budget_amount = $11, budget_currency = $12, budget_programme = $13, position = $14, updated_by = $15,
       version = version + 1, updated_at = now()
     where id = $1 and version = $2`,
    [id, version, institutionId, ...activityValues(c), actorId],
  );
  return rowCount === 1;
}

export async function replaceActivityLinks(tx: Queryable, id: number, links: ActivityLinks): Promise<void> {
  const sets: [string, string, string, unknown[]][] = [
    ['plan_activity_institution', 'institution_id', 'int', links.co_responsible_ids],
    ['plan_activity_recommendation', 'recommendation_id', 'bigint', links.recommendation_ids],
    ['plan_activity_sdg_target', 'target', 'text', links.sdg_targets],
    ['plan_activity_indicator', 'indicator_id', 'bigint', links.indicator_ids],
  ];
  for (const [table, column, type, values] of sets) {
    await tx.query(`delete from ${table} where activity_id = $1 and ${column} <> all($2::${type}[])`, [id, values]);
    await tx.query(`insert into ${table} (activity_id, ${column}) select $1, unnest($2::${type}[]) on conflict do nothing`, [id, values]);
  }
}

export async function deleteActivity(tx: Queryable, id: number): Promise<void> {
  await tx.query('delete from plan_activity where id = $1', [id]);
}

/** Action reports (in any state) that say they carry out these activities: such activities cannot be deleted. */
export async function actionsCarryingOut(db: Queryable, activityIds: number[]): Promise<number> {
  const { rows } = await db.query('select count(*)::int as n from action_report where plan_activity_id = any($1::bigint[])', [activityIds]);
  return rows[0].n;
}

export async function activityIdsOfPlan(db: Queryable, planId: number): Promise<number[]> {
  const { rows } = await db.query('select id from plan_activity where plan_id = $1', [planId]);
  return rows.map((row) => Number(row.id));
}

/** Moves a proposal to `to` if it is still at `version`; records the step. */
export async function moveActivity(
  tx: Queryable, row: ActivityRow, transition: string, to: ActionState, actorId: number, comment: string | null,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update plan_activity set state = $3, version = version + 1, updated_at = now(),
       accepted_at = case when $3 = 'published' then now() else accepted_at end
     where id = $1 and version = $2`,
    [row.id, row.version, to],
  );
  if (rowCount !== 1) return false;
  await tx.query(
    `insert into plan_activity_transition (activity_id, transition, from_state, to_state, actor_id, comment) values ($1, $2, $3, $4, $5, $6)`,
    [row.id, transition, row.state, to, actorId, comment],
  );
  return true;
}

export async function transitionsOf(db: Queryable, activityId: number) {
  const { rows } = await db.query(
    `select t.transition, t.from_state, t.to_state, t.comment, t.at, u.id as actor_id, u.display_name
     from plan_activity_transition t join app_user u on u.id = t.actor_id where t.activity_id = $1 order by t.at, t.id`,
    [activityId],
  );
  return rows as { transition: string; from_state: string; to_state: string; comment: string | null; at: Date; actor_id: number; display_name: string }[];
}

// ---------------------------------------------------------------------------
// What links must point at
// ---------------------------------------------------------------------------

async function missing(db: Queryable, table: string, column: string, type: string, values: unknown[]): Promise<string[]> {
  if (!values.length) return [];
  const { rows } = await db.query(
    `select wanted.v::text as v from unnest($1::${type}[]) as wanted(v) where not exists (select 1 from ${table} t where t.${column} = wanted.v)`,
    [values],
  );
  return rows.map((row) => row.v as string);
}

export const missingRecommendations = (db: Queryable, ids: number[]) => missing(db, 'recommendation', 'id', 'bigint', ids);
export const missingInstitutions = (db: Queryable, ids: number[]) => missing(db, 'institution', 'id', 'int', ids);
export const missingSdgTargets = (db: Queryable, codes: string[]) => missing(db, 'sdg_target', 'code', 'text', codes);
export const missingIndicators = (db: Queryable, ids: number[]) => missing(db, 'indicator', 'id', 'bigint', ids);

export async function institutionNames(db: Queryable, ids: number[]) {
  const { rows } = await db.query('select id, name, acronym from institution where id = any($1::int[])', [ids]);
  return new Map(rows.map((row) => [row.id as number, row as { id: number; name: Texts; acronym: string | null }]));
}

// ---------------------------------------------------------------------------
// Revisions
// ---------------------------------------------------------------------------

export interface RevisionInput {
  planId: number;
  actorId: number;
  reason: string;
  kind: string;
  changes: { entity: string; id: number; before: unknown; after: unknown };
}

/** The next number of the plan; the caller holds the plan's row lock, so numbers never collide. */
export async function insertRevision(tx: Queryable, revision: RevisionInput): Promise<number> {
  const { rows } = await tx.query(
    `insert into plan_revision (plan_id, number, actor_id, reason, kind, changes)
     values ($1, (select coalesce(max(number), 0) + 1 from plan_revision where plan_id = $1), $2, $3, $4, $5) returning number`,
    [revision.planId, revision.actorId, revision.reason, revision.kind, JSON.stringify(revision.changes)],
  );
  return rows[0].number;
}

export async function revisionsOf(db: Queryable, planId: number) {
  const { rows } = await db.query(
    `select r.number, r.kind, r.reason, r.changes, r.at, u.id as actor_id, u.display_name
     from plan_revision r join app_user u on u.id = r.actor_id where r.plan_id = $1 order by r.number`,
    [planId],
  );
  return rows as { number: number; kind: string; reason: string; changes: RevisionInput['changes']; at: Date; actor_id: number; display_name: string }[];
}

// ---------------------------------------------------------------------------
// Progress facts
// ---------------------------------------------------------------------------

export interface ActivityFacts {
  action_ids: readonly number[];
  completed: boolean;
  latest_measurement_on: string | null;
}

/**
 * What the platform already knows about each activity: its published action reports (and whether one
 * completes it), and the latest measurement of its indicators taken since the activity started.
 */
export async function activityFacts(db: Queryable, activityIds: number[]): Promise<Map<number, ActivityFacts>> {
  const { rows } = await db.query(
    `select a.id,
       coalesce((select array_agg(r.id order by r.id) from action_report r where r.plan_activity_id = a.id and r.state = 'published'), '{}') as action_ids,
       exists (select 1 from action_report r where r.plan_activity_id = a.id and r.state = 'published' and r.completes_activity) as completed,
       (select max(m.measured_on) from plan_activity_indicator x join indicator_measurement m on m.indicator_id = x.indicator_id
         where x.activity_id = a.id and (a.start_date is null or m.measured_on >= a.start_date))::text as latest_measurement_on
     from plan_activity a where a.id = any($1::bigint[])`,
    [activityIds],
  );
  return new Map(rows.map((row) => [Number(row.id), {
    action_ids: (row.action_ids as unknown[]).map(Number), completed: row.completed as boolean, latest_measurement_on: row.latest_measurement_on,
  }]));
}

// ---------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------

/** Activities that count for coverage: accepted into a plan (not proposals), of `planId` or of every plan not closed. */
const COUNTING = `a.state = 'published' and (case when $PLAN::bigint is null then p.status <> 'closed' else p.id = $PLAN::bigint end)`;

export async function assignedAmong(db: Queryable, institutionId: number, ids: number[]): Promise<number[]> {
  const { rows } = await db.query('select recommendation_id from assignment where institution_id = $1 and recommendation_id = any($2::bigint[])', [institutionId, ids]);
  return rows.map((row) => Number(row.recommendation_id));
}

/** The ids among `ids` that a counting activity answers. */
export async function answeredAmong(db: Queryable, ids: number[], planId: number | null): Promise<number[]> {
  const { rows } = await db.query(
    `select distinct r.recommendation_id from plan_activity_recommendation r join plan_activity a on a.id = r.activity_id join plan p on p.id = a.plan_id
     where r.recommendation_id = any($1::bigint[]) and ${COUNTING.replaceAll('$PLAN', '$2')}`,
    [ids, planId],
  );
  return rows.map((row) => Number(row.recommendation_id));
}

export async function activitiesWithoutRecommendation(db: Queryable, planId: number | null, institutionId: number | null) {
  const { rows } = await db.query(
    `select a.id, a.plan_id, a.institution_id, a.title, p.title as plan_title from plan_activity a join plan p on p.id = a.plan_id
     where ${COUNTING.replaceAll('$PLAN', '$1')}
       and not exists (select 1 from plan_activity_recommendation r where r.activity_id = a.id)
       and ($2::int is null or a.institution_id = $2 or exists (select 1 from plan_activity_institution i where i.activity_id = a.id and i.institution_id = $2))
     order by a.plan_id, a.position, a.id`,
    [planId, institutionId],
  );
  return rows.map((row) => ({ id: Number(row.id), plan_id: Number(row.plan_id), institution_id: row.institution_id as number, title: row.title as Texts, plan_title: row.plan_title as Texts }));
}

/** "symbol paragraph" of each recommendation, as a plan's spreadsheet names them (those without both are left out). */
export async function recommendationReferences(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const { rows } = await db.query(
    `select id, document_symbol, paragraph from recommendation where id = any($1::bigint[]) and document_symbol is not null and paragraph is not null`, [ids]);
  return new Map(rows.map((row) => [Number(row.id), `${row.document_symbol} ${row.paragraph}`]));
}

// ---------------------------------------------------------------------------
// What the public sees: adopted (and closed) plans and their accepted activities, never drafts or proposals
// ---------------------------------------------------------------------------

export const PUBLIC_STATUSES = ['adopted', 'closed'];

/** The public activities that answer a recommendation, with their plan. */
export async function publicActivitiesAnswering(db: Queryable, recommendationId: number): Promise<ActivityRow[]> {
  const { rows } = await db.query(
    `${SELECT_ACTIVITY} join plan p on p.id = a.plan_id
     where a.state = 'published' and p.status = any($2::text[])
       and exists (select 1 from plan_activity_recommendation r where r.activity_id = a.id and r.recommendation_id = $1)
     order by p.adopted_on desc, a.plan_id, a.position, a.id`,
    [recommendationId, PUBLIC_STATUSES],
  );
  return rows.map(activity);
}

export async function plansByIds(db: Queryable, ids: number[]): Promise<Map<number, PlanRow>> {
  const { rows } = await db.query('select * from plan where id = any($1::bigint[])', [ids]);
  return new Map(rows.map((row) => [Number(row.id), num(row) as PlanRow]));
}

/** The public activities (of adopted and closed plans) that answer any of `recommendationIds`, each with the ids it answers. */
export async function publicActivitiesAnsweringAny(db: Queryable, recommendationIds: number[]): Promise<ActivityRow[]> {
  if (!recommendationIds.length) return [];
  const { rows } = await db.query(
    `${SELECT_ACTIVITY} join plan p on p.id = a.plan_id
     where a.state = 'published' and p.status = any($2::text[])
       and exists (select 1 from plan_activity_recommendation r where r.activity_id = a.id and r.recommendation_id = any($1::bigint[]))
     order by p.adopted_on desc, a.plan_id, a.position, a.id`,
    [recommendationIds, PUBLIC_STATUSES],
  );
  return rows.map(activity);
}
