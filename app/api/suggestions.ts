/** Label suggestions: a recommendation's suggestions, a decision on one, the review queue and the bulk accept of the high band. */
import type { z } from 'zod';
import type { BulkAccept, BulkAcceptInput, suggestionDecisionSchema, SuggestionField, SuggestionQueue } from '../../shared/suggestions';
import type { RecommendationSuggestions } from '../../shared/suggestions';
import { request } from './http';

export type { BulkAccept, RecommendationSuggestions, Suggestion, SuggestionField, SuggestionModel, SuggestionQueue } from '../../shared/suggestions';
export type SuggestionDecision = z.infer<typeof suggestionDecisionSchema>;

export interface QueueFilters {
  field: SuggestionField | '';
  band: 'high' | 'medium' | '';
  mechanism: string;
  q: string;
  page: number;
}

export function getSuggestionQueue(filters: QueueFilters, locale: string, signal?: AbortSignal) {
  return request<SuggestionQueue>('GET', '/api/v1/suggestions', {
    locale, signal,
    query: { field: filters.field || undefined, band: filters.band || undefined, mechanism: filters.mechanism || undefined, q: filters.q || undefined, page: filters.page },
  });
}

export function getSuggestions(id: number, locale: string, signal?: AbortSignal) {
  return request<RecommendationSuggestions>('GET', `/api/v1/recommendations/${id}/suggestions`, { locale, signal });
}

export function decideSuggestion(id: number, field: SuggestionField, key: string, decision: 'accept' | 'reject', modelVersion: number, locale: string, csrf: string) {
  return request<SuggestionDecision>('POST', `/api/v1/recommendations/${id}/suggestions/${field}/${encodeURIComponent(key)}/${decision}`, {
    locale, csrf, body: { model_version: modelVersion },
  });
}

export function acceptHighBand(input: Omit<BulkAcceptInput, 'preview'> & { preview: boolean }, locale: string, csrf: string) {
  return request<BulkAccept>('POST', '/api/v1/suggestions/accept-high', { locale, csrf, body: input });
}
