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

export type { ActionDetail, ActionSummary } from '../../shared/actions';
export type ActionList = z.infer<typeof import('../../shared/actions').actionListSchema>;
export type ActionInput = z.infer<typeof import('../../shared/actions').actionInputSchema>;
export type ActionPatch = z.infer<typeof import('../../shared/actions').actionPatchSchema>;
export type Evidence = z.infer<typeof import('../../shared/actions').evidenceSchema>;
export type HistoryEntry = z.infer<typeof import('../../shared/actions').transitionSchema>;
export type Queue = z.infer<typeof import('../../shared/assignments').queueSchema>;
export type QueueItem = Queue['items'][number];
export type AssignInput = z.infer<typeof import('../../shared/assignments').assignInputSchema>;
export type AssignResult = z.infer<typeof import('../../shared/assignments').assignResultSchema>;
export type { Institution } from '../../shared/institutions';
