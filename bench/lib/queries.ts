/**
 * The fixed query set of the search benchmark: what people type on the public
 * search page, with and without filters. Every request computes all facets
 * (the API always does). Do not tune this list to make numbers look good:
 * change it only when the product's real usage says otherwise.
 */
export interface BenchQuery {
  name: string;
  kind: 'keyword' | 'keyword+filter' | 'filter-only' | 'landing';
  /** Query string as the web app sends it (without locale). */
  params: [string, string][];
}

export const QUERIES: BenchQuery[] = [
  { name: 'landing', kind: 'landing', params: [] },
  { name: 'education', kind: 'keyword', params: [['q', 'education']] },
  { name: 'women violence', kind: 'keyword', params: [['q', 'women violence']] },
  { name: '"death penalty"', kind: 'keyword', params: [['q', '"death penalty"']] },
  { name: '"death penalty" OR torture -children', kind: 'keyword', params: [['q', '"death penalty" OR torture -children']] },
  { name: 'torture OR detention', kind: 'keyword', params: [['q', 'torture OR detention']] },
  { name: 'children -trafficking', kind: 'keyword', params: [['q', 'children -trafficking']] },
  { name: 'ratify convention', kind: 'keyword', params: [['q', 'ratify convention']] },
  { name: 'freedom of expression', kind: 'keyword', params: [['q', 'freedom of expression']] },
  { name: 'educación (Spanish UI, no lang)', kind: 'keyword', params: [['q', 'educación']] },
  { name: 'discrimination lang=en', kind: 'keyword', params: [['q', 'discrimination'], ['lang', 'en']] },
  { name: 'education country=PRY', kind: 'keyword+filter', params: [['q', 'education'], ['country', 'PRY']] },
  { name: 'women mechanism=UPR', kind: 'keyword+filter', params: [['q', 'women'], ['mechanism', 'UPR']] },
  { name: 'torture position=noted', kind: 'keyword+filter', params: [['q', 'torture'], ['position', 'noted']] },
  { name: 'ratify cycle=2', kind: 'keyword+filter', params: [['q', 'ratify'], ['cycle', '2']] },
  { name: 'education sdg=4', kind: 'keyword+filter', params: [['q', 'education'], ['sdg', '4']] },
  { name: 'rights country=MEX|COL', kind: 'keyword+filter', params: [['q', 'rights'], ['country', 'MEX'], ['country', 'COL']] },
  { name: 'country=PRY', kind: 'filter-only', params: [['country', 'PRY']] },
  { name: 'position=noted cycle=1', kind: 'filter-only', params: [['position', 'noted'], ['cycle', '1']] },
  { name: 'year 2012-2013', kind: 'filter-only', params: [['year_from', '2012'], ['year_to', '2013']] },
  { name: 'mechanism=UPR position=supported page 5', kind: 'filter-only', params: [['mechanism', 'UPR'], ['position', 'supported'], ['page', '5']] },
];

/** The query object as Fastify hands it to the route: repeated parameters become arrays. */
export function queryObject(params: [string, string][]): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[key] = [existing, value];
  }
  return result;
}

export function queryString(params: [string, string][]): string {
  return new URLSearchParams([...params, ['locale', 'en']]).toString();
}
