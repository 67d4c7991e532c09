/**
 * Coverage of recommendations by implementation plans: what a catalogue
 * search matches that no activity of a plan answers, and the activities that
 * answer no recommendation. The JSON answer and the CSV/XLSX export read the
 * same sets, the recommendations in the search's order.
 */
import type pg from 'pg';
import type { Coverage, CoverageQuery } from '../../../shared/plans';
import { pickText, type Locale } from '../../platform/http/locale';
import type { TableRow } from '../../platform/export/tables';
import { EXPORT_BATCH } from '../exports/list-export';
import { bestText, Labeller } from '../recommendations/recommendations.presenter';
import { findForExport } from '../recommendations/recommendations.repository';
import { matchingIds } from '../recommendations/recommendations.search';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import * as repository from './plans.repository';

/** The ids the search and institution match, in the search's order, split by whether an activity answers them. */
async function sets(pool: pg.Pool, query: CoverageQuery) {
  const maps = await labelMaps(pool);
  let ids = await matchingIds(pool, { ...query, sort: query.sort ?? 'date_desc' }, maps);
  if (query.institution_id !== undefined) {
    const assigned = new Set(await repository.assignedAmong(pool, query.institution_id, ids));
    ids = ids.filter((id) => assigned.has(id));
  }
  const covered = new Set(await repository.answeredAmong(pool, ids, query.plan_id ?? null));
  return { maps, ids, uncovered: ids.filter((id) => !covered.has(id)), covered: covered.size };
}

function recommendationItem(row: Record<string, unknown>, labels: Labeller, locale: Locale) {
  const best = bestText(row.texts as Record<string, { text: string }>, locale, row.original_language as string);
  return {
    id: Number(row.id), mechanism: labels.mechanism(row.mechanism_id as number).key, symbol: (row.document_symbol as string | null) ?? null,
    paragraph: (row.paragraph as string | null) ?? null, date: (row.document_date as string | null) ?? null,
    cycle: row.cycle == null ? null : Number(row.cycle), text: best.text, language: best.language,
  };
}

async function activitiesWithout(pool: pg.Pool, query: CoverageQuery, locale: Locale): Promise<Coverage['activities_without_recommendation']> {
  const rows = await repository.activitiesWithoutRecommendation(pool, query.plan_id ?? null, query.institution_id ?? null);
  const institutions = await repository.institutionNames(pool, [...new Set(rows.map((row) => row.institution_id))]);
  return rows.map((row) => {
    const institution = institutions.get(row.institution_id);
    return {
      id: row.id, plan_id: row.plan_id, plan_title: pickText(row.plan_title, locale), title: pickText(row.title, locale),
      institution: { id: row.institution_id, name: pickText(institution?.name, locale), acronym: institution?.acronym ?? null },
    };
  });
}

export async function coverage(pool: pg.Pool, query: CoverageQuery, locale: Locale): Promise<Coverage> {
  const { maps, ids, uncovered, covered } = await sets(pool, query);
  const labels = new Labeller(maps, locale);
  const start = (query.page - 1) * query.page_size;
  const page = await findForExport(pool, uncovered.slice(start, start + query.page_size));
  return {
    matched: ids.length,
    covered,
    uncovered: { total: uncovered.length, page: query.page, page_size: query.page_size, items: page.map((row) => recommendationItem(row, labels, locale)) },
    activities_without_recommendation: await activitiesWithout(pool, query, locale),
  };
}

export const COVERAGE_COLUMNS = ['kind', 'id', 'mechanism', 'symbol', 'paragraph', 'date', 'cycle', 'text', 'plan_id', 'institution'] as const;

/** One row per uncovered recommendation (kind `recommendation`), then per activity without one (kind `activity`). */
export async function* coverageRows(pool: pg.Pool, query: CoverageQuery, locale: Locale): AsyncGenerator<TableRow> {
  const { maps, uncovered } = await sets(pool, query);
  const labels = new Labeller(maps, locale);
  for (let i = 0; i < uncovered.length; i += EXPORT_BATCH) {
    for (const row of await findForExport(pool, uncovered.slice(i, i + EXPORT_BATCH))) {
      const item = recommendationItem(row, labels, locale);
      yield {
        kind: 'recommendation', id: String(item.id), mechanism: item.mechanism, symbol: item.symbol ?? '', paragraph: item.paragraph ?? '',
        date: item.date ?? '', cycle: item.cycle === null ? '' : String(item.cycle), text: item.text, plan_id: '', institution: '',
      };
    }
  }
  for (const activity of await activitiesWithout(pool, query, locale)) {
    yield {
      kind: 'activity', id: String(activity.id), mechanism: '', symbol: '', paragraph: '', date: '', cycle: '', text: activity.title,
      plan_id: String(activity.plan_id), institution: activity.institution.acronym ?? activity.institution.name,
    };
  }
}
