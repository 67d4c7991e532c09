/**
 * HTTP caching of public answers (decision 0005).
 *
 * A route opts in with `config: { publicCache: 'catalogue' | 'published' }`:
 * - 'catalogue': the answer reads the catalogue and reference data only (the search with its facets,
 *   one recommendation, a mechanism's or an SDG's page);
 * - 'published': it also reads follow-up work as the public sees it (published action reports,
 *   assignments, institutions, status, rounds), and the day (overdue rounds).
 *
 * For a visitor (no session cookie, no Authorization header), before the handler runs, one query
 * reads the versions (catalogue_state, public_content_state: every write bumps them at commit) and
 * the answer's validator is computed from them and from what the request varies by: path and query
 * string, the language the answer is in (the `locale` parameter or Accept-Language), the day for
 * 'published', the links between recommendations for an answer that reads them (`publicCacheLinks`: the search grouped by
 * duplicates; the scan and a person's decision change links without a catalogue write), the release. `If-None-Match` with that validator is answered `304 Not Modified`
 * without running the handler. Otherwise the answer carries `ETag`,
 * `Cache-Control: public, no-cache` (a browser or a reverse proxy may keep it, and must revalidate
 * it before each use) and `Vary: Accept-Language, Cookie`. The versions are read before the answer is
 * built, so the validator is never newer than the content it labels.
 *
 * Everything else under /api/ is never stored by a shared cache: an answer to a request that carries
 * a session cookie or credentials is `Cache-Control: private, no-store` (whatever the route set, and
 * without a validator), and an answer of a route that did not opt in, or an error, gets
 * `private, no-store` unless the route chose a cache policy of its own.
 *
 * The server keeps the answers it validated too (decision 0015): a visitor's 200 answer is stored
 * under its validator, and the next visitor whose request gets the same validator is answered from
 * that copy without running the handler. This is what a reverse proxy in front would do, inside the
 * process: the validator already promises that equal validators label equal answers (else a 304
 * would be wrong), and it changes with every write the answer reads. A request that carries
 * credentials is never answered from, nor stored into, this cache. Bounded in bytes
 * (`RESPONSE_CACHE_MB`, 0 turns it off), least recently used first out.
 *
 * A catalogue write changes every validator, but not every answer: a route may say (`publicCacheCarry`)
 * whether the answer its request got before the write is still its answer after it — for the search, when
 * no record the write changed could be among its matches or counted in its facets
 * (docs/decisions/0020-filters-visit-their-rows.md). Such an answer is stored under the new validator
 * without running the handler.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database';
import type { Today } from '../clock';
import { SESSION_COOKIE } from '../auth/session';
import { requestLocale } from './locale';

export type PublicCacheScope = 'catalogue' | 'published';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The versions, when something before the validator read them for this request (the server reads them with
     * the instance's settings, in the same round trip, before every API request).
     */
    contentVersions?: ContentVersions;
    /** What a handler's answer was computed from, kept with the answer for its route's `publicCacheCarry`. */
    answerBasis?: unknown;
  }
  interface FastifyInstance {
    /** The public answers this server keeps (null: RESPONSE_CACHE_MB=0). */
    answerCache: AnswerCache | null;
  }
  interface FastifyContextConfig {
    /** This GET answer may be kept by shared caches when a visitor asks (see platform/http/public-cache.ts). */
    publicCache?: PublicCacheScope;
    /**
     * Whether the answer a visitor got at catalogue version `since` (computed from `basis`) is still the answer
     * at version `now`, the other versions being the same: lets a kept answer outlive a catalogue write it does
     * not read. Without it, every catalogue write makes every kept answer of the route stale.
     */
    publicCacheCarry?: (request: FastifyRequest, basis: unknown, since: number, now: number) => Promise<boolean>;
    /**
     * Whether this request's answer reads the links between recommendations (the search grouped by duplicates):
     * then the links' version is part of its validator, and a kept answer is never carried over a change of links.
     */
    publicCacheLinks?: (request: FastifyRequest) => boolean;
  }
}

export const PUBLIC_CACHE_CONTROL = 'public, no-cache';
export const PRIVATE_CACHE_CONTROL = 'private, no-store';
export const PUBLIC_VARY = 'Accept-Language, Cookie';

/** The 304 answer in the OpenAPI description of a route that opts in. */
export const notModified = {
  304: z.null().describe(`Not Modified (no body): If-None-Match named the current ETag of this answer. A visitor's answer carries \`ETag\`, `
    + `\`Cache-Control: ${PUBLIC_CACHE_CONTROL}\` and \`Vary: ${PUBLIC_VARY}\` (browsers and reverse proxies may keep it and revalidate it); `
    + `an answer to a request with a session cookie is \`Cache-Control: ${PRIVATE_CACHE_CONTROL}\`, without ETag.`),
};

/** The versions every validator is made of. */
export interface ContentVersions {
  catalogue: string; reference: string; followUp: string;
  /** Links between recommendations (recommendation_link): only in the validators of answers that read them (`publicCacheLinks`). */
  links: string;
}

