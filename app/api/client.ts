import type { ApiErrorBody, RecommendationDetail, SearchResponse } from './types';

/** An error answer of the API; `message` is already in the requested locale. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields of the answer, e.g. `current_version` on a 409. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached or did not answer JSON. */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw response.ok ? new NetworkError(error) : new ApiError(response.status, 'http_error', response.statusText);
  }
  if (!response.ok) {
    const err = body as Partial<ApiErrorBody> | null;
    if (err && typeof err.message === 'string') {
      throw new ApiError(response.status, String(err.error ?? 'error'), err.message);
    }
    throw new ApiError(response.status, 'http_error', response.statusText || `HTTP ${response.status}`);
  }
  return body as T;
}

export function searchRecommendations(params: URLSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return getJson<SearchResponse>(`/api/v1/recommendations?${params}`, signal);
}

export function getRecommendation(id: string, locale: string, signal?: AbortSignal): Promise<RecommendationDetail> {
  const params = new URLSearchParams({ locale });
  return getJson<RecommendationDetail>(`/api/v1/recommendations/${encodeURIComponent(id)}?${params}`, signal);
}

/** Client errors (4xx) are answers, not accidents: retrying them changes nothing. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
