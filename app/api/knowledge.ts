/**
 * The API of the Network's knowledge hub and cooperation board (a hub only): the public search with
 * its facets, one resource, requests and offers of cooperation. Shapes from
 * shared/network/knowledge.ts, as types only.
 */
import type { z } from 'zod';
import type { cooperationSchema, moderationSchema, resourceInputSchema, resourceSchema, resourceSearchResultSchema } from '../../shared/network/knowledge';
import { apiUrl, request } from './http';

export type Resource = z.infer<typeof resourceSchema>;
export type ResourceSearchResult = z.infer<typeof resourceSearchResultSchema>;
export type Cooperation = z.infer<typeof cooperationSchema>;
/** The search's parameters as the page's address carries them (q, lang, kind, theme, mechanism, sdg, region, nmirf_type, page). */
export type ResourceQuery = Record<string, string>;

const base = '/api/v1/network';

export function searchResources(query: ResourceQuery, locale: string, signal?: AbortSignal) {
  return request<ResourceSearchResult>('GET', `${base}/hub/resources`, { locale, signal, query });
}

export function getResource(id: number | string, locale: string, signal?: AbortSignal) {
  return request<Resource>('GET', `${base}/hub/resources/${encodeURIComponent(id)}`, { locale, signal });
}

export function listCooperation(locale: string, signal?: AbortSignal) {
  return request<{ items: Cooperation[] }>('GET', `${base}/cooperation`, { locale, signal, query: { status: 'open' } });
}

/** The address of a resource's file. */
export const resourceFileUrl = (id: number) => apiUrl(`${base}/hub/files/${id}`);
/** The feed OHCHR's hub takes in. */
export const feedUrl = (format: 'json' | 'csv') => apiUrl(`${base}/hub/feed.${format}`);

export type ResourceInput = z.input<typeof resourceInputSchema>;
export type Moderation = z.input<typeof moderationSchema>;

export function contributeResource(input: ResourceInput, locale: string, csrf: string) {
  return request<Resource>('POST', `${base}/hub/resources`, { locale, csrf, body: input });
}

export function listSubmissions(locale: string, signal?: AbortSignal) {
  return request<{ items: Resource[] }>('GET', `${base}/hub/submissions`, { locale, signal });
}

export function moderateResource(id: number, input: Moderation, locale: string, csrf: string) {
  return request<Resource>('POST', `${base}/hub/resources/${id}/moderation`, { locale, csrf, body: input });
}
