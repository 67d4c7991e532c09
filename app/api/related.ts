/** Related recommendations: duplicates, recurrences and similar ones, and the secretariat's decision on a link. */
import type { z } from 'zod';
import type { linkDecisionSchema, Related } from '../../shared/related';
import { request } from './http';

export type { Related, RecurrenceItem, RelatedItem } from '../../shared/related';
export type LinkDecision = z.infer<typeof linkDecisionSchema>;

export function getRelated(id: number, locale: string, signal?: AbortSignal) {
  return request<Related>('GET', `/api/v1/recommendations/${id}/related`, { locale, signal });
}

export function decideRelated(id: number, otherId: number, decision: 'confirm' | 'reject', version: number, locale: string, csrf: string) {
  return request<LinkDecision>('POST', `/api/v1/recommendations/${id}/related/${otherId}/${decision}`, { locale, csrf, body: { version } });
}
