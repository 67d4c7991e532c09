/** The hub's view of the States publishing to the Network: their timeliness, and the open data of what they published. */
import type { Timeliness } from '../../shared/network/timeliness';
import type { SimilarAnswer, SimilarItem } from '../../shared/network/similar';
import { request } from './http';

export type { SimilarAnswer, SimilarItem, Timeliness };
export type TimelinessRow = Timeliness['items'][number];

export function getTimeliness(locale: string, signal?: AbortSignal) {
  return request<Timeliness>('GET', '/api/v1/network/timeliness', { locale, signal });
}

/** The open data of the hub: a dataset of what every State published, as harvested. */
export const hubOpenDataUrl = (dataset: string, format: 'csv' | 'json' | 'xlsx') => `/api/v1/network/open-data/${dataset}.${format}`;

/** How other States acted on recommendations like this one (the hub's answer, passed on by this instance; empty when the hub is away). */
export function getNetworkSimilar(id: number, locale: string, signal?: AbortSignal) {
  return request<{ available: boolean; items: SimilarItem[] }>('GET', `/api/v1/recommendations/${id}/network-similar`, { locale, signal });
}

export type SimilarSearch = { text?: string; uhri?: string; region?: string; mechanism?: string; status?: 'implemented' };

/** The hub's similar recommendations across States. */
export function getSimilarAcrossStates(search: SimilarSearch, locale: string, signal?: AbortSignal) {
  return request<SimilarAnswer>('GET', '/api/v1/network/similar', { locale, signal, query: { ...search } });
}
