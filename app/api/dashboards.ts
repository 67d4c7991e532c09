/** The public dashboard API: aggregate counts over what a search matches. */
import type { Dashboard } from '../../shared/dashboards';
import { request } from './http';

export type { Dashboard };

/** `params`: the search's own API parameters (the same filters; paging is ignored). */
export function getDashboard(params: URLSearchParams, locale: string, signal?: AbortSignal): Promise<Dashboard> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of params) if (name !== 'locale') (query[name] ??= []).push(value);
  return request<Dashboard>('GET', '/api/v1/public/dashboard', { locale, signal, query });
}
