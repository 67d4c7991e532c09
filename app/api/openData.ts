/** The open datasets (GET /api/v1/open-data): licence, download addresses and data dictionary. */
import { request } from './http';

export type DatasetFormat = 'csv' | 'json' | 'xlsx';

export interface OpenDataIndex {
  licence: { name: string; url: string };
  datasets: {
    name: string;
    title: string;
    downloads: Record<DatasetFormat, string>;
    fields: { name: string; type: string; description: string }[];
  }[];
}

export function getOpenData(locale: string, signal?: AbortSignal) {
  return request<OpenDataIndex>('GET', '/api/v1/open-data', { locale, signal });
}
