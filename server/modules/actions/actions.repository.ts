/** SQL for action reports, their recommendations, evidence and validation history. */
import type pg from 'pg';
import type { ActionState } from '../../../shared/workflows/action-review';
import { viewableScope, type ActorContext } from '../../../shared/workflows/action-review';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface ActionContent {
  action_type: string;
  reach: string;
  title: Record<string, string>;
  description: Record<string, string>;
  original_language: string;
  start_date: string | null;
  end_date: string | null;
  progress: number | null;
  budget_amount: number | null;
  budget_currency: string | null;
  budget_programme: string | null;
  plan_activity_id: number | null;
  completes_activity: boolean;
}

/** A report as read: its content (numbers as the driver returns them) plus where it is and whose it is. */
export interface ActionRow extends Omit<ActionContent, 'budget_amount'> {
  id: number;
  institution_id: number;
  state: ActionState;
  budget_amount: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  recommendation_ids: number[];
}

const SELECT_ACTION = `select a.*, coalesce(
    (select array_agg(ar.recommendation_id order by ar.recommendation_id) from action_recommendation ar where ar.action_id = a.id),
    '{}') as recommendation_ids
  from action_report a`;

function parseIds(row: ActionRow): ActionRow {
  return { ...row, recommendation_ids: row.recommendation_ids.map(Number) };
}

/** `forUpdate` locks the row until the transaction ends, so two reviewers cannot move it at once. */
export async function findAction(db: Queryable, id: number, forUpdate = false): Promise<ActionRow | null> {
  const { rows } = await db.query(`${SELECT_ACTION} where a.id = $1 ${forUpdate ? 'for update of a' : ''}`, [id]);
  return rows[0] ? parseIds(rows[0]) : null;
}

export async function insertAction(tx: Queryable, institutionId: number, content: ActionContent, actorId: number): Promise<number> {
  const { rows } = await tx.query(
    `insert into action_report (institution_id, action_type, reach, title, description, original_language, start_date, end_date,
       progress, budget_amount, budget_currency, budget_programme, plan_activity_id, completes_activity, created_by, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) returning id`,
    [institutionId, ...contentValues(content), actorId],
  );
  return rows[0].id;
}

/** Writes new content if the version is still `version`; null when someone saved in between. */
export async function updateAction(tx: Queryable, id: number, version: number, content: ActionContent, actorId: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update action_report set action_type = $3, reach = $4, title = $5, description = $6, original_language = $7, start_date = $8,
       end_date = $9, progress = $10, budget_amount = $11, budget_currency = $12, budget_programme = $13, plan_activity_id = $14,
       completes_activity = $15, updated_by = $16,
       version = version + 1, updated_at = now()
     where id = $1 and version = $2`,
    [id, version, ...contentValues(content), actorId],
  );
  return rowCount === 1;
}

function contentValues(c: ActionContent): unknown[] {
  return [c.action_type, c.reach, JSON.stringify(c.title), JSON.stringify(c.description), c.original_language, c.start_date, c.end_date,
    c.progress, c.budget_amount, c.budget_currency, c.budget_programme, c.plan_activity_id, c.completes_activity];
}

export async function replaceRecommendations(tx: Queryable, actionId: number, recommendationIds: number[]): Promise<void> {
  await tx.query('delete from action_recommendation where action_id = $1 and recommendation_id <> all($2::bigint[])', [actionId, recommendationIds]);
  await tx.query(
    `insert into action_recommendation (action_id, recommendation_id) select $1, unnest($2::bigint[]) on conflict do nothing`,
    [actionId, recommendationIds],
  );
}

/**
 * Whether an action of `institutionId` may say it carries out the activity: the activity is in a plan
 * (accepted, not a proposal) and the institution leads it or shares it.
 */
export async function activityOpenTo(db: Queryable, activityId: number, institutionId: number): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from plan_activity a where a.id = $1 and a.state = 'published'
       and (a.institution_id = $2 or exists (select 1 from plan_activity_institution i where i.activity_id = a.id and i.institution_id = $2))`,
    [activityId, institutionId],
  );
  return rows.length > 0;
}

/** The ids among `recommendationIds` that are not assigned to the institution. */
export async function unassignedRecommendations(db: Queryable, institutionId: number, recommendationIds: number[]): Promise<number[]> {
  const { rows } = await db.query(
    `select wanted.id from unnest($2::bigint[]) as wanted(id)
     where not exists (select 1 from assignment a where a.recommendation_id = wanted.id and a.institution_id = $1)`,
    [institutionId, recommendationIds],
  );
  return rows.map((row) => Number(row.id));
}

