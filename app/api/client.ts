/** The public recommendations API. */
import { request } from './http';
import type { RecommendationDetail, SearchResponse } from './types';

export function searchRecommendations(params: URLSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return request<SearchResponse>('GET', '/api/v1/recommendations', { query: params, signal });
}

export function getRecommendation(id: string, locale: string, signal?: AbortSignal): Promise<RecommendationDetail> {
  return request<RecommendationDetail>('GET', `/api/v1/recommendations/${encodeURIComponent(id)}`, { locale, signal });
}