/** A row of the versions (`select … from (CONTENT_VERSIONS) v`, to read them with other things in one round trip). */
export const CONTENT_VERSIONS = 'select c.version, p.reference_version, p.follow_up_version, p.link_version from catalogue_state c, public_content_state p';

export function versionsOf(row: { version: number | string; reference_version: number | string; follow_up_version: number | string;
  link_version: number | string }): ContentVersions {
  return { catalogue: String(row.version), reference: String(row.reference_version), followUp: String(row.follow_up_version), links: String(row.link_version) };
}

/** The versions every validator is made of, read in one round trip. */
export async function contentVersions(pool: Database['pool']): Promise<ContentVersions> {
  const { rows } = await pool.query(CONTENT_VERSIONS);
  return versionsOf(rows[0]);
}

/** Whether the request speaks for someone: a session cookie (even an expired one) or credentials. */
export function carriesCredentials(request: FastifyRequest): boolean {
  return request.cookies?.[SESSION_COOKIE] !== undefined || request.headers.authorization !== undefined;
}

/** Whether an If-None-Match header names this validator (`*` included; weak comparison, RFC 9110 13.1.2). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

const validated = new WeakSet<FastifyRequest>();

/** A stored answer: its body and the headers its handler set. */
interface StoredAnswer {
  body: string | Buffer;
  headers: Record<string, string | string[]>;
  bytes: number;
}

/** Headers that are the cache's or the server's own, never replayed from a stored answer. */
const NOT_REPLAYED = new Set(['etag', 'cache-control', 'vary', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'set-cookie']);

/** The latest answer of a request: under which validator, at which versions, from what. */
interface Latest { etag: string; versions: ContentVersions; today: string | null; basis: unknown }

/** At most this many requests' latest answers are remembered for carrying over (least recently stored first out). */
const MAX_REMEMBERED = 20_000;

/** How long a request waits for the same answer computed by another one. */
const WAIT_MS = 10_000;

/** Answers by validator, least recently used first out, at most `maxBytes` of bodies (and their keys). */
export class AnswerCache {
  private readonly entries = new Map<string, StoredAnswer>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  stored = 0;
  carried = 0;

  /** For each request (its validator without the versions): the validator, versions and basis of its latest stored answer. */
  private readonly latest = new Map<string, Latest>();

  /** Remembers the latest answer stored for `request` (a key that leaves the versions out). */
  remember(request: string, latest: Latest): void {
    this.latest.delete(request);
    this.latest.set(request, latest);
    if (this.latest.size > MAX_REMEMBERED) this.latest.delete(this.latest.keys().next().value!);
  }

  /** The latest answer stored for `request`, while it is still kept. */
  latestFor(request: string): (Latest & { answer: StoredAnswer }) | undefined {
    const latest = this.latest.get(request);
    const answer = latest && this.entries.get(latest.etag);
    return latest && answer ? { ...latest, answer } : undefined;
  }

  constructor(readonly maxBytes: number) {}

  /** Answers being computed, by validator: requests for the same one wait for it instead of computing it again. */
  private readonly pending = new Map<string, { promise: Promise<StoredAnswer | null>; settle: (answer: StoredAnswer | null) => void }>();
  coalesced = 0;

  /**
   * The stored answer for `etag`, else, when another request is computing it, that answer once it
   * is there (null when it could not be stored: an error, a stream); else undefined, and the caller
   * computes it and must `settle` it (stored or not), so that requests waiting for it go on.
   */
  async find(etag: string): Promise<StoredAnswer | null | undefined> {
    const stored = this.get(etag);
    if (stored) return stored;
    const pending = this.pending.get(etag);
    if (pending) {
      this.coalesced++;
      // However long the first request takes, the others wait at most WAIT_MS, then compute it themselves.
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), WAIT_MS); });
      return Promise.race([pending.promise, waited]).finally(() => clearTimeout(timer));
    }
    let settle!: (answer: StoredAnswer | null) => void;
    const promise = new Promise<StoredAnswer | null>((resolve) => { settle = resolve; });
    this.pending.set(etag, { promise, settle });
    return undefined;
  }

  /** Ends the computation of `etag`'s answer: stores it (when given) and hands it to the requests waiting for it. */
  settle(etag: string, body: string | Buffer | null, headers: Record<string, string | string[]> = {}): void {
    const stored = body === null ? null : this.set(etag, body, headers);
    const pending = this.pending.get(etag);
    if (!pending) return;
    this.pending.delete(etag);
    pending.settle(stored ?? null);
  }

  get(etag: string): StoredAnswer | undefined {
    const entry = this.entries.get(etag);
    if (entry) {
      this.entries.delete(etag); // most recently used: to the end of the map's order
      this.entries.set(etag, entry);
      this.hits++;
    } else this.misses++;
    return entry;
  }

  /** Stores an answer; gives it back, or null when it is too large to keep (more than an eighth of the cache). */
  set(etag: string, body: string | Buffer, headers: Record<string, string | string[]>): StoredAnswer | null {
    const bytes = (typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength) + etag.length;
    if (bytes > this.maxBytes / 8) return null;
    const old = this.entries.get(etag);
    if (old) { this.bytes -= old.bytes; this.entries.delete(etag); }
    const answer = { body, headers, bytes };
    this.entries.set(etag, answer);
    this.bytes += bytes;
    this.stored++;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
    return answer;
  }

  stats() {
    return { entries: this.entries.size, bytes: this.bytes, max_bytes: this.maxBytes, hits: this.hits, misses: this.misses, stored: this.stored,
      coalesced: this.coalesced, computing: this.pending.size, carried: this.carried };
  }
}

