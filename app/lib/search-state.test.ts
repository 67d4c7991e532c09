import { describe, expect, it } from 'vitest';
import {
  assignmentSearch, clearFilters, effectiveSort, pageNumber, readSearchState, toApiParams, toggleFilter, update, writeSearchState,
} from './search-state';

describe('search state in the URL', () => {
  it('round-trips through the query string', () => {
    const query = 'q=educaci%C3%B3n&lang=es&mechanism=UPR&mechanism=CRC&sdg=16.2&year_from=2010&year_to=2020&sort=date_asc&page=3';
    const state = readSearchState(new URLSearchParams(query));
    expect(state.q).toBe('educación');
    expect(state.filters.mechanism).toEqual(['UPR', 'CRC']);
    expect(pageNumber(state)).toBe(3);
    expect(writeSearchState(state).toString()).toBe(query);
  });

  it('maps to the API query with the locale and page size', () => {
    const state = readSearchState(new URLSearchParams('q=ni%C3%B1os&country=PRY&country=PRY'));
    expect(toApiParams(state, 'fr').toString()).toBe('q=ni%C3%B1os&locale=fr&country=PRY&page_size=20');
  });

  it('keeps the grouping of duplicates in the URL and the API query, and a change of it goes back to page 1', () => {
    const state = readSearchState(new URLSearchParams('q=tortura&group=duplicates&page=2'));
    expect(writeSearchState(state).toString()).toBe('q=tortura&group=duplicates&page=2');
    expect(toApiParams(state, 'es').get('group')).toBe('duplicates');
    expect(writeSearchState(update(state, { group: '' })).toString()).toBe('q=tortura');
  });

  it('goes back to page 1 when anything but the page changes', () => {
    const state = readSearchState(new URLSearchParams('page=4&theme=education'));
    expect(pageNumber(update(state, { page: '5' }))).toBe(5);
    const toggled = toggleFilter(state, 'theme', 'education');
    expect(toggled.filters.theme).toEqual([]);
    expect(writeSearchState(toggled).toString()).toBe('');
    expect(writeSearchState(toggleFilter(state, 'cycle', '2')).toString()).toBe('theme=education&cycle=2');
    expect(writeSearchState(clearFilters(readSearchState(new URLSearchParams('q=a&year_to=2000&position=noted'))))
      .toString()).toBe('q=a');
  });

  it('sorts by relevance only when there are words', () => {
    expect(effectiveSort(readSearchState(new URLSearchParams('q=a')))).toBe('relevance');
    expect(effectiveSort(readSearchState(new URLSearchParams('')))).toBe('date_desc');
    expect(effectiveSort(readSearchState(new URLSearchParams('sort=bogus')))).toBe('date_desc');
    const cleared = update(readSearchState(new URLSearchParams('q=a&sort=relevance')), { q: '' });
    expect(cleared.sort).toBe('');
  });

  it('treats a missing or bad page as page 1', () => {
    expect(pageNumber(readSearchState(new URLSearchParams('page=abc')))).toBe(1);
    expect(pageNumber(readSearchState(new URLSearchParams('')))).toBe(1);
  });
});

describe('assigning every match of a search', () => {
  it('sends the filters without paging or sorting, numbers as numbers, nonsense dropped', () => {
    const state = readSearchState(new URLSearchParams('q=agua&mechanism=UPR&cycle=3&cycle=x&year_from=2015&year_to=20x&page=2&sort=date_asc'));
    expect(assignmentSearch(state)).toEqual({
      q: 'agua',
      mechanism: ['UPR'], country: [], theme: [], affected: [], sdg: [], position: [], cycle: [3],
      year_from: 2015, year_to: undefined,
    });
  });
});
