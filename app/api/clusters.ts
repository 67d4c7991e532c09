/**
 * The clusters for reports: the instance's headings, the recommendations in them, suggested
 * clusters and moves. Type-only imports of the contract: nothing of zod reaches the browser bundle.
 */
import type { z } from 'zod';
import type { ClusterRecommendations, clusterListSchema } from '../../shared/clusters';
import { request } from './http';

export type { Cluster, ClusterRecommendation, ClusterRecommendations, ClusterSuggestion } from '../../shared/clusters';
export type ClusterList = z.infer<typeof clusterListSchema>;
/** Which recommendations the page lists: one cluster's (its id), those in none, or every one. */
export type ClusterFilter = number | 'none' | 'any';
type Names = Partial<Record<string, string>>;
interface Moved { moved: number; unchanged: number }

export function listClusters(locale: string, signal?: AbortSignal) {
  return request<ClusterList>('GET', '/api/v1/report-clusters', { locale, signal });
}

export function createCluster(label: Names, locale: string, csrf: string) {
  return request<unknown>('POST', '/api/v1/report-clusters', { locale, csrf, body: { label } });
}

export function updateCluster(id: number, input: { version: number; label?: Names; position?: number }, locale: string, csrf: string) {
  return request<unknown>('PATCH', `/api/v1/report-clusters/${id}`, { locale, csrf, body: input });
}

export function deleteCluster(id: number, input: { version: number; move_to?: number }, locale: string, csrf: string) {
  return request<null>('DELETE', `/api/v1/report-clusters/${id}`, { locale, csrf, body: input });
}

export function clusterRecommendations(filter: { cluster: ClusterFilter; q: string; page: number }, locale: string, signal?: AbortSignal) {
  const query: Record<string, string> = { cluster: String(filter.cluster), page: String(filter.page) };
  if (filter.q) query.q = filter.q;
  return request<ClusterRecommendations>('GET', '/api/v1/report-clusters/recommendations', { locale, signal, query });
}

export function moveToCluster(clusterId: number, ids: number[], locale: string, csrf: string) {
  return request<Moved>('POST', `/api/v1/report-clusters/${clusterId}/members`, { locale, csrf, body: { recommendation_ids: ids } });
}

export function releaseFromCluster(ids: number[], locale: string, csrf: string) {
  return request<Moved>('POST', '/api/v1/report-clusters/release', { locale, csrf, body: { recommendation_ids: ids } });
}

export function acceptClusterSuggestion(clusterId: number, recommendationId: number, locale: string, csrf: string) {
  return request<Moved>('POST', `/api/v1/report-clusters/${clusterId}/accept`, { locale, csrf, body: { recommendation_id: recommendationId } });
}
