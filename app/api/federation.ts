/** The hub's view of the States publishing to the Network: their timeliness, and the open data of what they published. */
import type { Timeliness } from '../../shared/network/timeliness';
import { request } from './http';

export type { Timeliness };
export type TimelinessRow = Timeliness['items'][number];

export function getTimeliness(locale: string, signal?: AbortSignal) {
  return request<Timeliness>('GET', '/api/v1/network/timeliness', { locale, signal });
}

/** The open data of the hub: a dataset of what every State published, as harvested. */
export const hubOpenDataUrl = (dataset: string, format: 'csv' | 'json' | 'xlsx') => `/api/v1/network/open-data/${dataset}.${format}`;
