/**
 * One rule at the edge, for every route: text the application cannot store
 * or search is refused with a 400 before any handler runs. That is a NUL
 * character (PostgreSQL text cannot hold it), a lone UTF-16 surrogate (not
 * Unicode; no encoding can write it) and a malformed percent-encoding in the
 * address (`%ZZ`, bytes that are not UTF-8). Path parameters, the query and
 * the parsed body are checked, keys included, at any depth; multipart fields
 * go through the same check where they are read (platform/files/multipart.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors';
import { requestLocale } from './locale';
import { message } from './messages';

/** A NUL character or a UTF-16 surrogate without its other half. */
const UNREADABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isReadableText(text: string): boolean {
  return !UNREADABLE.test(text);
}

/**
 * The path (e.g. `title.es`, `recommendation_ids.3`) of the first string or key
 * in `value` that is not readable text; null when all is well. Walks without
 * recursion, so a deeply nested body cannot exhaust the stack.
 */
export function findUnreadableText(value: unknown, root = ''): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (!isReadableText(current)) return path;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], join(path, String(i))]);
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        if (!isReadableText(key)) return path; // the object holding the key
        stack.push([item, join(path, key)]);
      }
    }
  }
  return null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** 400: `where` holds a NUL character or half a Unicode character. */
export const unreadableText = (where: string) => new HttpError(400, 'bad_request', 'input_unreadable', { param: where });

/** Set on a parsed query string whose percent-encoding is malformed (see parseQueryString). */
const MALFORMED = Symbol('malformed query string');

/**
 * `?a=1&b=2`, decoded strictly: repeated parameters (`?country=PRY&country=URY`)
 * become arrays; a malformed percent-encoding is remembered and refused by the
 * hook below (a query-string parser cannot answer the request itself).
 */
export function parseQueryString(text: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replace(/\+/g, ' '));
      value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
    } catch {
      Object.defineProperty(result, MALFORMED, { value: true });
      continue;
    }
    const existing = Object.hasOwn(result, key) ? result[key] : undefined;
    const next = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    // defineProperty, not assignment: a key such as `__proto__` stays an ordinary key.
    Object.defineProperty(result, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: number, key: 'url_malformed' | 'url_too_long') {
  return reply.status(status).send({ error: 'bad_request', message: message(key, requestLocale(request)) });
}

/** Fastify's `frameworkErrors`: what the router refuses before any route is found. */
export function frameworkErrors(error: { code?: string }, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(request, reply, 414, 'url_too_long');
  if (error.code === 'FST_ERR_BAD_URL') return sendError(request, reply, 400, 'url_malformed');
  request.log.error({ err: error }, 'router error');
  return reply.status(500).send({ error: 'internal_error', message: message('internal_error', requestLocale(request)) });
}

/** Checks the address and the parsed body of every request before validation and handlers. */
export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string | symbol, unknown> | undefined;
    if (query?.[MALFORMED]) throw new HttpError(400, 'bad_request', 'url_malformed');
    const where = findUnreadableText(request.params) ?? findUnreadableText(query) ?? findUnreadableText(request.body);
    if (where !== null) throw unreadableText(where || 'body');
  });
}
