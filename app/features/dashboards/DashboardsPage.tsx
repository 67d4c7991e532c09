import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from '../../i18n';
import { useMemo, useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useSearchParams } from 'react-router';
import { searchRecommendations } from '../../api/client';
import { ApiError, shouldRetry } from '../../api/http';
import { getDashboard, type Dashboard } from '../../api/dashboards';
import type { FacetName } from '../../api/types';
import { formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { positionLabel } from '../../lib/recommendation-labels';
import {
  clearFilters, hasFilters, multiFilters, readSearchState, toApiParams, toggleFilter, update, writeSearchState, type SearchState,
} from '../../lib/search-state';
import type { ChartData } from './chart-data';
import { ChartFigure } from './ChartFigure';
import { keys } from '../../api/query-keys';

/** The dashboard's API query: the search's filters, without paging or order. */
function dashboardParams(state: SearchState, locale: string): URLSearchParams {
  const params = toApiParams(state, locale);
  for (const name of ['page', 'page_size', 'sort']) params.delete(name);
  return params;
}

/** The address of the search with these filters (back from the dashboards). */
export function searchHref(locale: string, state: SearchState): string {
  const query = writeSearchState({ ...state, page: '' }).toString();
  return `/${locale}/recommendations${query ? `?${query}` : ''}`;
}

const counts = (t: TFunction, category: string, rows: { key: string; label: string; count: number }[]): ChartData => ({
  category,
  series: [{ key: 'count', label: t('dashboards.count') }],
  rows: rows.map((r) => ({ key: r.key, label: r.label, values: [r.count] })),
});

function quarterLabel(t: TFunction, quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return t('dashboards.quarter', { year, quarter: q });
}

const COMPLIANCE = ['owed', 'submitted', 'validated', 'on_time', 'overdue'] as const;
const PLANNED = ['done', 'on_time', 'late', 'not_started'] as const;

/** Planned vs done: one row per plan, institution or objective, one series per progress. */
const planned = (t: TFunction, category: string, rows: { key: string; label: string; counts: Record<(typeof PLANNED)[number], number> }[]): ChartData => ({
  category,
  series: PLANNED.map((key) => ({ key, label: t(`dashboards.planned.${key}`) })),
  rows: rows.map((r) => ({ key: r.key, label: r.label, values: PLANNED.map((key) => r.counts[key]) })),
});

/** Every chart's data, from one answer of the API. */
function chartsOf(t: TFunction, d: Dashboard) {
  const positioned = d.facets.position.reduce((n, p) => n + p.count, 0);
  const position = [...d.facets.position];
  if (d.total > positioned) position.push({ key: 'none', label: t('dashboards.noPosition'), count: d.total - positioned });

  const leads = d.lead_institutions.items.map((i) => ({ ...i, label: i.acronym ? `${i.label} (${i.acronym})` : i.label }));
  if (d.lead_institutions.none > 0) leads.push({ key: 'none', label: t('dashboards.noLead'), acronym: null, count: d.lead_institutions.none });

  const steps = d.status.steps
    .filter((s) => s.active || s.count > 0)
    .map((s) => ({ key: s.key, label: s.active ? s.label : t('dashboards.retired', { label: s.label }), count: s.count }));
  steps.push({ key: 'not_assessed', label: t('dashboards.notAssessed'), count: d.status.not_assessed });

  const used = new Set(d.progress.quarters.flatMap((q) => Object.keys(q.counts)));
  const progressSteps = d.progress.steps.filter((s) => used.has(s.key) || d.status.steps.find((x) => x.key === s.key)?.active);
  const progress: ChartData = {
    category: t('dashboards.columns.quarter'),
    series: [...progressSteps, { key: 'not_assessed', label: t('dashboards.notAssessed') }],
    rows: d.progress.quarters.map((q) => ({
      key: q.quarter,
      label: quarterLabel(t, q.quarter),
      values: [...progressSteps.map((s) => q.counts[s.key] ?? 0), q.not_assessed],
    })),
  };

  const rounds: ChartData = {
    category: t('dashboards.columns.institution'),
    series: COMPLIANCE.map((key) => ({ key, label: t(`dashboards.compliance.${key}`) })),
    rows: d.rounds.institutions.map((i) => ({
      key: String(i.institution.id),
      label: i.institution.acronym ? `${i.institution.name} (${i.institution.acronym})` : i.institution.name,
      values: COMPLIANCE.map((key) => i[key]),
    })),
  };

  return {
    mechanism: counts(t, t('dashboards.columns.mechanism'), d.facets.mechanism),
    theme: counts(t, t('dashboards.columns.theme'), d.facets.theme),
    sdg: counts(t, t('dashboards.columns.sdg'), [...d.facets.sdg].sort((a, b) => Number(a.key) - Number(b.key))),
    position: counts(t, t('dashboards.columns.position'), position),
    institution: counts(t, t('dashboards.columns.institution'), leads),
    status: counts(t, t('dashboards.columns.status'), steps),
    progress,
    rounds,
    plannedPlan: planned(t, t('dashboards.columns.plan'), d.planned.by_plan),
    plannedInstitution: planned(t, t('dashboards.columns.institution'), d.planned.by_institution.map((i) => ({ ...i, label: i.acronym ? `${i.label} (${i.acronym})` : i.label }))),
    plannedObjective: planned(t, t('dashboards.columns.objective'),
      d.planned.by_objective.map((o) => ({ ...o, label: d.planned.by_plan.length > 1 ? `${o.label} (${o.plan})` : o.label }))),
  };
}

/**
 * Dashboards of the recommendations a search matches: the filters come in the
 * query string, the same as the search page's, and go back to it.
 */
export default function DashboardsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const state = useMemo(() => readSearchState(params), [params]);
  const apiQuery = dashboardParams(state, locale).toString();

  const dashboard = useQuery({
    queryKey: keys.dashboard(apiQuery),
    queryFn: ({ signal }) => getDashboard(new URLSearchParams(apiQuery), locale, signal),
    placeholderData: keepPreviousData,
    retry: shouldRetry,
  });
  // The labels of the chosen filter values, as the search names them.
  const labelsQuery = toApiParams({ ...state, page: '', sort: '' }, locale, 1).toString();
  const labelSource = useQuery({
    queryKey: keys.recommendations.search(labelsQuery),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams(labelsQuery), signal),
    retry: shouldRetry,
  });

  const title = t('dashboards.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);

  const facetLegend = (name: FacetName) => t(`search.facets.${name}`);
  function labelOf(name: FacetName, key: string): string {
    const known = labelSource.data?.facets?.[name]?.find((v) => v.key === key)?.label;
    if (known) return known;
    return name === 'position' ? positionLabel(t, key) : key;
  }
  const chips: { id: string; text: string; next: SearchState }[] = [];
  for (const name of multiFilters) {
    for (const key of state.filters[name]) {
      chips.push({ id: `${name}:${key}`, text: t('search.chip', { name: facetLegend(name), value: labelOf(name, key) }), next: toggleFilter(state, name, key) });
    }
  }
  if (state.yearFrom) chips.push({ id: 'year_from', text: t('search.chip', { name: facetLegend('year'), value: t('search.yearFromChip', { year: state.yearFrom }) }), next: update(state, { yearFrom: '' }) });
  if (state.yearTo) chips.push({ id: 'year_to', text: t('search.chip', { name: facetLegend('year'), value: t('search.yearToChip', { year: state.yearTo }) }), next: update(state, { yearTo: '' }) });
  const go = (next: SearchState) => setParams(writeSearchState({ ...next, page: '', sort: '' }));

  const data = dashboard.isError ? undefined : dashboard.data;
  const charts = data ? chartsOf(t, data) : null;
  const errorMessage = dashboard.isError
    ? dashboard.error instanceof ApiError ? dashboard.error.message : t('search.genericError')
    : null;

  return (
    <div
      className="page dashboards-page"
      // Which query string the charts answer, once settled (tests wait for it).
      data-dashboard-for={dashboard.isFetching || !data ? undefined : `${location.pathname}${location.search}`}
    >
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <p className="intro">{t('dashboards.intro')}</p>

      <section className="dashboard-filters" aria-labelledby="dashboard-filters-heading">
        <h2 id="dashboard-filters-heading" className="visually-hidden">{t('search.filtersHeading')}</h2>
        {state.q && <p>{t('dashboards.words', { q: state.q })}</p>}
        {chips.length > 0 ? (
          <div className="chips">
            <p id="dashboard-chips-label" className="small muted">{t('search.selectedFilters')}</p>
            <ul aria-labelledby="dashboard-chips-label">
              {chips.map((chip) => (
                <li key={chip.id}>
                  <button type="button" className="chip" onClick={() => go(chip.next)}>
                    <span className="visually-hidden">{t('search.removeFilter')} </span>
                    {chip.text}
                    <span aria-hidden="true" className="chip-x">×</span>
                  </button>
                </li>
              ))}
              <li>
                <button type="button" className="link-button small" onClick={() => go(clearFilters(state))}>{t('search.clearFilters')}</button>
              </li>
            </ul>
          </div>
        ) : (
          !state.q && <p className="small muted">{t('dashboards.allRecommendations')}</p>
        )}
        <p role="status" className="dashboard-total">
          {dashboard.isPending ? t('dashboards.loading')
            : data ? t('dashboards.total', { count: data.total, total: formatNumber(data.total, locale) }) : ''}
        </p>
        <p>
          <Link to={searchHref(locale, state)}>{hasFilters(state) || state.q ? t('dashboards.searchLink') : t('dashboards.searchAllLink')}</Link>
        </p>
      </section>

      {errorMessage !== null && (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">{t('dashboards.errorHeading')}</p>
          <p>{errorMessage}</p>
          {!(dashboard.error instanceof ApiError && dashboard.error.status < 500) && (
            <button type="button" className="secondary" onClick={() => void dashboard.refetch()}>{t('search.retry')}</button>
          )}
        </div>
      )}

      {charts && data && (
        <div className="dashboard-grid" aria-busy={dashboard.isFetching || undefined}>
          <ChartFigure name="mechanism" kind="bars" title={t('dashboards.charts.mechanism')} data={charts.mechanism} />
          <ChartFigure name="position" kind="bars" title={t('dashboards.charts.position')} data={charts.position} neutral={['none']} />
          <ChartFigure name="theme" kind="bars" title={t('dashboards.charts.theme')} description={t('dashboards.charts.themeNote')} data={charts.theme} chartRows={15} />
          <ChartFigure name="sdg" kind="bars" title={t('dashboards.charts.sdg')} description={t('dashboards.charts.sdgNote')} data={charts.sdg} />
          <ChartFigure name="institution" kind="bars" title={t('dashboards.charts.institution')} data={charts.institution} neutral={['none']} chartRows={20} />
          <ChartFigure name="status" kind="bars" title={t('dashboards.charts.status')} description={t('dashboards.charts.statusNote')} data={charts.status} neutral={['not_assessed']} />
          <ChartFigure name="progress" kind="columns" title={t('dashboards.charts.progress')} description={t('dashboards.charts.progressNote')} data={charts.progress} neutral={['not_assessed']} />
          <ChartFigure
            name="rounds"
            kind="bars"
            title={t('dashboards.charts.rounds')}
            description={t('dashboards.charts.roundsNote', { count: data.rounds.rounds, number: formatNumber(data.rounds.rounds, locale) })}
            data={charts.rounds}
            chartRows={20}
          />
          <ChartFigure name="planned-plan" kind="bars" title={t('dashboards.charts.plannedPlan')} description={t('dashboards.charts.plannedPlanNote')} data={charts.plannedPlan} chartRows={20} />
          <ChartFigure
            name="planned-institution"
            kind="bars"
            title={t('dashboards.charts.plannedInstitution')}
            description={t('dashboards.charts.plannedInstitutionNote')}
            data={charts.plannedInstitution}
            chartRows={20}
          />
          <ChartFigure
            name="planned-objective"
            kind="bars"
            title={t('dashboards.charts.plannedObjective')}
            description={t('dashboards.charts.plannedObjectiveNote')}
            data={charts.plannedObjective}
            chartRows={20}
          />
        </div>
      )}
    </div>
  );
}
