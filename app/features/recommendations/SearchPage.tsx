import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useSearchParams } from 'react-router';
import { searchRecommendations } from '../../api/client';
import { ApiError } from '../../api/http';
import type { FacetName, FacetValue } from '../../api/types';
import { DownloadLinks } from '../../components/DownloadLinks';
import { formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import { FacetGroup } from './FacetGroup';
import { languageName, positionLabel } from '../../lib/recommendation-labels';
import { Pagination } from '../../components/Pagination';
import { ResultItem } from '../../components/ResultItem';
import { YearFilter } from './YearFilter';
import {
  assignmentSearch, clearFilters, effectiveSort, hasFilters, multiFilters, pageNumber, readSearchState, searchLanguages, sortValues,
  toApiParams, toggleFilter, update, writeSearchState, type MultiFilter, type SearchState,
} from '../../lib/search-state';
import { keys } from '../../api/query-keys';

// Only the secretariat assigns, and only once it opens the form: the search page does not carry it.
const AssignForm = lazy(() => import('../workspace/AssignForm'));

interface Chip {
  id: string;
  name: string;
  value: string;
  remove: (state: SearchState) => SearchState;
}

export default function SearchPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const state = useMemo(() => readSearchState(params), [params]);
  const apiQuery = toApiParams(state, locale).toString();

  const search = useQuery({
    queryKey: keys.recommendations.search(apiQuery),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams(apiQuery), signal),
    placeholderData: keepPreviousData,
  });
  const data = search.isError ? undefined : search.data;
  const session = useSession();
  const [assignOpen, setAssignOpen] = useState(false);
  const canAssign = Boolean(session.data && can(session.data, 'assignment:manage'));
  /** Results ticked for assignment, kept while the secretariat pages or refines the search. */
  const [selected, setSelected] = useState<number[]>([]);
  const [selectedOpen, setSelectedOpen] = useState(false);
  const toggleSelected = (id: number, on: boolean) => setSelected((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));

  const pageTitle = t('search.title');
  useDocumentTitle(state.q ? `${state.q} – ${pageTitle}` : pageTitle, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);

  /** Go to a new search state: a history entry, without jumping to the top of the page. */
  function go(next: SearchState) {
    setParams(writeSearchState(next));
  }

  // The search form follows the URL (back/forward) but is only applied on submit.
  const [q, setQ] = useState(state.q);
  const [lang, setLang] = useState(state.lang);
  useEffect(() => setQ(state.q), [state.q]);
  useEffect(() => setLang(state.lang), [state.lang]);

  function submit(event: FormEvent) {
    event.preventDefault();
    go(update(state, { q: q.trim(), lang }));
  }

  // Labels of selected values, from the facets of the latest results.
  const labels = useRef(new Map<string, string>());
  for (const name of multiFilters) {
    for (const value of search.data?.facets?.[name] ?? []) labels.current.set(`${name}:${value.key}`, value.label);
  }
  function labelOf(name: MultiFilter, key: string): string {
    const known = labels.current.get(`${name}:${key}`);
    if (known) return known;
    if (name === 'position') return positionLabel(t, key);
    return key;
  }

  const facetLegend: Record<FacetName, string> = {
    mechanism: t('search.facets.mechanism'),
    country: t('search.facets.country'),
    theme: t('search.facets.theme'),
    affected: t('search.facets.affected'),
    sdg: t('search.facets.sdg'),
    position: t('search.facets.position'),
    cycle: t('search.facets.cycle'),
    year: t('search.facets.year'),
  };

  const chips: Chip[] = [];
  for (const name of multiFilters) {
    for (const key of state.filters[name]) {
      chips.push({
        id: `${name}:${key}`,
        name: facetLegend[name],
        value: labelOf(name, key),
        remove: (s) => toggleFilter(s, name, key),
      });
    }
  }
  if (state.yearFrom) {
    chips.push({
      id: 'year_from',
      name: facetLegend.year,
      value: t('search.yearFromChip', { year: state.yearFrom }),
      remove: (s) => update(s, { yearFrom: '' }),
    });
  }
  if (state.yearTo) {
    chips.push({
      id: 'year_to',
      name: facetLegend.year,
      value: t('search.yearToChip', { year: state.yearTo }),
      remove: (s) => update(s, { yearTo: '' }),
    });
  }

  // Removing a chip moves focus to the next chip, or to the results heading.
  const chipList = useRef<HTMLUListElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const [focusChip, setFocusChip] = useState<number | null>(null);
  useEffect(() => {
    if (focusChip === null) return;
    const buttons = chipList.current?.querySelectorAll<HTMLButtonElement>('button.chip');
    if (buttons && buttons.length > 0) buttons[Math.min(focusChip, buttons.length - 1)].focus();
    else resultsHeading.current?.focus();
    setFocusChip(null);
  }, [focusChip, chips.length]);

  // After following a pagination link, focus goes to the results heading.
  const [focusResults, setFocusResults] = useState(false);
  useEffect(() => {
    if (!focusResults) return;
    resultsHeading.current?.focus();
    setFocusResults(false);
  }, [focusResults, state.page]);

  const [filtersOpen, setFiltersOpen] = useState(false);
  const page = pageNumber(state);
  const pages = data ? Math.max(1, Math.ceil(data.total / (data.page_size || 20))) : 1;
  const sort = effectiveSort(state);
  const selectedCount = chips.length;

  let status = '';
  if (search.isPending) status = t('search.loading');
  else if (data?.grouped) {
    status = t('search.totalGrouped', {
      count: data.total, total: formatNumber(data.total, locale), recommendations: formatNumber(data.grouped.recommendations, locale),
    });
  } else if (data) status = t('search.total', { count: data.total, total: formatNumber(data.total, locale) });
  /** Recommendations that match (with grouping, `total` counts groups). */
  const matches = data ? (data.grouped?.recommendations ?? data.total) : 0;

  const errorMessage = search.isError
    ? search.error instanceof ApiError
      ? search.error.message
      : t('search.genericError')
    : null;

  return (
    <div className="page search-page">
      <h1 ref={heading} tabIndex={-1}>{pageTitle}</h1>
      <p className="intro">{t('search.intro')}</p>

      <form role="search" aria-label={t('search.formLabel')} className="search-form" onSubmit={submit}>
        <div className="field field-query">
          <label htmlFor="search-q">{t('search.queryLabel')}</label>
          <input
            id="search-q"
            name="q"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby="search-q-hint"
            autoComplete="off"
            enterKeyHint="search"
          />
        </div>
        <div className="field field-lang">
          <label htmlFor="search-lang">{t('search.languageLabel')}</label>
          <select id="search-lang" name="lang" value={lang} onChange={(e) => setLang(e.target.value)}>
            <option value="">{t('search.languageAny')}</option>
            {searchLanguages.map((code) => (
              <option key={code} value={code}>
                {languageName(t, code)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">{t('search.submit')}</button>
        <p id="search-q-hint" className="hint">{t('search.queryHint')}</p>
      </form>

      <div className="search-layout">
        <section className="filters" aria-labelledby="filters-heading">
          <div className="filters-header">
            <h2 id="filters-heading">{t('search.filtersHeading')}</h2>
            <button
              type="button"
              className="secondary filters-toggle"
              aria-expanded={filtersOpen}
              aria-controls="filters-body"
              onClick={() => setFiltersOpen(!filtersOpen)}
            >
              {filtersOpen ? t('search.hideFilters') : t('search.showFilters')}
              {selectedCount > 0 && ` (${formatNumber(selectedCount, locale)})`}
            </button>
          </div>
          <div id="filters-body" className="filters-body" data-open={filtersOpen}>
            {multiFilters.map((name) => (
              <FacetGroup
                key={name}
                legend={facetLegend[name]}
                values={search.data?.facets?.[name] ?? ([] as FacetValue[])}
                selected={state.filters[name]}
                labelOf={(key) => labelOf(name, key)}
                onToggle={(key) => go(toggleFilter(state, name, key))}
              />
            ))}
            <YearFilter
              from={state.yearFrom}
              to={state.yearTo}
              years={search.data?.facets?.year}
              onApply={(from, to) => go(update(state, { yearFrom: from, yearTo: to }))}
            />
          </div>
        </section>

        <section
          className="results-section"
          aria-labelledby="results-heading"
          // Which page state the shown results answer, once settled (tests wait for it).
          data-results-for={search.isFetching ? undefined : `${location.pathname}${location.search}`}
        >
          <h2 id="results-heading" ref={resultsHeading} tabIndex={-1}>{t('search.resultsHeading')}</h2>

          {chips.length > 0 && (
            <div className="chips">
              <p id="chips-label" className="small muted">{t('search.selectedFilters')}</p>
              <ul ref={chipList} aria-labelledby="chips-label">
                {chips.map((chip, index) => (
                  <li key={chip.id}>
                    <button
                      type="button"
                      className="chip"
                      onClick={() => {
                        setFocusChip(index);
                        go(chip.remove(state));
                      }}
                    >
                      <span className="visually-hidden">{t('search.removeFilter')} </span>
                      {t('search.chip', { name: chip.name, value: chip.value })}
                      <span aria-hidden="true" className="chip-x">×</span>
                    </button>
                  </li>
                ))}
                <li>
                  <button
                    type="button"
                    className="link-button small"
                    onClick={() => {
                      setFocusChip(0);
                      go(clearFilters(state));
                    }}
                  >
                    {t('search.clearFilters')}
                  </button>
                </li>
              </ul>
            </div>
          )}

          <div className="results-bar">
            <p role="status" className="results-total" id="results-total">
              {status}
            </p>
            {data && data.total > 0 && (
              <div className="field field-inline">
                <label htmlFor="search-sort">{t('search.sortLabel')}</label>
                <select
                  id="search-sort"
                  value={sort}
                  onChange={(e) => go(update(state, { sort: e.target.value }))}
                >
                  {sortValues
                    .filter((value) => value !== 'relevance' || state.q)
                    .map((value) => (
                      <option key={value} value={value}>
                        {t(`search.sort.${value}`)}
                      </option>
                    ))}
                </select>
              </div>
            )}
            <div className="field field-inline field-check">
              <input
                id="search-group"
                type="checkbox"
                checked={state.group === 'duplicates'}
                onChange={(e) => go(update(state, { group: e.target.checked ? 'duplicates' : '' }))}
                aria-describedby="search-group-hint"
              />
              <label htmlFor="search-group">{t('search.groupDuplicates')}</label>
              <p id="search-group-hint" className="hint small muted">{t('search.groupDuplicatesHint')}</p>
            </div>
            {data && data.total > 0 && (
              <DownloadLinks path="/api/v1/recommendations" query={toApiParams(state, locale)} list={t('exports.searchResults')} />
            )}
            {data && data.total > 0 && (
              <Link className="dashboards-link" to={`/${locale}/dashboards?${writeSearchState({ ...state, page: '', sort: '', group: '' })}`}>
                {t('dashboards.openFromSearch')}
              </Link>
            )}
          </div>

          {canAssign && selected.length > 0 && (
            <details className="assign-all assign-selected" onToggle={(e) => setSelectedOpen(e.currentTarget.open)}>
              <summary>{t('assign.selected', { number: formatNumber(selected.length, locale), count: selected.length })}</summary>
              <p>
                <button type="button" className="secondary" onClick={() => setSelected([])}>{t('assign.clearSelection')}</button>
              </p>
              {selectedOpen && (
                <Suspense fallback={<p role="status">{t('workspace.loadingList')}</p>}>
                  <AssignForm recommendationIds={selected} csrf={session.data!.csrf_token} idPrefix="assign-selected" />
                </Suspense>
              )}
            </details>
          )}

          {canAssign && session.data && data && data.total > 0 && (
            <details className="assign-all" onToggle={(e) => setAssignOpen(e.currentTarget.open)}>
              <summary>{t('assign.allMatching', { number: formatNumber(matches, locale) })}</summary>
              {assignOpen && (
                <Suspense fallback={<p role="status">{t('workspace.loadingList')}</p>}>
                  <AssignForm search={assignmentSearch(state)} csrf={session.data.csrf_token} idPrefix="assign-all" />
                </Suspense>
              )}
            </details>
          )}

          {search.isFetching && !search.isPending && (
            <p className="updating small muted" aria-hidden="true">{t('search.updating')}</p>
          )}

          {errorMessage !== null && (
            <div role="alert" className="alert alert-error">
              <p className="alert-title">{t('search.errorHeading')}</p>
              <p>{errorMessage}</p>
              {!(search.error instanceof ApiError && search.error.status < 500) && (
                <button type="button" className="secondary" onClick={() => void search.refetch()}>
                  {t('search.retry')}
                </button>
              )}
            </div>
          )}

          {data && data.total === 0 && (
            <div className="empty">
              <p className="empty-title">{t('search.empty')}</p>
              <p>{t('search.emptyHelp')}</p>
              {hasFilters(state) && (
                <button type="button" className="secondary" onClick={() => go(clearFilters(state))}>
                  {t('search.clearFilters')}
                </button>
              )}
            </div>
          )}

          {data && data.items.length > 0 && (
            <>
              {pages > 1 && (
                <p className="small muted">
                  {t('search.pageOf', { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}
                </p>
              )}
              <ol
                className="results"
                start={(page - 1) * (data.page_size || 20) + 1}
                aria-busy={search.isFetching || undefined}
                aria-describedby="results-total"
              >
                {data.items.map((item) => (
                  <li key={item.id} className={canAssign ? 'result-selectable' : undefined}>
                    {canAssign && (
                      <span className="result-select">
                        <span id={`select-label-${item.id}`} className="visually-hidden">{t('assign.selectOne')}</span>
                        <input
                          type="checkbox"
                          id={`select-${item.id}`}
                          aria-labelledby={`select-label-${item.id} result-${item.id}`}
                          checked={selected.includes(item.id)}
                          onChange={(e) => toggleSelected(item.id, e.target.checked)}
                        />
                      </span>
                    )}
                    <ResultItem item={item} locale={locale} />
                  </li>
                ))}
              </ol>
              <Pagination
                page={page}
                pages={pages}
                hrefFor={(n) => `?${writeSearchState(update(state, { page: String(n) }))}`}
                onNavigate={() => setFocusResults(true)}
              />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
