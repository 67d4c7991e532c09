/**
 * Compiles a report's sections from what the system knows about each selected
 * recommendation: its symbol, paragraph and text, the institutions responsible,
 * the published actions (with dates and evidence), the indicators' latest
 * values and the current status. Only published actions go in: a report is
 * as public as the portal.
 *
 * Sections are plain text in the report's language, one per recommendation,
 * grouped and ordered by the draft's grouping. Their keys (`rec:<id>`) stay the
 * same across regenerations, so people's edits can be kept.
 */
import type pg from 'pg';
import type { Locale } from '../../platform/http/locale';
import { pickText } from '../../platform/http/locale';
import { message } from '../../platform/http/messages';
import { Labeller, bestText } from '../recommendations/recommendations.presenter';
import { findForExport } from '../recommendations/recommendations.repository';
import { labelMaps } from '../taxonomies/taxonomies.repository';

export const GROUPINGS = ['theme', 'cluster', 'institution', 'paragraph'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface CompiledSection { key: string; groupHeading: string | null; heading: string; text: string }

/** Natural order of paragraph numbers: 119.2 before 119.12. */
function paragraphKey(paragraph: string | null): string {
  return (paragraph ?? '').split(/[^0-9]+/).filter(Boolean).map((n) => n.padStart(6, '0')).join('.');
}

export async function compileSections(pool: pg.Pool, recommendationIds: number[], grouping: Grouping, locale: Locale): Promise<CompiledSection[]> {
  if (!recommendationIds.length) return [];
  const labels = new Labeller(await labelMaps(pool), locale);
  const [recommendations, responsible, actions, indicators, statuses] = await Promise.all([
    findForExport(pool, recommendationIds),
    pool.query(
      `select a.recommendation_id, a.responsibility, i.name, i.acronym from assignment a join institution i on i.id = a.institution_id
       where a.recommendation_id = any($1::bigint[]) order by a.responsibility desc, i.id`, [recommendationIds]),
    pool.query(
      `select x.recommendation_id, r.id, r.title, r.description, r.original_language, r.start_date, r.end_date, r.progress,
         coalesce((select jsonb_agg(jsonb_build_object('title', e.title, 'url', e.url, 'file', e.file_name) order by e.id)
                   from action_evidence e where e.action_id = r.id), '[]') as evidence
       from action_recommendation x join action_report r on r.id = x.action_id
       where x.recommendation_id = any($1::bigint[]) and r.state = 'published' order by r.start_date nulls last, r.id`, [recommendationIds]),
    pool.query(
      `select x.recommendation_id, i.name, i.unit,
         (select jsonb_build_object('value', m.value, 'on', m.measured_on) from indicator_measurement m
          where m.indicator_id = i.id and m.breakdown = '{}' order by m.measured_on desc limit 1) as latest
       from indicator_recommendation x join indicator i on i.id = x.indicator_id where x.recommendation_id = any($1::bigint[]) order by i.id`,
      [recommendationIds]),
    pool.query(
      `select distinct on (a.recommendation_id) a.recommendation_id, a.assessed_on, s.label
       from implementation_assessment a left join status_scale_step s on s.assessor_kind = a.assessor_kind and s.key = a.status_key
       where a.recommendation_id = any($1::bigint[]) and a.assessor_kind = 'government'
       order by a.recommendation_id, a.assessed_on desc, a.id desc`, [recommendationIds]),
  ]);
  const byRecommendation = <T extends { recommendation_id: string | number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) {
      const key = Number(row.recommendation_id);
      const list = map.get(key);
      if (list) list.push(row);
      else map.set(key, [row]);
    }
    return map;
  };
  const institutionsOf = byRecommendation(responsible.rows);
  const actionsOf = byRecommendation(actions.rows);
  const indicatorsOf = byRecommendation(indicators.rows);
  const statusOf = new Map(statuses.rows.map((row) => [Number(row.recommendation_id), row]));
  const say = (key: Parameters<typeof message>[0], params: Record<string, string | number> = {}) => message(key, locale, params);

  const sections = recommendations.map((rec) => {
    const id = Number(rec.id);
    const lead = institutionsOf.get(id)?.find((i) => i.responsibility === 'lead');
    const institutionName = (row: { name: Record<string, string>; acronym: string | null }) => pickText(row.name, locale) + (row.acronym ? ` (${row.acronym})` : '');
    const lines: string[] = [bestText(rec.texts, locale, rec.original_language).text, ''];
    const institutions = institutionsOf.get(id) ?? [];
    lines.push(`${say('report_responsible')}: ${institutions.length ? institutions.map(institutionName).join('; ') : say('report_none')}`);
    const published = actionsOf.get(id) ?? [];
    lines.push(`${say('report_actions')}:${published.length ? '' : ` ${say('report_none')}`}`);
    for (const action of published) {
      const title = pickText(action.title, locale);
      const period = [action.start_date, action.end_date].filter(Boolean).join(' – ');
      lines.push(`- ${title}${period ? ` (${period})` : ''}${action.progress === null ? '' : `, ${action.progress} %`}`);
      const description = pickText(action.description, locale);
      if (description) lines.push(`  ${description}`);
      for (const evidence of action.evidence as { title: string; url: string | null; file: string | null }[]) {
        lines.push(`  ${say('report_evidence')}: ${evidence.title}${evidence.url ? ` <${evidence.url}>` : evidence.file ? ` (${evidence.file})` : ''}`);
      }
    }
    for (const indicator of indicatorsOf.get(id) ?? []) {
      const latest = indicator.latest as { value: string; on: string } | null;
      lines.push(`${say('report_indicator')}: ${pickText(indicator.name, locale)}: ${latest ? `${Number(latest.value)} ${indicator.unit} (${latest.on})` : say('report_none')}`);
    }
    const status = statusOf.get(id);
    lines.push(`${say('report_status')}: ${status ? `${pickText(status.label, locale)} (${status.assessed_on})` : say('report_not_assessed')}`);
    const heading = [rec.document_symbol, rec.paragraph ? say('report_paragraph', { paragraph: rec.paragraph }) : null].filter(Boolean).join(', ') || `#${id}`;
    const group = grouping === 'institution' ? (lead ? institutionName(lead) : say('report_unassigned'))
      : grouping === 'theme' ? (rec.theme_ids.length ? labels.term(rec.theme_ids[0]).label : say('report_no_theme'))
        // Clusters as UPR Info groups recommendations (its issues); other records fall back to their first theme.
        : grouping === 'cluster' ? (rec.upr_info_issue_ids?.length ? labels.term(rec.upr_info_issue_ids[0]).label
          : rec.theme_ids.length ? labels.term(rec.theme_ids[0]).label : say('report_no_theme'))
          : null;
    return { key: `rec:${id}`, groupHeading: group, heading, text: lines.join('\n'), order: `${rec.document_symbol ?? ''} ${paragraphKey(rec.paragraph)} ${String(id).padStart(12, '0')}` };
  });
  sections.sort((a, b) => (a.groupHeading ?? '').localeCompare(b.groupHeading ?? '', locale) || a.order.localeCompare(b.order));
  return sections.map(({ order: _order, ...section }) => section);
}
