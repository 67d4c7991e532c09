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
export type KeyLabel = RecommendationDetail['countries'][number];
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

export type Round = z.infer<typeof import('../../shared/rounds').roundSchema>;
export type RoundInput = z.input<typeof import('../../shared/rounds').roundInputSchema>;
export type RoundPatch = z.input<typeof import('../../shared/rounds').roundPatchSchema>;
export type RoundDashboard = z.infer<typeof import('../../shared/rounds').dashboardSchema>;
export type RoundProgress = z.infer<typeof import('../../shared/rounds').roundProgressSchema>;
export type RoundReportsDue = z.infer<typeof import('../../shared/rounds').reportsDueSchema>;
export type StatusScales = z.infer<typeof import('../../shared/status').scalesSchema>;
export type RecommendationStatus = z.infer<typeof import('../../shared/status').recommendationStatusSchema>;
export type Assessment = z.infer<typeof import('../../shared/status').assessmentSchema>;
export type AssessmentInput = z.infer<typeof import('../../shared/status').assessmentInputSchema>;
export type Indicator = z.infer<typeof import('../../shared/indicators').indicatorSchema>;
export type IndicatorDetail = z.infer<typeof import('../../shared/indicators').indicatorDetailSchema>;
export type Measurement = z.infer<typeof import('../../shared/indicators').measurementSchema>;
export type MeasurementInput = z.input<typeof import('../../shared/indicators').measurementInputSchema>;

export type { ImportReport } from '../../shared/imports';
export type { ChangeEntry, ChangeLog, HistoryEntity } from '../../shared/history';
export type Obligation = z.infer<typeof import('../../shared/obligations').obligationSchema>;
export type ObligationList = z.infer<typeof import('../../shared/obligations').obligationListSchema>;
export type ObligationInput = z.input<typeof import('../../shared/obligations').obligationInputSchema>;
export type ObligationPatch = z.input<typeof import('../../shared/obligations').obligationPatchSchema>;
export type FollowUpInput = z.input<typeof import('../../shared/obligations').followUpInputSchema>;
export type Ratification = z.infer<typeof import('../../shared/obligations').ratificationSchema>;
export type RatificationPatch = z.input<typeof import('../../shared/obligations').ratificationPatchSchema>;
export type ObligationKind = import('../../shared/obligations').ObligationKind;
export type ObligationStatus = import('../../shared/obligations').ObligationStatus;
