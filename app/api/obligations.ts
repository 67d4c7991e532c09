/**
 * The reporting obligations API: the State's calendar (public), the
 * secretariat's edits, follow-up flags and ratifications. Same conventions as
 * workspace.ts (locale on every call, CSRF on every write).
 */
import type {
  FollowUpInput, Obligation, ObligationInput, ObligationKind, ObligationList, ObligationPatch, ObligationStatus, Ratification,
  RatificationPatch,
} from './types';
import { request } from './http';

export interface ObligationFilters {
  status?: ObligationStatus;
  kind?: ObligationKind;
  recommendation_id?: number;
}

export function listObligations(filters: ObligationFilters, locale: string, signal?: AbortSignal) {
  return request<ObligationList>('GET', '/api/v1/obligations', { locale, signal, query: { ...filters } });
}

/** The iCalendar feed with the same filters, as an absolute address that calendar apps can subscribe to. */
export function calendarFeedUrl(filters: ObligationFilters, locale: string): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.kind) params.set('kind', filters.kind);
  params.set('locale', locale);
  return new URL(`/api/v1/obligations.ics?${params}`, window.location.origin).href;
}

export function getObligation(id: number | string, locale: string, signal?: AbortSignal) {
  return request<Obligation>('GET', `/api/v1/obligations/${encodeURIComponent(id)}`, { locale, signal });
}

export function createObligation(input: ObligationInput, locale: string, csrf: string) {
  return request<Obligation>('POST', '/api/v1/obligations', { locale, csrf, body: input });
}

export function updateObligation(id: number, patch: ObligationPatch, locale: string, csrf: string) {
  return request<Obligation>('PATCH', `/api/v1/obligations/${id}`, { locale, csrf, body: patch });
}

/** `metOn` null reopens the obligation. */
export function setObligationMet(id: number, metOn: string | null, version: number, locale: string, csrf: string) {
  return request<Obligation>('POST', `/api/v1/obligations/${id}/met`, { locale, csrf, body: { met_on: metOn, version } });
}

export function flagFollowUp(input: FollowUpInput, locale: string, csrf: string) {
  return request<Obligation>('POST', '/api/v1/obligations/follow-up', { locale, csrf, body: input });
}

export function listRatifications(locale: string, signal?: AbortSignal) {
  return request<{ state: string; items: Ratification[] }>('GET', '/api/v1/ratifications', { locale, signal });
}

export function updateRatification(instrument: string, patch: RatificationPatch, locale: string, csrf: string) {
  return request<Ratification>('PATCH', `/api/v1/ratifications/${encodeURIComponent(instrument)}`, { locale, csrf, body: patch });
}
