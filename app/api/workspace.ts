/**
 * The workspace API: institutions, assignments and their queues, action
 * reports, their evidence and their validation chain. Every write carries the
 * session's CSRF token; every call sends the UI locale so that error messages
 * come back in the reader's language.
 */
import { ApiError, NetworkError } from './client';
import type {
  ActionDetail, ActionInput, ActionList, ActionPatch, AssignInput, AssignResult, Institution, Queue,
} from './types';
import type { TransitionName } from '../../shared/workflows/action-review';

export interface RequestOptions {
  locale: string;
  csrf?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  query?: Record<string, string | number | (string | number)[] | undefined>;
  signal?: AbortSignal;
}

function url(path: string, options: RequestOptions): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value === undefined) continue;
    for (const one of [value].flat()) params.append(name, String(one));
  }
  params.set('locale', options.locale);
  return `${path}?${params}`;
}

/** One call of the API; error answers become ApiError with the server's localized message. */
export async function request<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  let response: Response;
  try {
    response = await fetch(url(path, options), {
      method,
      headers,
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  // An empty answer (204) is null.
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch (error) {
    if (response.ok) throw new NetworkError(error);
  }
  if (!response.ok) {
    const err = body as ({ error?: unknown; message?: unknown } & Record<string, unknown>) | null;
    if (err && typeof err.message === 'string') {
      const { error: code, message, ...details } = err;
      throw new ApiError(response.status, String(code ?? 'error'), message, details);
    }
    throw new ApiError(response.status, 'http_error', response.statusText || `HTTP ${response.status}`);
  }
  return body as T;
}

// Institutions and assignments

export function listInstitutions(locale: string, signal?: AbortSignal) {
  return request<{ items: Institution[] }>('GET', '/api/v1/institutions', { locale, signal });
}

export function getQueue(institutionId: number, locale: string, page = 1, pageSize = 100, signal?: AbortSignal) {
  return request<Queue>('GET', `/api/v1/institutions/${institutionId}/assignments`, {
    locale, signal, query: { page, page_size: pageSize },
  });
}

export function assign(input: AssignInput, locale: string, csrf: string) {
  return request<AssignResult>('POST', '/api/v1/assignments', { locale, csrf, body: input });
}

// Action reports

export interface ActionFilters {
  institution_id?: number;
  recommendation_id?: number;
  state?: string[];
  page?: number;
  page_size?: number;
}

export function listActions(filters: ActionFilters, locale: string, signal?: AbortSignal) {
  return request<ActionList>('GET', '/api/v1/actions', { locale, signal, query: { ...filters } });
}

export function getAction(id: number | string, locale: string, signal?: AbortSignal) {
  return request<ActionDetail>('GET', `/api/v1/actions/${encodeURIComponent(id)}`, { locale, signal });
}

export function createAction(input: ActionInput, locale: string, csrf: string) {
  return request<ActionDetail>('POST', '/api/v1/actions', { locale, csrf, body: input });
}

export function updateAction(id: number, patch: ActionPatch, locale: string, csrf: string) {
  return request<ActionDetail>('PATCH', `/api/v1/actions/${id}`, { locale, csrf, body: patch });
}

/** One move along the validation chain; the endpoint is the transition's name with dashes. */
export function moveAction(
  id: number, transition: TransitionName, input: { version: number; comment?: string }, locale: string, csrf: string,
) {
  return request<ActionDetail>('POST', `/api/v1/actions/${id}/${transition.replaceAll('_', '-')}`, { locale, csrf, body: input });
}

export function addLinkEvidence(id: number, input: { title: string; url: string }, locale: string, csrf: string) {
  return request<ActionDetail>('POST', `/api/v1/actions/${id}/evidence/links`, { locale, csrf, body: input });
}

export function uploadEvidence(id: number, file: File, title: string, locale: string, csrf: string) {
  const form = new FormData();
  // The server reads the fields that come before the file: the title goes first.
  if (title) form.append('title', title);
  form.append('file', file, file.name);
  return request<ActionDetail>('POST', `/api/v1/actions/${id}/evidence/files`, { locale, csrf, form });
}

export function removeEvidence(id: number, evidenceId: number, locale: string, csrf: string) {
  return request<ActionDetail>('DELETE', `/api/v1/actions/${id}/evidence/${evidenceId}`, { locale, csrf });
}
