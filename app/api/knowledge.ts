/**
 * The API of the Network's knowledge hub and cooperation board (a hub only): the public search with
 * its facets, one resource, requests and offers of cooperation. Shapes from
 * shared/network/knowledge.ts, as types only.
 */
import type { z } from 'zod';
import type {
  agreementInputSchema, agreementPatchSchema, cooperationDetailSchema, cooperationInputSchema, cooperationResponseInputSchema, cooperationSchema, cooperationStatusSchema, hubTagsSchema,
  moderationSchema, resourceInputSchema, resourcePatchSchema, resourceSchema, resourceSearchResultSchema, submissionSchema,
} from '../../shared/network/knowledge';
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

/** The requests and offers of cooperation, newest first: the open ones, or all of them. */
export function listCooperation(locale: string, status: 'open' | 'all', signal?: AbortSignal) {
  return request<{ items: Cooperation[] }>('GET', `${base}/cooperation`, { locale, signal, query: status === 'open' ? { status } : {} });
}

export type HubTags = z.infer<typeof hubTagsSchema>;

/** The themes and mechanisms a contribution may be tagged with, named in `locale`. */
export function getHubTags(locale: string, signal?: AbortSignal) {
  return request<HubTags>('GET', `${base}/hub/tags`, { locale, signal });
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

export type Submission = z.infer<typeof submissionSchema>;

export function listSubmissions(locale: string, signal?: AbortSignal) {
  return request<{ items: Submission[] }>('GET', `${base}/hub/submissions`, { locale, signal });
}

export type ResourcePatch = z.input<typeof resourcePatchSchema>;

export function editResource(id: number, patch: ResourcePatch, locale: string, csrf: string) {
  return request<Resource>('PATCH', `${base}/hub/resources/${id}`, { locale, csrf, body: patch });
}

/** A draft or a returned contribution goes (again) to the hub secretariat. */
export function submitResource(id: number, version: number, locale: string, csrf: string) {
  return request<Resource>('POST', `${base}/hub/resources/${id}/submit`, { locale, csrf, body: { version } });
}

export type CooperationDetail = z.infer<typeof cooperationDetailSchema>;
export type CooperationInput = z.input<typeof cooperationInputSchema>;
export type AgreementInput = z.input<typeof agreementInputSchema>;

export function getCooperation(id: number, locale: string, signal?: AbortSignal) {
  return request<CooperationDetail>('GET', `${base}/cooperation/${id}`, { locale, signal });
}

export function postCooperation(input: CooperationInput, locale: string, csrf: string) {
  return request<CooperationDetail>('POST', `${base}/cooperation`, { locale, csrf, body: input });
}

export function respondToCooperation(id: number, input: z.input<typeof cooperationResponseInputSchema>, locale: string, csrf: string) {
  return request<{ id: number }>('POST', `${base}/cooperation/${id}/responses`, { locale, csrf, body: input });
}

export function setCooperationStatus(id: number, input: z.input<typeof cooperationStatusSchema>, locale: string, csrf: string) {
  return request<CooperationDetail>('POST', `${base}/cooperation/${id}/status`, { locale, csrf, body: input });
}

export function recordAgreement(id: number, input: AgreementInput, locale: string, csrf: string) {
  return request<CooperationDetail>('POST', `${base}/cooperation/${id}/agreements`, { locale, csrf, body: input });
}

/** Changes an agreement's status, on the version read (409 when someone changed it meanwhile). */
export function updateAgreement(id: number, input: z.input<typeof agreementPatchSchema>, locale: string, csrf: string) {
  return request<CooperationDetail>('PATCH', `${base}/cooperation-agreements/${id}`, { locale, csrf, body: input });
}

export function moderateResource(id: number, input: Moderation, locale: string, csrf: string) {
  return request<Resource>('POST', `${base}/hub/resources/${id}/moderation`, { locale, csrf, body: input });
}
