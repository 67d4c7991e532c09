/**
 * The whole search state lives in the page's query string, so that a URL can
 * be shared and back/forward work. This module reads and writes it, and maps
 * it to the API's query parameters. Values are passed to the API as written:
 * the API validates them and answers a translated message when one is wrong.
 */
import { locales } from '../../shared/i18n/languages';

export const multiFilters = ['mechanism', 'country', 'theme', 'affected', 'sdg', 'position', 'cycle'] as const;
export type MultiFilter = (typeof multiFilters)[number];

export const sortValues = ['relevance', 'date_desc', 'date_asc'] as const;
export type Sort = (typeof sortValues)[number];

/** Languages the full-text search can be restricted to ("" means any). */
export const searchLanguages = locales;

export const PAGE_SIZE = 20;

export interface SearchState {
  q: string;
  lang: string;
  filters: Record<MultiFilter, string[]>;
  yearFrom: string;
  yearTo: string;
  /** As written in the URL; see pageNumber(). */
  page: string;
  sort: string;
  /** 'duplicates': each group of duplicates shown once; '' the recommendations one by one. */
  group: string;
}

function emptyFilters(): Record<MultiFilter, string[]> {
  return Object.fromEntries(multiFilters.map((name) => [name, []])) as unknown as Record<MultiFilter, string[]>;
}

export function readSearchState(params: URLSearchParams): SearchState {
  const filters = emptyFilters();
  for (const name of multiFilters) {
    filters[name] = [...new Set(params.getAll(name).map((v) => v.trim()).filter(Boolean))];
  }
  return {
    q: params.get('q')?.trim() ?? '',
    lang: params.get('lang')?.trim() ?? '',
    filters,
    yearFrom: params.get('year_from')?.trim() ?? '',
    yearTo: params.get('year_to')?.trim() ?? '',
    page: params.get('page')?.trim() ?? '',
    sort: params.get('sort')?.trim() ?? '',
    group: params.get('group')?.trim() ?? '',
  };
}

/** The page's query string for a state, in a stable order, without empty values. */
export function writeSearchState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.lang) params.set('lang', state.lang);
  for (const name of multiFilters) for (const value of state.filters[name]) params.append(name, value);
  if (state.yearFrom) params.set('year_from', state.yearFrom);
  if (state.yearTo) params.set('year_to', state.yearTo);
  if (state.sort) params.set('sort', state.sort);
  if (state.group) params.set('group', state.group);
  if (state.page && state.page !== '1') params.set('page', state.page);
  return params;
}

/** The API query for a state; `locale` makes labels and messages come back translated. */
export function toApiParams(state: SearchState, locale: string, pageSize = PAGE_SIZE): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.lang) params.set('lang', state.lang);
  params.set('locale', locale);
  for (const name of multiFilters) for (const value of state.filters[name]) params.append(name, value);
  if (state.yearFrom) params.set('year_from', state.yearFrom);
  if (state.yearTo) params.set('year_to', state.yearTo);
  if (state.page) params.set('page', state.page);
  params.set('page_size', String(pageSize));
  if (state.sort) params.set('sort', state.sort);
  if (state.group) params.set('group', state.group);
  return params;
}

export function pageNumber(state: SearchState): number {
  const page = Number(state.page);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The sort the API applies: the one asked for, else relevance with words, else newest first. */
export function effectiveSort(state: SearchState): Sort {
  if ((sortValues as readonly string[]).includes(state.sort)) return state.sort as Sort;
  return state.q ? 'relevance' : 'date_desc';
}

export function hasFilters(state: SearchState): boolean {
  return multiFilters.some((name) => state.filters[name].length > 0) || !!state.yearFrom || !!state.yearTo;
}

/** A changed state; any change other than the page itself goes back to page 1. */
export function update(state: SearchState, patch: Partial<SearchState>): SearchState {
  const next = { ...state, filters: { ...state.filters }, ...patch };
  if (!('page' in patch)) next.page = '';
  // Relevance means nothing without words to search for.
  if (!next.q && next.sort === 'relevance') next.sort = '';
  return next;
}

export function toggleFilter(state: SearchState, name: MultiFilter, value: string): SearchState {
  const current = state.filters[name];
  const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return update(state, { filters: { ...state.filters, [name]: values } });
}

export function clearFilters(state: SearchState): SearchState {
  return update(state, { filters: emptyFilters(), yearFrom: '', yearTo: '' });
}

/**
 * The filters of a search as the assignment API takes them, to assign every
 * match at once: the same filters as the search, without paging or sorting.
 */
export function assignmentSearch(state: SearchState) {
  const cycles = state.filters.cycle.map(Number).filter((n) => Number.isInteger(n));
  const year = (value: string) => (/^\d{4}$/.test(value) ? Number(value) : undefined);
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(state.lang ? { lang: state.lang as 'es' | 'en' | 'fr' | 'pt' } : {}),
    mechanism: state.filters.mechanism,
    country: state.filters.country,
    theme: state.filters.theme,
    affected: state.filters.affected,
    sdg: state.filters.sdg,
    position: state.filters.position as ('supported' | 'noted' | 'supported_in_part')[],
    cycle: cycles,
    year_from: year(state.yearFrom),
    year_to: year(state.yearTo),
  };
}
