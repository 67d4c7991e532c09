/**
 * What a national instance publishes to the Network: its public data only, one JSON body per
 * record, built here in SQL and nowhere else (docs/decisions/0017-federation.md). Each kind reads
 * exactly what the public pages and the open data already show:
 *   - recommendations: every record of the catalogue, with its confirmed labels (the arrays on
 *     `recommendation`, never suggestions) and the institutions responsible for it;
 *   - institutions: name, acronym, branch and type (not merged ones);
 *   - actions: published action reports only, their evidence links (files stay on the instance);
 *   - statuses: assessments whose contribution, if any, is approved and not hidden (PUBLIC_ASSESSMENT);
 *   - indicators: indicators with their measurements (values, no notes) and only published actions.
 * Never: people (names, emails, accounts, who wrote or validated what), comments of the validation
 * chain, drafts, submitted or returned reports, report drafts, contributions, evidence files.
 * Timestamps are written in UTC whatever the session's time zone, so a body's bytes depend on its
 * content alone.
 */
import type pg from 'pg';
import { PUBLIC_ASSESSMENT } from '../status/status.repository';

export const RECORD_KINDS = ['recommendation', 'institution', 'action', 'status', 'indicator'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
/** The package's resource for each kind. */
export const RESOURCE_OF: Record<RecordKind, string> = {
  recommendation: 'recommendations', institution: 'institutions', action: 'actions', status: 'statuses', indicator: 'indicators',
};

const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const BODIES: Record<RecordKind, string> = {
  recommendation: `
    select r.id, jsonb_build_object(
      'id', r.id,
      'uhri_id', case when r.identity_key like 'uhri:%' then substr(r.identity_key, 6) end,
      'mechanism', m.code, 'kind', r.kind, 'countries', to_jsonb(r.countries),
      'symbol', r.document_symbol, 'paragraph', r.paragraph, 'date', r.document_date, 'year', r.year,
      'cycle', r.cycle, 'session', r.session, 'position', r.position, 'recommending_states', to_jsonb(r.recommending_states),
      'original_language', r.original_language,
      'texts', (select coalesce(jsonb_object_agg(e.key, e.value -> 'text'), '{}') from jsonb_each(r.texts) e),
      'themes', (select coalesce(jsonb_agg(t.key order by t.key), '[]') from vocabulary_term t where t.id = any(r.theme_ids)),
      'affected_persons', (select coalesce(jsonb_agg(t.key order by t.key), '[]') from vocabulary_term t where t.id = any(r.affected_ids)),
      'sdg_targets', to_jsonb(r.sdg_targets),
      'responsible', (select coalesce(jsonb_agg(jsonb_build_object('institution', a.institution_id, 'responsibility', a.responsibility)
          order by a.institution_id, a.responsibility), '[]') from assignment a where a.recommendation_id = r.id)
    ) as body
    from recommendation r join mechanism m on m.id = r.mechanism_id
    where r.id > $1 order by r.id limit $2`,
  institution: `
    select i.id, jsonb_build_object('id', i.id, 'name', i.name, 'acronym', i.acronym, 'branch', i.branch, 'type', i.type,
      'parent', i.parent_id, 'active', i.active) as body
    from institution i where i.merged_into_id is null and i.id > $1 order by i.id limit $2`,
  action: `
    select a.id, jsonb_build_object(
      'id', a.id, 'institution', a.institution_id, 'type', a.action_type, 'reach', a.reach,
      'title', a.title, 'description', a.description, 'original_language', a.original_language,
      'start_date', a.start_date, 'end_date', a.end_date, 'progress', a.progress,
      'budget', case when a.budget_amount is null then null else jsonb_build_object('amount', a.budget_amount::text, 'currency', a.budget_currency, 'programme', a.budget_programme) end,
      'published_at', ${utc('a.published_at')},
      'recommendations', (select coalesce(jsonb_agg(x.recommendation_id order by x.recommendation_id), '[]') from action_recommendation x where x.action_id = a.id),
      'evidence_links', (select coalesce(jsonb_agg(jsonb_build_object('title', e.title, 'url', e.url) order by e.id), '[]')
          from action_evidence e where e.action_id = a.id and e.kind = 'link')
    ) as body
    from action_report a where a.state = 'published' and a.id > $1 order by a.id limit $2`,
  status: `
    select implementation_assessment.id, jsonb_build_object('id', id, 'recommendation', recommendation_id, 'assessor', assessor_kind,
      'status', status_key, 'reason', reason, 'assessed_on', assessed_on) as body
    from implementation_assessment where ${PUBLIC_ASSESSMENT} and id > $1 order by id limit $2`,
  indicator: `
    select n.id, jsonb_build_object(
      'id', n.id, 'institution', n.institution_id, 'name', n.name, 'kind', n.kind, 'unit', n.unit,
      'baseline', jsonb_build_object('value', n.baseline_value::text, 'date', n.baseline_date),
      'target', jsonb_build_object('value', n.target_value::text, 'date', n.target_date),
      'disaggregation', to_jsonb(n.disaggregation), 'sdg_indicator', n.sdg_indicator, 'data_source', n.data_source, 'frequency', n.frequency,
      'recommendations', (select coalesce(jsonb_agg(x.recommendation_id order by x.recommendation_id), '[]') from indicator_recommendation x where x.indicator_id = n.id),
      'actions', (select coalesce(jsonb_agg(x.action_id order by x.action_id), '[]') from indicator_action x
          join action_report a on a.id = x.action_id and a.state = 'published' where x.indicator_id = n.id),
      'measurements', (select coalesce(jsonb_agg(jsonb_build_object('measured_on', v.measured_on, 'value', v.value::text, 'breakdown', v.breakdown)
          order by v.measured_on, v.id), '[]') from indicator_measurement v where v.indicator_id = n.id)
    ) as body
    from indicator n where n.id > $1 order by n.id limit $2`,
};

const BATCH = 2000;

/** Every public record of `kind`, in id order, a batch at a time. */
export async function* publicRecords(db: pg.Pool | pg.PoolClient, kind: RecordKind): AsyncGenerator<{ id: number; body: Record<string, unknown> }[]> {
  let after = 0;
  for (;;) {
    const { rows } = await db.query(BODIES[kind], [after, BATCH]);
    if (!rows.length) return;
    yield rows.map((row) => ({ id: Number(row.id), body: row.body }));
    after = Number(rows[rows.length - 1].id);
  }
}
