/** The recommendation search contract, shared by the API and the web app. */
import { z } from 'zod';
import { locales } from './i18n/languages';
import { LIMITS } from './limits';

/** The languages recommendations' texts are kept and searched in: the one language list. */
export const CONTENT_LANGUAGES = locales;
export const POSITIONS = ['supported', 'noted', 'supported_in_part'] as const;
export const KINDS = ['recommendation', 'observation', 'pledge', 'operative_point'] as const;
export const SORTS = ['relevance', 'date_desc', 'date_asc'] as const;
/** `duplicates`: each group of recommendations linked as duplicates (the same ask in one review or document) shown once. */
export const GROUPINGS = ['duplicates'] as const;
export const FACETS = ['mechanism', 'country', 'theme', 'affected', 'sdg', 'position', 'cycle', 'year'] as const;
export type Facet = (typeof FACETS)[number];

export const SEARCH_LIMITS = {
  maxQueryLength: LIMITS.search.query,
  maxPageSize: 100,
  defaultPageSize: 20,
  /** Deep offsets cost the database more than they help a reader. */
  maxResultWindow: 10_000,
  maxFilterValues: 50,
} as const;

/** A query parameter that may repeat (`?country=PRY&country=URY`). */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item).max(SEARCH_LIMITS.maxFilterValues));

const year = z.coerce.number().int().min(LIMITS.search.year.min).max(LIMITS.search.year.max);

export const searchQuerySchema = z.object({
  q: z.string().trim().max(SEARCH_LIMITS.maxQueryLength).optional(),
  lang: z.enum(CONTENT_LANGUAGES).optional(),
  locale: z.enum(CONTENT_LANGUAGES).optional(),
  mechanism: many(z.string().trim().min(1).max(120).transform((v) => v.toUpperCase())),
  country: many(z.string().trim().regex(/^[A-Za-z]{3}$/).transform((v) => v.toUpperCase())),
  theme: many(z.string().trim().min(1).max(200)),
  affected: many(z.string().trim().min(1).max(200)),
  sdg: many(z.string().trim().regex(/^\d{1,2}(\.[0-9a-z]{1,2})?$/)),
  position: many(z.enum(POSITIONS)),
  cycle: many(z.coerce.number().int().min(1).max(20)),
  year_from: year.optional(),
  year_to: year.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(SEARCH_LIMITS.maxPageSize).default(SEARCH_LIMITS.defaultPageSize),
  sort: z.enum(SORTS).optional(),
  group: z.enum(GROUPINGS).optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

const labelled = z.object({ key: z.string(), label: z.string() });
/** A mechanism's `short` is its acronym in the reader's language (CIDH in Spanish, IACHR in English), null without one. */
const mechanismLabelled = labelled.extend({ short: z.string().nullable() });
const facetValue = labelled.extend({ count: z.number().int(), short: z.string().nullable().optional() });

export const searchItemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(KINDS),
  mechanism: mechanismLabelled,
  countries: z.array(labelled),
  symbol: z.string().nullable(),
  paragraph: z.string().nullable(),
  date: z.string().nullable(),
  year: z.number().int().nullable(),
  cycle: z.number().int().nullable(),
  session: z.number().int().nullable(),
  position: z.enum(POSITIONS).nullable(),
  language: z.string(),
  /** HTML: all text escaped, matches wrapped in <mark>…</mark>. */
  snippet: z.string(),
  text: z.string(),
  /**
   * With `group=duplicates` only: the group this recommendation stands for (it is the group's first member in the
   * search's order). `size`: its members (this one included); `matching`: those among the search's matches;
   * `others`: the other members, best first.
   */
  duplicates: z.object({
    size: z.number().int(),
    matching: z.number().int(),
    others: z.array(z.object({
      id: z.number().int(), symbol: z.string().nullable(), paragraph: z.string().nullable(),
      recommending_states: z.array(labelled), matches: z.boolean(),
    })),
  }).optional(),
});

export const searchResponseSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(searchItemSchema),
  /** With `group=duplicates` only: `total` counts groups; this counts the recommendations they gather (what the facets count). */
  grouped: z.object({ by: z.enum(GROUPINGS), recommendations: z.number().int() }).optional(),
  facets: z.object(Object.fromEntries(FACETS.map((f) => [f, z.array(facetValue)])) as Record<Facet, z.ZodArray<typeof facetValue>>),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const recommendationDetailSchema = z.object({
  id: z.number().int(),
  kind: z.enum(KINDS),
  mechanism: mechanismLabelled,
  countries: z.array(labelled),
  symbol: z.string().nullable(),
  paragraph: z.string().nullable(),
  date: z.string().nullable(),
  year: z.number().int().nullable(),
  cycle: z.number().int().nullable(),
  session: z.number().int().nullable(),
  position: z.enum(POSITIONS).nullable(),
  position_source: z.string().nullable(),
  language: z.string(),
  texts: z.record(z.string(), z.object({ text: z.string(), status: z.string() })),
  recommending_states: z.array(labelled),
  themes: z.array(labelled),
  affected: z.array(labelled),
  sdg_goals: z.array(labelled),
  sdg_targets: z.array(labelled),
  upr_info_issues: z.array(labelled),
  upr_info_action: z.number().int().nullable(),
  external_ids: z.array(z.object({ scheme: z.string(), value: z.string() })),
  labels: z.array(z.object({ vocabulary: z.string(), key: z.string(), provenance: z.string(), source_label: z.string().nullable() })),
  version: z.number().int(),
  updated_at: z.string(),
});
export type RecommendationDetail = z.infer<typeof recommendationDetailSchema>;

export const errorSchema = z.object({ error: z.string(), message: z.string() });
