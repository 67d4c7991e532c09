/**
 * The shapes of the public recommendations API, taken from the contract the
 * server validates against (shared/recommendations.ts). Type-only imports:
 * nothing of zod reaches the browser bundle.
 */
import type { Facet, RecommendationDetail, SearchResponse } from '../../shared/recommendations';
import type { z } from 'zod';
import type { errorSchema } from '../../shared/recommendations';

export type { RecommendationDetail, SearchResponse };
export type FacetName = Facet;
export type RecommendationSummary = SearchResponse['items'][number];
export type FacetValue = SearchResponse['facets'][Facet][number];
export type KeyLabel = RecommendationDetail['mechanism'];
export type ApiErrorBody = z.infer<typeof errorSchema>;
