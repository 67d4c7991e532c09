import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiUrl, download, fileNameOf, NetworkError, request } from './http';

function answer(status: number, body: string | null, headers: Record<string, string> = {}) {
  return new Response(body, { status, statusText: status === 500 ? 'Internal Server Error' : '', headers });
}

function mockFetch(response: Response | Error) {
  const fn = vi.fn(async (_url: string, _init: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('sends the locale, the query (empty values left out), JSON and the CSRF token', async () => {
    const fetch = mockFetch(answer(200, '{"id":1}', { 'Content-Type': 'application/json' }));
    const result = await request<{ id: number }>('POST', '/api/v1/things', {
      locale: 'fr', csrf: 'tok', body: { a: 1 }, query: { state: ['draft', 'submitted'], page: 2, skip: undefined },
    });
    expect(result).toEqual({ id: 1 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/things?state=draft&state=submitted&page=2&locale=fr');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json', 'x-csrf-token': 'tok' });
  });

  it('sends no CSRF header for a visitor, and no query string when there is nothing to ask', async () => {
    const fetch = mockFetch(answer(200, '{}'));
    await request('GET', '/api/v1/auth/me', { csrf: null });
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/auth/me');
    expect(fetch.mock.calls[0][1].headers).toEqual({ Accept: 'application/json' });
  });

  it('answers null for an empty answer (204)', async () => {
    mockFetch(answer(204, null));
    await expect(request('POST', '/api/v1/auth/logout', { csrf: 'tok' })).resolves.toBeNull();
  });

  it("turns an error answer into an ApiError with the server's message, code, status and other fields", async () => {
    mockFetch(answer(409, JSON.stringify({ error: 'version_conflict', message: 'Quelqu’un a enregistré avant vous.', current_version: 4 })));
    const error = await request('PATCH', '/api/v1/actions/1', { locale: 'fr', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'version_conflict', message: 'Quelqu’un a enregistré avant vous.', details: { current_version: 4 } });
  });

  it('falls back on the status when the error answer is not JSON', async () => {
    mockFetch(answer(500, '<html>oops</html>'));
    await expect(request('GET', '/api/v1/x')).rejects.toMatchObject({ status: 500, code: 'http_error', message: 'Internal Server Error' });
  });

  it('says NetworkError when the server cannot be reached or a success is not JSON', async () => {
    mockFetch(new TypeError('Failed to fetch'));
    await expect(request('GET', '/api/v1/x')).rejects.toBeInstanceOf(NetworkError);
    mockFetch(answer(200, 'not json'));
    await expect(request('GET', '/api/v1/x')).rejects.toBeInstanceOf(NetworkError);
  });

  it('sends a form as multipart (no JSON content type)', async () => {
    const fetch = mockFetch(answer(200, '{}'));
    const form = new FormData();
    form.append('title', 'A');
    await request('POST', '/api/v1/imports', { form, csrf: 'tok', locale: 'es' });
    expect(fetch.mock.calls[0][1].body).toBe(form);
    expect(fetch.mock.calls[0][1].headers).toEqual({ Accept: 'application/json', 'x-csrf-token': 'tok' });
  });
});

describe('download', () => {
  it('gives the file and the name the server chose', async () => {
    mockFetch(answer(200, 'a,b\n', { 'Content-Disposition': `attachment; filename="x.csv"; filename*=UTF-8''recomendaci%C3%B3n.csv` }));
    const file = await download('/api/v1/recommendations.csv', { locale: 'es' });
    expect(file.fileName).toBe('recomendación.csv');
    expect(await file.blob.text()).toBe('a,b\n');
  });

  it('refuses like any call', async () => {
    mockFetch(answer(404, JSON.stringify({ error: 'not_found', message: 'No existe.' })));
    await expect(download('/api/v1/x')).rejects.toMatchObject({ status: 404, message: 'No existe.' });
  });
});

describe('fileNameOf', () => {
  it('reads plain and quoted names, and none', () => {
    expect(fileNameOf('attachment; filename=report.pdf')).toBe('report.pdf');
    expect(fileNameOf('attachment; filename="a \\"b\\".docx"')).toBe('a "b".docx');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});

describe('apiUrl', () => {
  it('keeps the order of a URLSearchParams query and puts the locale last', () => {
    expect(apiUrl('/api/v1/recommendations', { query: new URLSearchParams('q=agua&page=2'), locale: 'pt' }))
      .toBe('/api/v1/recommendations?q=agua&page=2&locale=pt');
  });
});