/** The headers a handler set on an answer, to replay with a stored copy. */
function replayable(headers: Record<string, unknown>): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (NOT_REPLAYED.has(name.toLowerCase()) || value === undefined) continue;
    kept[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return kept;
}

/**
 * `release`: what identifies the answers' shape (the package version and the schema), so that a
 * deployment that changes them does not revalidate answers of the one before.
 */
export function installPublicCache(app: FastifyInstance, db: Database, today: Today, release: string,
  answers: AnswerCache | null = null): void {
  /** A request computing a visitor's answer: its validator, and what the answer is remembered under (see AnswerCache.remember). */
  const computing = new WeakMap<FastifyRequest, { etag: string; key: string; versions: ContentVersions; today: string | null }>();
  app.decorate('answerCache', answers);
  app.addHook('preHandler', async (request, reply) => {
    const scope = request.routeOptions.config?.publicCache;
    if (!scope || (request.method !== 'GET' && request.method !== 'HEAD') || carriesCredentials(request)) return;
    const versions = request.contentVersions ?? await contentVersions(db.pool);
    const day = scope === 'published' ? today() : null;
    const parts = [release, scope, versions.catalogue, versions.reference, request.url, requestLocale(request)];
    if (scope === 'published') parts.push(versions.followUp, day!);
    if (request.routeOptions.config?.publicCacheLinks?.(request)) parts.push(`links ${versions.links}`);
    const etag = `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`;
    validated.add(request);
    reply.header('etag', etag).header('cache-control', PUBLIC_CACHE_CONTROL).header('vary', PUBLIC_VARY);
    if (noneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
    if (!answers || request.method !== 'GET') return;
    const stored = await answers.find(etag);
    if (stored) return reply.headers(stored.headers).send(stored.body);
    // Not stored: this request computes it (and settles it when it is sent), or, when the request that was
    // computing it could not store it (null), computes it too.
    if (stored !== undefined) return;
    const key = [release, scope, request.url, requestLocale(request)].join('\u0000');
    const carried = await carryOver(request, answers, key, versions, day);
    if (carried) {
      answers.carried++;
      answers.settle(etag, carried.body, carried.headers);
      answers.remember(key, { etag, versions, today: day, basis: carried.basis });
      return reply.headers(carried.headers).send(carried.body);
    }
    computing.set(request, { etag, key, versions, today: day });
  });

  // A request that computes an answer and ends without it reaching onSend (the client went away) lets the others go on.
  const giveUp = async (request: FastifyRequest) => {
    const pending = computing.get(request);
    if (answers && pending) { computing.delete(request); answers.settle(pending.etag, null); }
  };
  app.addHook('onResponse', giveUp);
  app.addHook('onRequestAbort', giveUp);

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/')) return payload;
    const publicAnswer = validated.has(request) && (reply.statusCode === 200 || reply.statusCode === 304);
    if (carriesCredentials(request) || (validated.has(request) && !publicAnswer)) {
      reply.removeHeader('etag');
      reply.header('cache-control', PRIVATE_CACHE_CONTROL);
    } else if (!publicAnswer && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', PRIVATE_CACHE_CONTROL);
    }
    // A fresh visitor's answer (not one just replayed: that request has no pending validator) is kept.
    const pending = computing.get(request);
    if (answers && pending) {
      computing.delete(request);
      const { etag, key, versions, today: day } = pending;
      const storable = reply.statusCode === 200 && (typeof payload === 'string' || Buffer.isBuffer(payload));
      answers.settle(etag, storable ? payload as string | Buffer : null, storable ? replayable(reply.getHeaders()) : {});
      if (storable) answers.remember(key, { etag, versions, today: day, basis: request.answerBasis });
    }
    return payload;
  });
}

/**
 * The answer stored for the same request before a catalogue write, when only the catalogue version moved
 * and the route says that answer still holds (its `publicCacheCarry`); undefined otherwise. A check that
 * fails counts as "no": the answer is computed.
 */
async function carryOver(request: FastifyRequest, answers: AnswerCache, key: string, versions: ContentVersions, today: string | null) {
  const carry = request.routeOptions.config?.publicCacheCarry;
  const before = carry && answers.latestFor(key);
  if (!before || before.versions.catalogue === versions.catalogue || before.versions.reference !== versions.reference
    || before.today !== today || (today !== null && before.versions.followUp !== versions.followUp)
    || (request.routeOptions.config?.publicCacheLinks?.(request) && before.versions.links !== versions.links)) return undefined;
  const holds = await carry(request, before.basis, Number(before.versions.catalogue), Number(versions.catalogue)).catch(() => false);
  return holds ? { body: before.answer.body, headers: before.answer.headers, basis: before.basis } : undefined;
}
