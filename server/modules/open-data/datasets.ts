/**
 * The rows of each open dataset, read in batches by id so memory stays flat.
 * Only what is public goes out: the catalogue, published action reports and
 * implementation assessments (all public already through the API).
 */
import type pg from 'pg';
import type { DatasetName } from '../../../shared/open-data';
import type { TableRow } from '../../platform/export/tables';
import { pickText } from '../../platform/http/locale';
import { Labeller } from '../recommendations/recommendations.presenter';
import { findForExport } from '../recommendations/recommendations.repository';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import { PUBLIC_ASSESSMENT } from '../status/status.repository';

const BATCH = 1000;

/** Ids of `table` in order, a batch at a time (keyset pagination: no growing offsets). */
async function* idBatches(pool: pg.Pool, sql: string): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const { rows } = await pool.query(sql, [after, BATCH]);
    if (!rows.length) return;
    const ids = rows.map((row) => Number(row.id));
    yield ids;
    after = ids[ids.length - 1];
  }
}

async function* recommendations(pool: pg.Pool): AsyncGenerator<TableRow> {
  // Labels in English: the dataset's codes and labels are the same for every reader; the dictionary is translated.
  const labels = new Labeller(await labelMaps(pool), 'en');
  for await (const ids of idBatches(pool, 'select id from recommendation where id > $1 order by id limit $2')) {
    for (const row of await findForExport(pool, ids)) {
      yield {
        id: Number(row.id), mechanism: labels.mechanism(row.mechanism_id).key, kind: row.kind, countries: row.countries.join('|'),
        symbol: row.document_symbol, paragraph: row.paragraph, date: row.document_date, cycle: row.cycle, session: row.session,
        position: row.position, language: row.original_language, text: row.texts[row.original_language]?.text ?? '',
        themes: row.theme_ids.map((id: number) => labels.term(id).label).join('|'),
        affected_persons: row.affected_ids.map((id: number) => labels.term(id).label).join('|'),
        sdg_targets: row.sdg_targets.join('|'), recommending_states: row.recommending_states.join('|'),
      };
    }
  }
}

async function* actions(pool: pg.Pool, publicUrl: string): AsyncGenerator<TableRow> {
  for await (const ids of idBatches(pool, `select id from action_report where state = 'published' and id > $1 order by id limit $2`)) {
    const { rows } = await pool.query(
      `select a.*, i.name as institution_name, i.acronym,
         coalesce((select string_agg(x.recommendation_id::text, '|' order by x.recommendation_id) from action_recommendation x where x.action_id = a.id), '') as recommendation_ids,
         coalesce((select string_agg(case when e.kind = 'link' then e.url else $2 || '/api/v1/actions/' || a.id || '/evidence/' || e.id || '/file' end, '|' order by e.id)
                   from action_evidence e where e.action_id = a.id), '') as evidence
       from action_report a join institution i on i.id = a.institution_id
       where a.id = any($1::bigint[]) and a.state = 'published' order by a.id`,
      [ids, publicUrl],
    );
    for (const row of rows) {
      yield {
        id: Number(row.id), institution: pickText(row.institution_name, 'es') + (row.acronym ? ` (${row.acronym})` : ''),
        title: row.title[row.original_language] ?? Object.values(row.title)[0] ?? '', description: row.description[row.original_language] ?? '',
        language: row.original_language, action_type: row.action_type, reach: row.reach, start_date: row.start_date, end_date: row.end_date,
        progress: row.progress, budget_amount: row.budget_amount === null ? null : Number(row.budget_amount), budget_currency: row.budget_currency,
        budget_programme: row.budget_programme, recommendation_ids: row.recommendation_ids, evidence: row.evidence,
        published_at: row.published_at?.toISOString() ?? null,
      };
    }
  }
}

async function* assessments(pool: pg.Pool): AsyncGenerator<TableRow> {
  for await (const ids of idBatches(pool, `select id from implementation_assessment where id > $1 and ${PUBLIC_ASSESSMENT} order by id limit $2`)) {
    const { rows } = await pool.query(
      `select recommendation_id, assessor_kind, status_key, reason, assessed_on from implementation_assessment where id = any($1::bigint[]) order by id`, [ids]);
    for (const row of rows) {
      yield { recommendation_id: Number(row.recommendation_id), assessor: row.assessor_kind, status: row.status_key, reason: row.reason, assessed_on: row.assessed_on };
    }
  }
}

