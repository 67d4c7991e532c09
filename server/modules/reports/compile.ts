/**
 * Compiles what a report says about each selected recommendation: its symbol,
 * paragraph and text, the institutions responsible, the published actions
 * (with dates and evidence), the planned activities of adopted plans that
 * answer it (with where they stand), the indicators' latest values and the current
 * status. Only published actions go in: a report is as public as the portal.
 *
 * The work goes in batches so memory stays flat however large the report: a
 * light first pass puts the whole selection in order (grouping, then symbol
 * and paragraph), then each batch of recommendations is read in full,
 * turned into dossiers and let go. Exports (DOCX, PDF, the XLSX matrix) read
 * the same dossiers batch by batch.
 *
 * With `earlier`, each section also says what was reported on the earlier
 * recommendations the same ask recurs from (recurrence links a visitor sees:
 * `linked` or `confirmed`): their published actions and current status.
 *
 * Section keys (`rec:<id>`) stay the same across regenerations, so people's
 * edits can be kept.
 */
import type pg from 'pg';
import type { Locale } from '../../platform/http/locale';
import { pickText } from '../../platform/http/locale';
import { message } from '../../platform/http/messages';
import { formatDate, formatMeasure, formatPercent } from '../../../shared/format';
import { Labeller, bestText } from '../recommendations/recommendations.presenter';
import { findForExport } from '../recommendations/recommendations.repository';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';
import { plannedForRecommendations, plannedLine, type PlannedLine } from '../plans/plans.report';
import { utcToday, type Today } from '../../platform/clock';
import { PUBLIC_LINK_STATES } from '../../../shared/related';

