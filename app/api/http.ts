/**
 * The one way the web app calls the API. Every call sends the UI locale (error
 * messages come back in the reader's language); a write sends the session's
 * CSRF token when there is one. An error answer becomes an ApiError carrying
 * the server's message, its code and status, and the answer's other fields
 * (e.g. `current_version` on a 409); an empty answer (204) is null; a
 * download is a Blob with the file name the server gave.
 *
 * The shapes of requests and answers are the zod contracts in shared/, which
 * the server validates and documents in OpenAPI; the app imports them as
 * types only, so nothing of zod reaches the browser bundle.
 */

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

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface RequestOptions {
  /** The reader's language; left out, the server answers in its default. */
  locale?: string;
  /** The session's token, sent on writes; null or undefined for visitors. */
  csrf?: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  query?: URLSearchParams | Record<string, QueryValue>;
  signal?: AbortSignal;
}

/** The address of a call: the path, its query (empty values left out) and the locale. */
export function apiUrl(path: string, options: Pick<RequestOptions, 'locale' | 'query'> = {}): string {
  const params = new URLSearchParams();
  const query = options.query ?? {};
  const entries = query instanceof URLSearchParams ? [...query] : Object.entries(query);
  for (const [name, value] of entries) {
    for (const one of [value].flat()) if (one !== undefined && one !== null) params.append(name, String(one));
  }
  if (options.locale) params.set('locale', options.locale);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(method: Method, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options), {
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
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** An error answer as an ApiError: the server's code and message when it sent them. */
async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the status says it all
  }
  const err = body as ({ error?: unknown; message?: unknown } & Record<string, unknown>) | null;
  if (err && typeof err.message === 'string') {
    const { error: code, message, ...details } = err;
    return new ApiError(response.status, String(code ?? 'error'), message, details);
  }
  return new ApiError(response.status, 'http_error', response.statusText || `HTTP ${response.status}`);
}

/** One call of the API answering JSON, or nothing (null). */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  try {
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new NetworkError(error);
  }
}

export interface Download {
  blob: Blob;
  /** From the answer's Content-Disposition; null when it names none. */
  fileName: string | null;
}

/** A call answering a file (an export, an evidence file). */
export async function download(path: string, options: RequestOptions = {}): Promise<Download> {
  const response = await send('GET', path, options, '*/*');
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  return { blob, fileName: fileNameOf(response.headers.get('Content-Disposition')) };
}

/** The file name of a Content-Disposition header: `filename*=UTF-8''…` first, then `filename="…"`. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // badly encoded: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header);
  if (!plain) return null;
  return (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2].trim()) || null;
}

/** Client errors (4xx) are answers, not accidents: retrying them changes nothing. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** The message to show for a failed call: the server's (in the reader's language), else `fallback`. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}