/** Approved contributions that are not hidden pending review: what the public pages show. */
async function* contributions(pool: pg.Pool, publicUrl: string): AsyncGenerator<TableRow> {
  for await (const ids of idBatches(pool, `select id from contribution where state = 'approved' and not hidden and id > $1 order by id limit $2`)) {
    const { rows } = await pool.query(
      `select c.id, c.recommendation_id, o.name as organisation, o.kind as organisation_kind, c.kind, c.body, c.assessor_kind, c.status_key, c.moderated_at,
         coalesce((select string_agg(case when e.kind = 'link' then e.url else $2 || '/api/v1/contributions/' || c.id || '/evidence/' || e.id || '/file' end, '|' order by e.id)
                   from contribution_evidence e where e.contribution_id = c.id), '') as evidence
       from contribution c join organisation o on o.id = c.organisation_id
       where c.id = any($1::bigint[]) and c.state = 'approved' and not c.hidden order by c.id`,
      [ids, publicUrl],
    );
    for (const row of rows) {
      yield {
        id: Number(row.id), recommendation_id: Number(row.recommendation_id), organisation: row.organisation, organisation_kind: row.organisation_kind,
        kind: row.kind, body: row.body, assessor: row.assessor_kind, status: row.status_key, evidence: row.evidence,
        published_at: row.moderated_at?.toISOString() ?? null,
      };
    }
  }
}

/** Activities accepted into adopted or closed plans (never drafts' or proposals): what the public plan pages show. */
async function* plannedRows(pool: pg.Pool): AsyncGenerator<TableRow> {
  for await (const ids of idBatches(pool, `select a.id from plan_activity a join plan p on p.id = a.plan_id
      where a.state = 'published' and p.status in ('adopted', 'closed') and a.id > $1 order by a.id limit $2`)) {
    const { rows } = await pool.query(
      `select a.id, a.plan_id, p.title as plan_title, p.original_language as plan_language, p.status, p.adopted_on, a.title, a.original_language,
         a.start_date, a.end_date, a.budget_amount, a.budget_currency, a.budget_programme, i.name as institution_name, i.acronym,
         (with recursive up as (select o.id, o.parent_id, o.title, 0 as depth from plan_objective o where o.id = a.objective_id
            union all select o.id, o.parent_id, o.title, up.depth + 1 from plan_objective o join up on o.id = up.parent_id)
          select string_agg(coalesce(up.title ->> p.original_language, ''), ' > ' order by up.depth desc) from up) as objective,
         coalesce((select string_agg(coalesce(c.acronym, c.name ->> 'es', c.name ->> 'en'), '|' order by c.id) from plan_activity_institution x join institution c on c.id = x.institution_id where x.activity_id = a.id), '') as co_responsible,
         coalesce((select string_agg(r.recommendation_id::text, '|' order by r.recommendation_id) from plan_activity_recommendation r where r.activity_id = a.id), '') as recommendation_ids,
         coalesce((select string_agg(s.target, '|' order by s.target) from plan_activity_sdg_target s where s.activity_id = a.id), '') as sdg_targets
       from plan_activity a join plan p on p.id = a.plan_id join institution i on i.id = a.institution_id
       where a.id = any($1::bigint[]) and a.state = 'published' and p.status in ('adopted', 'closed') order by a.id`,
      [ids],
    );
    for (const row of rows) {
      yield {
        id: Number(row.id), plan_id: Number(row.plan_id), plan: row.plan_title[row.plan_language] ?? Object.values(row.plan_title)[0] ?? '',
        plan_status: row.status, plan_adopted_on: row.adopted_on, objective: row.objective ?? '',
        title: row.title[row.original_language] ?? Object.values(row.title)[0] ?? '',
        institution: pickText(row.institution_name, 'es') + (row.acronym ? ` (${row.acronym})` : ''), co_responsible: row.co_responsible,
        start_date: row.start_date, end_date: row.end_date, budget_amount: row.budget_amount === null ? null : Number(row.budget_amount),
        budget_currency: row.budget_currency, budget_programme: row.budget_programme, recommendation_ids: row.recommendation_ids, sdg_targets: row.sdg_targets,
      };
    }
  }
}

export function datasetRows(pool: pg.Pool, name: DatasetName, publicUrl: string): AsyncIterable<TableRow> {
  if (name === 'recommendations') return recommendations(pool);
  if (name === 'actions') return actions(pool, publicUrl);
  if (name === 'contributions') return contributions(pool, publicUrl);
  if (name === 'planned_activities') return plannedRows(pool);
  return assessments(pool);
}