export const GROUPINGS = ['theme', 'cluster', 'institution', 'paragraph'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** Recommendations read in full at a time; the bench shows memory flat from 250 to 4,000 with this. */
export const COMPILE_BATCH = 250;

/** A pool, or a transaction's client (the embedded database has one connection: a transaction must read through it). */
type Queryable = Pick<pg.PoolClient, 'query'>;

export interface CompiledSection { key: string; groupHeading: string | null; heading: string; text: string }

export interface DossierAction {
  title: string; description: string; startDate: string | null; endDate: string | null; progress: number | null;
  evidence: { title: string; url: string | null; file: string | null }[];
}

/** Everything a report says about one recommendation, in the report's language. */
export interface Dossier {
  id: number;
  symbol: string | null;
  paragraph: string | null;
  /** "A/HRC/48/9, para. 119.2" — the section heading and the matrix's citation. */
  citation: string;
  text: string;
  recommendingStates: string[];
  position: string | null;
  themes: string[];
  affected: string[];
  sdgTargets: string[];
  institutions: string[];
  actions: DossierAction[];
  /** The activities of adopted plans that answer it, with where they stand. */
  planned: PlannedLine[];
  indicators: { name: string; value: number | null; unit: string; on: string | null }[];
  status: { label: string; on: string } | null;
  /** Earlier recommendations the same ask recurs from, with what was reported on them (only when the report asks for them). */
  earlier: EarlierRecommendation[];
}

export interface EarlierRecommendation {
  id: number;
  citation: string;
  year: number | null;
  actions: DossierAction[];
  status: { label: string; on: string } | null;
}

/** What compiling adds beyond the recommendation itself. */
export interface CompileOptions {
  /** What was reported on the earlier recommendations the same ask recurs from. */
  earlier?: boolean;
  /** With the cluster grouping, where the headings come from (`clusterSourceOf`); the primary theme without it. */
  clusterSource?: ClusterSource;
}

/** Natural order of paragraph numbers: 119.2 before 119.12. */
function paragraphKey(paragraph: string | null): string {
  return (paragraph ?? '').split(/[^0-9]+/).filter(Boolean).map((n) => n.padStart(6, '0')).join('.');
}

const institutionName = (row: { name: Record<string, string>; acronym: string | null }, locale: Locale) =>
  pickText(row.name, locale) + (row.acronym ? ` (${row.acronym})` : '');

/** What the "by cluster" headings come from: the instance's cluster list while it has a cluster, else each recommendation's primary theme. */
export type ClusterSource = 'instance' | 'theme';

export async function clusterSourceOf(db: Queryable): Promise<ClusterSource> {
  const { rows } = await db.query('select 1 from report_cluster limit 1');
  return rows.length ? 'instance' : 'theme';
}

/**
 * The selection in report order with each recommendation's group heading,
 * from a light query (no texts): a few dozen bytes per recommendation.
 * Groups follow their heading's alphabetical order, except the instance's
 * clusters, which follow the secretariat's order (recommendations in none last).
 */
export async function orderSelection(
  db: Queryable, maps: LabelMaps, ids: number[], grouping: Grouping, locale: Locale, clusterSource: ClusterSource = 'theme',
): Promise<{ id: number; groupHeading: string | null }[]> {
  if (!ids.length) return [];
  const labels = new Labeller(maps, locale);
  const say = (key: Parameters<typeof message>[0]) => message(key, locale);
  const { rows } = await db.query(
    `select r.id, r.document_symbol, r.paragraph, r.theme_ids[1] as theme, c.name as cluster, c.position as cluster_position,
       (select jsonb_build_object('name', i.name, 'acronym', i.acronym) from assignment a join institution i on i.id = a.institution_id
        where a.recommendation_id = r.id and a.responsibility = 'lead' order by i.id limit 1) as lead
     from recommendation r left join report_cluster_member m on m.recommendation_id = r.id left join report_cluster c on c.id = m.cluster_id
     where r.id = any($1::bigint[])`, [ids]);
  const byInstanceCluster = grouping === 'cluster' && clusterSource === 'instance';
  const ordered = rows.map((row) => {
    const themeHeading = row.theme !== null ? labels.term(row.theme).label : say('report_no_theme');
    const group = grouping === 'institution' ? (row.lead ? institutionName(row.lead, locale) : say('report_unassigned'))
      : grouping === 'theme' ? themeHeading
        : grouping === 'cluster' ? (byInstanceCluster ? (row.cluster ? pickText(row.cluster, locale) : say('report_no_cluster')) : themeHeading)
          : null;
    // The instance's clusters in their order, then the recommendations in none; other groups alphabetically.
    const groupOrder = byInstanceCluster ? (row.cluster_position ?? Number.MAX_SAFE_INTEGER) : 0;
    return { id: Number(row.id), groupHeading: group, groupOrder, order: `${row.document_symbol ?? ''} ${paragraphKey(row.paragraph)} ${String(row.id).padStart(12, '0')}` };
  });
  ordered.sort((a, b) => a.groupOrder - b.groupOrder || (a.groupHeading ?? '').localeCompare(b.groupHeading ?? '', locale) || a.order.localeCompare(b.order));
  return ordered.map(({ id, groupHeading }) => ({ id, groupHeading }));
}

function groupBy<T extends { recommendation_id: string | number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const key = Number(row.recommendation_id);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

/** The dossiers of a batch of recommendations, in the order given. Unknown ids are skipped. */
export async function dossiersFor(
  db: Queryable, maps: LabelMaps, ids: number[], locale: Locale, today: Today = utcToday, options: CompileOptions = {},
): Promise<Dossier[]> {
  if (!ids.length) return [];
  const labels = new Labeller(maps, locale);
  // One query after another: `db` may be a transaction's single connection.
  const recommendations = await findForExport(db, ids);
  const responsible = await db.query(
    `select a.recommendation_id, i.name, i.acronym from assignment a join institution i on i.id = a.institution_id
     where a.recommendation_id = any($1::bigint[]) order by a.responsibility desc, i.id`, [ids]);
  const actions = await publishedActions(db, ids);
  const indicators = await db.query(
    `select x.recommendation_id, i.name, i.unit,
       (select jsonb_build_object('value', m.value, 'on', m.measured_on) from indicator_measurement m
        where m.indicator_id = i.id and m.breakdown = '{}' order by m.measured_on desc limit 1) as latest
     from indicator_recommendation x join indicator i on i.id = x.indicator_id where x.recommendation_id = any($1::bigint[]) order by i.id`,
    [ids]);
  const statuses = await governmentStatuses(db, ids);
  const earlierOf = options.earlier ? await earlierRecommendations(db, ids, locale) : new Map<number, EarlierRecommendation[]>();
  const plannedOf = await plannedForRecommendations(db, ids, locale, today());
  const institutionsOf = groupBy(responsible.rows);
  const actionsOf = groupBy(actions);
  const indicatorsOf = groupBy(indicators.rows);
  const statusOf = new Map(statuses.map((row) => [Number(row.recommendation_id), row]));

  return recommendations.map((rec): Dossier => {
    const id = Number(rec.id);
    const status = statusOf.get(id);
    return {
      id,
      symbol: rec.document_symbol,
      paragraph: rec.paragraph,
      citation: citationOf(rec.document_symbol, rec.paragraph, id, locale),
      text: bestText(rec.texts, locale, rec.original_language).text,
      recommendingStates: (rec.recommending_states ?? []).map((iso3: string) => labels.country(iso3).label),
      position: rec.position ? labels.position(rec.position).label : null,
      themes: (rec.theme_ids ?? []).map((t: number) => labels.term(t).label),
      affected: (rec.affected_ids ?? []).map((t: number) => labels.term(t).label),
      sdgTargets: (rec.sdg_targets ?? []) as string[],
      institutions: (institutionsOf.get(id) ?? []).map((row) => institutionName(row, locale)),
      actions: (actionsOf.get(id) ?? []).map((row) => dossierAction(row, locale)),
      planned: plannedOf.get(id) ?? [],
      indicators: (indicatorsOf.get(id) ?? []).map((row) => {
        const latest = row.latest as { value: string; on: string } | null;
        return { name: pickText(row.name, locale), unit: row.unit, value: latest ? Number(latest.value) : null, on: latest?.on ?? null };
      }),
      status: status ? { label: pickText(status.label, locale), on: status.assessed_on } : null,
      earlier: earlierOf.get(id) ?? [],
    };
  });
}

/** A row of the action and status queries, as pg gives it. */
type Row = pg.QueryResultRow & { recommendation_id: string | number };

/** The published actions reported on these recommendations, oldest first. */
async function publishedActions(db: Queryable, ids: number[]): Promise<Row[]> {
  const { rows } = await db.query(
    `select x.recommendation_id, r.title, r.description, r.start_date, r.end_date, r.progress,
       coalesce((select jsonb_agg(jsonb_build_object('title', e.title, 'url', e.url, 'file', e.file_name) order by e.id)
                 from action_evidence e where e.action_id = r.id), '[]') as evidence
     from action_recommendation x join action_report r on r.id = x.action_id
     where x.recommendation_id = any($1::bigint[]) and r.state = 'published' order by r.start_date nulls last, r.id`, [ids]);
  return rows;
}

/** The current government status of these recommendations. */
async function governmentStatuses(db: Queryable, ids: number[]): Promise<Row[]> {
  const { rows } = await db.query(
    `select distinct on (a.recommendation_id) a.recommendation_id, a.assessed_on, s.label
     from implementation_assessment a left join status_scale_step s on s.assessor_kind = a.assessor_kind and s.key = a.status_key
     where a.recommendation_id = any($1::bigint[]) and a.assessor_kind = 'government'
     order by a.recommendation_id, a.assessed_on desc, a.id desc`, [ids]);
  return rows;
}

function dossierAction(row: Row, locale: Locale): DossierAction {
  return {
    title: pickText(row.title, locale), description: pickText(row.description, locale),
    startDate: row.start_date, endDate: row.end_date, progress: row.progress,
    evidence: row.evidence as DossierAction['evidence'],
  };
}

/**
 * For each recommendation, the earlier ones the same ask recurs from (recurrence links a visitor
 * sees, to a recommendation of the same year or before), earliest first, with their published
 * actions and current government status.
 */
async function earlierRecommendations(db: Queryable, ids: number[], locale: Locale): Promise<Map<number, EarlierRecommendation[]>> {
  const { rows } = await db.query(
    `select x.id as recommendation_id, o.id, o.document_symbol, o.paragraph, o.year
     from unnest($1::bigint[]) x(id)
     join recommendation r on r.id = x.id
     join recommendation_link l on (l.low_id = x.id or l.high_id = x.id) and l.kind = 'recurrence' and l.state = any($2::text[])
     join recommendation o on o.id = case when l.low_id = x.id then l.high_id else l.low_id end
     where r.year is null or o.year is null or o.year <= r.year
     order by x.id, o.year nulls first, o.cycle nulls first, o.id`, [ids, PUBLIC_LINK_STATES]);
  if (!rows.length) return new Map();
  const others = [...new Set(rows.map((row) => Number(row.id)))];
  const actionsOf = groupBy(await publishedActions(db, others));
  const statusOf = new Map((await governmentStatuses(db, others)).map((row) => [Number(row.recommendation_id), row]));
  const result = new Map<number, EarlierRecommendation[]>();
  for (const row of rows) {
    const id = Number(row.id);
    const status = statusOf.get(id);
    const list = result.get(Number(row.recommendation_id)) ?? [];
    list.push({
      id,
      citation: citationOf(row.document_symbol, row.paragraph, id, locale),
      year: row.year,
      actions: (actionsOf.get(id) ?? []).map((action) => dossierAction(action, locale)),
      status: status ? { label: pickText(status.label, locale), on: status.assessed_on } : null,
    });
    result.set(Number(row.recommendation_id), list);
  }
  return result;
}

export function citationOf(symbol: string | null, paragraph: string | null, id: number, locale: Locale): string {
  return [symbol, paragraph ? message('report_paragraph', locale, { paragraph }) : null].filter(Boolean).join(', ') || `#${id}`;
}

/** One action as a line in the report's language: "title (1 de febrero de 2024 – 31 de mayo de 2025), 45 %". */
export function actionLine(action: DossierAction, locale: Locale): string {
  const period = [action.startDate, action.endDate].filter(Boolean).map((day) => formatDate(day, locale)).join(' – ');
  return `${action.title}${period ? ` (${period})` : ''}${action.progress === null ? '' : `, ${formatPercent(Number(action.progress), locale)}`}`;
}

/** The latest value of an indicator in the report's language: "66,4 % (31 de mayo de 2023)". */
export function indicatorValue(indicator: Dossier['indicators'][number], locale: Locale): string {
  if (indicator.value === null) return message('report_none', locale);
  return `${formatMeasure(indicator.value, indicator.unit, locale)}${indicator.on ? ` (${formatDate(indicator.on, locale)})` : ''}`;
}

/** The current status in the report's language: "En curso (31 de mayo de 2023)". */
export function statusLine(status: Dossier['status'], locale: Locale): string {
  return status ? `${status.label} (${formatDate(status.on, locale)})` : message('report_not_assessed', locale);
}

/** The compiled text of a section: what people start from and may rewrite. */
export function sectionText(d: Dossier, locale: Locale): string {
  const say = (key: Parameters<typeof message>[0]) => message(key, locale);
  const lines: string[] = [d.text, ''];
  lines.push(`${say('report_responsible')}: ${d.institutions.length ? d.institutions.join('; ') : say('report_none')}`);
  lines.push(`${say('report_actions')}:${d.actions.length ? '' : ` ${say('report_none')}`}`);
  for (const action of d.actions) {
    lines.push(`- ${actionLine(action, locale)}`);
    if (action.description) lines.push(`  ${action.description}`);
    for (const evidence of action.evidence) {
      lines.push(`  ${say('report_evidence')}: ${evidence.title}${evidence.url ? ` <${evidence.url}>` : evidence.file ? ` (${evidence.file})` : ''}`);
    }
  }
  if (d.planned.length) {
    lines.push(`${say('report_planned')}:`);
    for (const planned of d.planned) lines.push(`- ${plannedLine(planned, locale)}`);
  }
  for (const indicator of d.indicators) {
    lines.push(`${say('report_indicator')}: ${indicator.name}: ${indicatorValue(indicator, locale)}`);
  }
  lines.push(`${say('report_status')}: ${statusLine(d.status, locale)}`);
  for (const earlier of d.earlier) {
    lines.push('', `${message('report_earlier', locale, { citation: earlier.citation, year: earlier.year ?? '–' })}:`);
    lines.push(`  ${say('report_actions')}:${earlier.actions.length ? '' : ` ${say('report_none')}`}`);
    for (const action of earlier.actions) lines.push(`  - ${actionLine(action, locale)}`);
    lines.push(`  ${say('report_status')}: ${statusLine(earlier.status, locale)}`);
  }
  return lines.join('\n');
}

/** The sections of a selection, in report order, a batch at a time. */
export async function* compileSections(
  db: Queryable, maps: LabelMaps, ids: number[], grouping: Grouping, locale: Locale, batchSize = COMPILE_BATCH, today: Today = utcToday,
  options: CompileOptions = {},
): AsyncGenerator<CompiledSection[]> {
  const ordered = await orderSelection(db, maps, ids, grouping, locale, options.clusterSource);
  for (let start = 0; start < ordered.length; start += batchSize) {
    const batch = ordered.slice(start, start + batchSize);
    const dossiers = new Map((await dossiersFor(db, maps, batch.map((b) => b.id), locale, today, options)).map((d) => [d.id, d]));
    yield batch.flatMap(({ id, groupHeading }) => {
      const d = dossiers.get(id);
      return d ? [{ key: `rec:${id}`, groupHeading, heading: d.citation, text: sectionText(d, locale) }] : [];
    });
  }
}
