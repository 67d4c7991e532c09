/** HTTP for the public dashboard: aggregate counts over the recommendations a search matches. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorSchema, searchQuerySchema, type SearchQuery } from '../../../shared/recommendations';
import { utcToday, type Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { pickText, requestLocale } from '../../platform/http/locale';
import { notModified } from '../../platform/http/public-cache';
import { institutionNames } from '../actions/actions.repository';
import { facetIndex } from '../recommendations/recommendations.facet-index';
import { Labeller } from '../recommendations/recommendations.presenter';
import { matchingIds } from '../recommendations/recommendations.search';
import { labelMaps, type LabelMaps } from '../taxonomies/taxonomies.repository';
import * as repository from './dashboards.repository';
import { plannedVsDone } from './dashboards.planned';
import { progressOverTime } from './dashboards.progress';
import { dashboardSchema, type Dashboard } from '../../../shared/dashboards';

const DASHBOARD_FACETS = ['mechanism', 'theme', 'sdg', 'position'] as const;
const NO_FILTERS = searchQuerySchema.parse({});

/** Whether the search narrows the catalogue at all (the language alone narrows only a text query). */
function narrows(query: SearchQuery): boolean {
  return !!query.q || query.year_from !== undefined || query.year_to !== undefined
    || (['mechanism', 'country', 'theme', 'affected', 'sdg', 'position', 'cycle'] as const).some((f) => query[f].length > 0);
}

/**
 * The matching ids, and the facet counts over exactly those recommendations.
 * The search's own facets apply every filter but the facet's own (so that a
 * reader can widen a choice); a dashboard of the results needs every filter
 * applied, so the index counts the matching rows again with no filter.
 */
async function matchingSet(pool: Database['pool'], query: SearchQuery, labels: LabelMaps) {
  if (!narrows(query)) {
    const index = await facetIndex(pool);
    return { ids: null, total: index.size, facets: index.evaluate(NO_FILTERS, labels, null).facets };
  }
  // Date order: the ids are all that is needed, ranking them would be wasted work.
  const ids = await matchingIds(pool, { ...query, sort: 'date_desc' }, labels);
  const index = await facetIndex(pool);
  return { ids, total: ids.length, facets: index.evaluate(NO_FILTERS, labels, index.rowsOfIds(ids)).facets };
}

export const dashboardsRoutes = (database: Database, today: Today = utcToday): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  app.get('/api/v1/public/dashboard', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['recommendations'],
      summary: 'Dashboard counts over the recommendations a search matches',
      description: 'Takes the same parameters as the search (page, page_size and sort are ignored). Counts by mechanism, theme, '
        + 'SDG goal, position and lead institution; the current government status (latest government assessment) and the '
        + 'status at each quarter end from the first assessment to the last (at most the 80 latest quarters); and, per '
        + 'institution, the reports due in every reporting round that has opened: owed, submitted, validated, submitted by '
        + 'the due date, overdue; and planned vs done: the accepted activities of adopted plans (those answering a matching '
        + 'recommendation when the search narrows the catalogue), done (a published action report completes it), on time, late, '
        + 'not started, by plan, by institution (lead or co-responsible) and by top-level objective. Counts only.',
      querystring: searchQuerySchema,
      response: { ...notModified, 200: dashboardSchema, 400: errorSchema },
    },
  }, async (request): Promise<Dashboard> => {
    const locale = requestLocale(request);
    const maps = await labelMaps(db);
    const labels = new Labeller(maps, locale);
    const set = await matchingSet(db, request.query, maps);

    const day = today();
    const [leads, assessments, scale, compliance, planned] = await Promise.all([
      repository.leadInstitutionCounts(db, set.ids),
      repository.governmentAssessments(db, set.ids),
      repository.governmentScale(db),
      repository.roundCompliance(db, set.ids, day),
      plannedVsDone(db, set.ids, day, locale),
    ]);
    const names = await institutionNames(db, [...new Set([...leads.map((l) => l.institution_id), ...compliance.rows.map((r) => r.institution_id)])]);
    const institution = (id: number) => {
      const row = names.get(id);
      return { id, name: pickText(row?.name, locale) || String(id), acronym: row?.acronym ?? null };
    };
    const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);

    const history = progressOverTime(assessments, set.total);
    // Steps in the scale's order; a key no longer on the scale (it cannot be removed while used, but data outlives rules) goes last.
    const steps = scale.map((s) => ({ key: s.key, label: pickText(s.label, locale) || s.key, active: s.active }));
    for (const key of history.current.keys()) if (!steps.some((s) => s.key === key)) steps.push({ key, label: key, active: false });
    for (const q of history.quarters) for (const key of Object.keys(q.counts)) {
      if (!steps.some((s) => s.key === key)) steps.push({ key, label: key, active: false });
    }

    const leadItems = leads.map((l) => {
      const i = institution(l.institution_id);
      return { key: String(i.id), label: i.name, acronym: i.acronym, count: l.count };
    }).sort((a, b) => b.count - a.count || byName(a, b));

    const sum = (key: keyof Omit<repository.ComplianceRow, 'institution_id'>) => compliance.rows.reduce((n, row) => n + row[key], 0);
    return {
      total: set.total,
      facets: Object.fromEntries(DASHBOARD_FACETS.map((facet) => [
        facet, set.facets[facet].map((v) => ({ ...labels.facet(facet, v.key), count: v.count })),
      ])) as Dashboard['facets'],
      lead_institutions: { items: leadItems, none: set.total - leadItems.reduce((n, l) => n + l.count, 0) },
      status: {
        steps: steps.map((s) => ({ ...s, count: history.current.get(s.key) ?? 0 })),
        not_assessed: history.notAssessed,
      },
      progress: {
        steps: steps.map(({ key, label }) => ({ key, label })),
        quarters: history.quarters,
        truncated: history.truncated,
      },
      rounds: {
        rounds: compliance.rounds,
        institutions: compliance.rows.map(({ institution_id, ...counts }) => ({ institution: institution(institution_id), ...counts }))
          .sort((a, b) => b.overdue - a.overdue || a.institution.name.localeCompare(b.institution.name, locale)),
        totals: { owed: sum('owed'), submitted: sum('submitted'), validated: sum('validated'), on_time: sum('on_time'), overdue: sum('overdue') },
      },
      planned,
    };
  });
};