/** Moves the report to `to` if it is still at `version`; records the step. */
export async function moveAction(
  tx: Queryable, action: ActionRow, transition: string, to: ActionState, actorId: number, comment: string | null,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update action_report set state = $3, version = version + 1, updated_at = now(),
       published_at = case when $3 = 'published' then now() else published_at end
     where id = $1 and version = $2`,
    [action.id, action.version, to],
  );
  if (rowCount !== 1) return false;
  await tx.query(
    `insert into action_transition (action_id, transition, from_state, to_state, actor_id, comment) values ($1, $2, $3, $4, $5, $6)`,
    [action.id, transition, action.state, to, actorId, comment],
  );
  return true;
}

export async function transitionsOf(db: Queryable, actionId: number) {
  const { rows } = await db.query(
    `select t.transition, t.from_state, t.to_state, t.comment, t.at, u.id as actor_id, u.display_name
     from action_transition t join app_user u on u.id = t.actor_id where t.action_id = $1 order by t.at, t.id`,
    [actionId],
  );
  return rows as { transition: string; from_state: string; to_state: string; comment: string | null; at: Date; actor_id: number; display_name: string }[];
}

export interface EvidenceRow {
  id: number;
  action_id: number;
  kind: 'link' | 'file';
  title: string;
  url: string | null;
  stored_name: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  created_at: Date;
}

/** The evidence of several reports at once (a page of a list), oldest first. */
export async function evidenceOf(db: Queryable, actionIds: number[]): Promise<EvidenceRow[]> {
  const { rows } = await db.query('select * from action_evidence where action_id = any($1::bigint[]) order by id', [actionIds]);
  return rows.map((row) => ({ ...row, action_id: Number(row.action_id), size_bytes: row.size_bytes === null ? null : Number(row.size_bytes) }));
}

export async function findEvidence(db: Queryable, actionId: number, evidenceId: number): Promise<EvidenceRow | null> {
  const { rows } = await db.query('select * from action_evidence where action_id = $1 and id = $2', [actionId, evidenceId]);
  return rows[0] ? { ...rows[0], size_bytes: rows[0].size_bytes === null ? null : Number(rows[0].size_bytes) } : null;
}

export async function countEvidence(db: Queryable, actionId: number): Promise<number> {
  const { rows } = await db.query('select count(*)::int as n from action_evidence where action_id = $1', [actionId]);
  return rows[0].n;
}

export async function insertEvidence(
  tx: Queryable,
  evidence: { actionId: number; kind: 'link' | 'file'; title: string; url?: string | null; storedName?: string | null; fileName?: string | null;
    mediaType?: string | null; sizeBytes?: number | null; sha256?: string | null; createdBy: number },
): Promise<EvidenceRow> {
  const { rows } = await tx.query(
    `insert into action_evidence (action_id, kind, title, url, stored_name, file_name, media_type, size_bytes, sha256, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *`,
    [evidence.actionId, evidence.kind, evidence.title, evidence.url ?? null, evidence.storedName ?? null, evidence.fileName ?? null,
      evidence.mediaType ?? null, evidence.sizeBytes ?? null, evidence.sha256 ?? null, evidence.createdBy],
  );
  return { ...rows[0], size_bytes: rows[0].size_bytes === null ? null : Number(rows[0].size_bytes) };
}

export async function deleteEvidence(tx: Queryable, actionId: number, evidenceId: number): Promise<EvidenceRow | null> {
  const { rows } = await tx.query('delete from action_evidence where action_id = $1 and id = $2 returning *', [actionId, evidenceId]);
  return rows[0] ?? null;
}

/** Counts as a change of the report: evidence edits bump its version too, so reviewers never judge a moving target. */
export async function touchAction(tx: Queryable, id: number, version: number, actorId: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    'update action_report set version = version + 1, updated_at = now(), updated_by = $3 where id = $1 and version = $2',
    [id, version, actorId],
  );
  return rowCount === 1;
}

/**
 * The SQL condition "the actor may see this record", built from the
 * validation chain's own rules (viewableScope), so lists and single reads agree.
 * `alias` names a table with `state` and `institution_id` columns in the chain's
 * states (action reports; planned activities, which follow the same chain).
 */
export function visibleCondition(actor: ActorContext, params: unknown[], alias = 'a'): string {
  const parts: string[] = [];
  for (const { state, institutions } of viewableScope(actor)) {
    params.push(state);
    const stateParam = `$${params.length}`;
    if (institutions === 'all') parts.push(`${alias}.state = ${stateParam}`);
    else if (institutions.length) {
      params.push(institutions);
      parts.push(`(${alias}.state = ${stateParam} and ${alias}.institution_id = any($${params.length}::int[]))`);
    } else params.pop();
  }
  return parts.length ? `(${parts.join(' or ')})` : 'false';
}

export interface ActionFilter {
  institutionId?: number;
  recommendationId?: number;
  states: ActionState[];
}

export async function listActions(db: Queryable, actor: ActorContext, filter: ActionFilter, page: number, pageSize: number) {
  const params: unknown[] = [];
  const conditions = [visibleCondition(actor, params)];
  if (filter.institutionId !== undefined) {
    params.push(filter.institutionId);
    conditions.push(`a.institution_id = $${params.length}`);
  }
  if (filter.recommendationId !== undefined) {
    params.push(filter.recommendationId);
    conditions.push(`exists (select 1 from action_recommendation ar where ar.action_id = a.id and ar.recommendation_id = $${params.length})`);
  }
  if (filter.states.length) {
    params.push(filter.states);
    conditions.push(`a.state = any($${params.length}::text[])`);
  }
  const where = `where ${conditions.join(' and ')}`;
  const [items, count] = await Promise.all([
    db.query(`${SELECT_ACTION} ${where} order by a.updated_at desc, a.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`, params),
    db.query(`select count(*)::int as n from action_report a ${where}`, params),
  ]);
  return { rows: items.rows.map(parseIds) as ActionRow[], total: count.rows[0].n as number };
}

/** How many reports in `states` the actor may see (the same visibility as listActions). */
export async function countActions(db: Queryable, actor: ActorContext, states: ActionState[]): Promise<number> {
  const params: unknown[] = [];
  const visible = visibleCondition(actor, params);
  params.push(states);
  const { rows } = await db.query(`select count(*)::int as n from action_report a where ${visible} and a.state = any($${params.length}::text[])`, params);
  return rows[0].n;
}

export async function institutionNames(db: Queryable, ids: number[]) {
  const { rows } = await db.query('select id, name, acronym from institution where id = any($1::int[])', [ids]);
  return new Map(rows.map((row) => [row.id as number, row as { id: number; name: Record<string, string>; acronym: string | null }]));
}
