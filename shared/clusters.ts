/**
 * The instance's clusters for reports: headings (named in es/en/fr/pt, in the secretariat's
 * order) that recommendations are grouped under in matrices and State reports. Each
 * recommendation sits in one cluster at most; an unclustered one gets suggested clusters,
 * which a person accepts (never applied on their own).
 */
import { z } from 'zod';
import { localeSchema } from './i18n/schema';
import { LIMITS } from './limits';

/** How many recommendations one move may carry. */
export const MAX_CLUSTER_MOVE = 500;
/** Recommendations per page of the clustering list. */
export const CLUSTER_PAGE_SIZE = 25;
/** Suggested clusters shown per recommendation, best first. */
export const CLUSTER_SUGGESTIONS = 3;

const clusterNames = z.partialRecord(localeSchema, z.string().trim().max(LIMITS.localizedName.max))
  .refine((label) => Object.values(label).some((text) => text && text.length > 0), { message: 'a name in at least one language' });

export const clusterSchema = z.object({
  id: z.number().int(),
  /** The name in the requested language (with fallbacks). */
  name: z.string(),
  /** The name in each language it has. */
  label: z.record(z.string(), z.string()),
  /** 1 for the first heading of a report. */
  position: z.number().int(),
  /** How many recommendations sit in it. */
  members: z.number().int(),
  version: z.number().int(),
});
export type Cluster = z.infer<typeof clusterSchema>;

export const clusterListSchema = z.object({
  items: z.array(clusterSchema),
  /** Recommendations in no cluster. */
  unclustered: z.number().int(),
});

export const clusterCreateSchema = z.object({
  label: clusterNames,
  /** Where it goes (1 = first); at the end without it. */
  position: z.number().int().min(1).optional(),
});

export const clusterUpdateSchema = z.object({
  version: z.number().int().min(1),
  label: clusterNames.optional(),
  /** Its new place in the order (1 = first); the others shift. */
  position: z.number().int().min(1).optional(),
});

export const clusterDeleteSchema = z.object({
  version: z.number().int().min(1),
  /** Where its recommendations go; without it, only an empty cluster is deleted. */
  move_to: z.number().int().positive().optional(),
});

const ids = z.array(z.number().int().positive()).min(1).max(MAX_CLUSTER_MOVE);

/** Puts recommendations into a cluster (from wherever they were). */
export const clusterMoveSchema = z.object({ recommendation_ids: ids });
/** Takes recommendations out of their cluster. */
export const clusterReleaseSchema = z.object({ recommendation_ids: ids });
export const clusterMoveResultSchema = z.object({ moved: z.number().int(), unchanged: z.number().int() });

/** Accepts the suggestion to put an unclustered recommendation into this cluster. */
export const clusterAcceptSchema = z.object({ recommendation_id: z.number().int().positive() });

/** The recommendations the clustering page lists: in one cluster, in none, or every one; optionally narrowed by a search. */
export const clusterRecommendationsQuerySchema = z.object({
  /** A cluster's id, `none` (unclustered) or `any`. */
  cluster: z.union([z.literal('none'), z.literal('any'), z.coerce.number().int().positive()]).default('any'),
  q: z.string().trim().max(500).optional(),
  mechanism: z.string().trim().min(1).max(120).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  locale: localeSchema.optional(),
});
export type ClusterRecommendationsQuery = z.input<typeof clusterRecommendationsQuerySchema>;

export const clusterSuggestionSchema = z.object({
  cluster_id: z.number().int(),
  name: z.string(),
  /** 0–1: how strongly the recommendation's themes (confirmed, or as the label model scores them) and its links to members point to the cluster. */
  score: z.number(),
  /** Why: the themes it shares with the cluster's members, and the closest linked member. */
  themes: z.array(z.string()),
  linked: z.object({ id: z.number().int(), citation: z.string(), similarity: z.number() }).nullable(),
});
export type ClusterSuggestion = z.infer<typeof clusterSuggestionSchema>;

export const clusterRecommendationSchema = z.object({
  id: z.number().int(),
  citation: z.string(),
  text: z.string(),
  primary_theme: z.string().nullable(),
  cluster: z.object({ id: z.number().int(), name: z.string(), source: z.enum(['manual', 'suggestion']) }).nullable(),
  /** For an unclustered recommendation: the clusters suggested for it, best first. */
  suggestions: z.array(clusterSuggestionSchema),
});
export type ClusterRecommendation = z.infer<typeof clusterRecommendationSchema>;

export const clusterRecommendationsSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  items: z.array(clusterRecommendationSchema),
});
export type ClusterRecommendations = z.infer<typeof clusterRecommendationsSchema>;
