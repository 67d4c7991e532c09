/**
 * The public recommendations API. ApiError, NetworkError and shouldRetry are
 * re-exported from ./http for the pages that still import them from here.
 */
import { request } from './http';
import type { RecommendationDetail, SearchResponse } from './types';

export { ApiError, NetworkError, shouldRetry } from './http';

export function searchRecommendations(params: URLSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return request<SearchResponse>('GET', '/api/v1/recommendations', { query: params, signal });
}

export function getRecommendation(id: string, locale: string, signal?: AbortSignal): Promise<RecommendationDetail> {
  return request<RecommendationDetail>('GET', `/api/v1/recommendations/${encodeURIComponent(id)}`, { locale, signal });
}
