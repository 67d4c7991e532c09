/**
 * The hub harvests a registered State's instance (docs/decisions/0017-federation.md): its
 * well-known description, then the package since the version the hub holds (everything the first
 * time), verified with the keys the hub registered (package-signature.ts: signature, the key's
 * State and validity, version only forward, each page's size and checksum), its lines checked, and
 * applied — records and tombstones — in one transaction with the harvest's log row. A refused or
 * unreachable harvest writes only its log row: the State's copy is as it was.
 * Everything fetched is bounded while it is read (the well-known document and the manifest answer
 * to 1 MB and 16 MB, a page to the size its signed manifest declares).
 */
import type pg from 'pg';
import { z } from 'zod';
import { inTransaction } from '../../../platform/db/database';
import { notFound } from '../../../platform/http/errors';
import { manifestSchema, MAX_RESOURCE_BYTES, verifyPackage, type Manifest, type RegisteredKey, type Refusal } from '../package-signature';
import { RECORD_KINDS, RESOURCE_OF, type RecordKind } from '../public-records';

export type HarvestTrigger = 'on_demand' | 'scheduled';
export interface HarvestDeps { fetch?: typeof fetch; now?: () => Date; timeoutMs?: number }
export interface HarvestResult {
  id: number;
  outcome: 'applied' | 'up_to_date' | 'refused' | 'unreachable';
  reason: Refusal | null;
  detail: string;
  version: number | null;
  since: number | null;
  records: number;
  tombstones: number;
}

const WELL_KNOWN_BYTES = 1024 * 1024;
const MANIFEST_BYTES = 16 * 1024 * 1024;
/** The most lines applied in one statement: a page. */
const APPLY_LINES = 5000;
const KIND_OF_RESOURCE = Object.fromEntries(RECORD_KINDS.map((kind) => [RESOURCE_OF[kind], kind])) as Record<string, RecordKind>;

const wellKnownSchema = z.object({ instance: z.string().min(1).max(200), state: z.string().regex(/^[A-Z]{3}$/), version: z.int().min(0) });
const tombstoneSchema = z.object({ kind: z.enum(RECORD_KINDS), id: z.int().min(1), version: z.int().min(1) });

class Oversized extends Error {}
class Unreachable extends Error {}

/** GET `url`, its body read up to `limit` bytes (more: Oversized); network failures and timeouts: Unreachable. */
async function fetchBytes(fetchFn: typeof fetch, url: string, limit: number, timeoutMs: number): Promise<{ status: number; bytes: Buffer }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchFn(url, { signal: controller.signal, redirect: 'error', headers: { accept: 'application/json, application/x-ndjson' } });
    } catch (error) {
      throw new Unreachable(`${url}: ${(error as Error).message}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > limit) {
      controller.abort();
      throw new Oversized(`${url}: ${declared} bytes announced, at most ${limit}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          if (total > limit) {
            controller.abort();
            throw new Oversized(`${url}: more than ${limit} bytes`);
          }
          chunks.push(Buffer.from(value));
        }
      } catch (error) {
        if (error instanceof Oversized) throw error;
        throw new Unreachable(`${url}: ${(error as Error).message}`);
      }
    }
    return { status: response.status, bytes: Buffer.concat(chunks) };
  } finally {
    clearTimeout(timer);
  }
}

/** Every key the hub holds, of every State: a package signed with another State's key is refused as such (wrong_state). */
async function registeredKeys(q: pg.Pool): Promise<RegisteredKey[]> {
  const { rows } = await q.query('select kid, iso3, jwk, valid_from, valid_until from network_key order by valid_from');
  return rows.map((row) => ({
    kid: row.kid, state: row.iso3, jwk: row.jwk, valid_from: row.valid_from.toISOString(), valid_until: row.valid_until?.toISOString() ?? null,
  }));
}

/** The payload of a compact JWS, unverified: only to learn which pages to fetch (verifyPackage decides). */
function unverifiedManifest(jws: string): Manifest | null {
  const parts = jws.split('.');
  if (parts.length !== 3) return null;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A page's records: their lines as published (each a JSON object with an id), applied as they are. */
interface Parsed { pages: { kind: RecordKind; lines: string[] }[]; records: number; tombstones: { kind: RecordKind; id: number }[] }

/** A JSON object whose id is a whole number from 1: a record's line. */
const isRecord = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value)
  && Number.isSafeInteger((value as { id?: unknown }).id) && (value as { id: number }).id >= 1;

/**
 * JSON may escape what PostgreSQL's jsonb refuses (U+0000, a lone UTF-16 surrogate): such a line would fail the apply
 * statement itself, so it is found first. The raw text is tested cheaply; only a line with such an escape is walked.
 */
const ESCAPES_THE_DATABASE_REFUSES = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** No string in the value (keys included) holds U+0000 or half a surrogate pair. */
function storable(value: unknown): boolean {
  if (typeof value === 'string') return !/\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value !== null && typeof value === 'object') return Object.entries(value).every(([key, child]) => storable(key) && storable(child));
  return true;
}

/** The pages' lines: each a record with its id, or (tombstones) a kind and id; anything else is malformed. */
function parsePages(manifest: Manifest, pages: Map<string, Uint8Array>): Parsed | string {
  const parsed: Parsed = { pages: [], records: 0, tombstones: [] };
  for (const resource of manifest.resources) {
    const name = resource.name.replace(/-[0-9]+$/, '');
    const kind = KIND_OF_RESOURCE[name];
    if (!kind && name !== 'tombstones') return `${resource.path}: not a resource of the package`;
    if (name === 'tombstones' && manifest.since === null) return `${resource.path}: tombstones in a full snapshot`;
    const lines = Buffer.from(pages.get(resource.path)!).toString('utf8').split('\n');
    if (lines.pop() !== '') return `${resource.path}: the last line does not end`;
    for (const [n, line] of lines.entries()) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return `${resource.path} line ${n + 1}: not JSON`;
      }
      if (kind) {
        if (!isRecord(value)) return `${resource.path} line ${n + 1}: a record without an id`;
        if (ESCAPES_THE_DATABASE_REFUSES.test(line) && !storable(value)) {
          return `${resource.path} line ${n + 1}: a text with a NUL character or half a surrogate pair, which the hub cannot store`;
        }
      } else {
        const tombstone = tombstoneSchema.safeParse(value);
        if (!tombstone.success) return `${resource.path} line ${n + 1}: not a tombstone`;
        parsed.tombstones.push({ kind: tombstone.data.kind, id: tombstone.data.id });
      }
    }
    if (kind && lines.length) {
      parsed.pages.push({ kind, lines });
      parsed.records += lines.length;
    }
  }
  return parsed;
}

export async function harvestState(pool: pg.Pool, iso3: string, trigger: HarvestTrigger, deps: HarvestDeps = {}): Promise<HarvestResult> {
  const fetchFn = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const started = now();
  const { rows: [instance] } = await pool.query('select base_url from network_instance where iso3 = $1', [iso3]);
  if (!instance) throw notFound();
  const { rows: [copy] } = await pool.query('select version from network_copy_state where iso3 = $1', [iso3]);
  const lastVersion: number | null = copy ? Number(copy.version) : null;

  const log = async (q: pg.Pool | pg.PoolClient, result: Omit<HarvestResult, 'id'>, extra: { kid?: string; signature?: string } = {}): Promise<HarvestResult> => {
    const { rows } = await q.query(
      `insert into network_harvest (iso3, started_at, finished_at, outcome, reason, detail, version, since, kid, records, tombstones, signature, trigger)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
      [iso3, started, now(), result.outcome, result.reason, result.detail.slice(0, 2000), result.version, result.since, extra.kid ?? null,
        result.records, result.tombstones, extra.signature ?? null, trigger]);
    return { id: Number(rows[0].id), ...result };
  };
  const nothing = { version: null, since: lastVersion, records: 0, tombstones: 0 };
  const refuse = (reason: Refusal, detail: string, version: number | null = null) => log(pool, { outcome: 'refused', reason, detail, ...nothing, version });
  const unreachable = (detail: string) => log(pool, { outcome: 'unreachable', reason: null, detail, ...nothing });
  const get = async (url: string, limit: number) => {
    try {
      return await fetchBytes(fetchFn, url, limit, timeoutMs);
    } catch (error) {
      if (error instanceof Oversized || error instanceof Unreachable) return error;
      throw error;
    }
  };

  // Who the instance says it is, and whether it has anything new.
  const described = await get(`${instance.base_url}/.well-known/nmirf-network.json`, WELL_KNOWN_BYTES);
  if (described instanceof Oversized) return refuse('resource_oversized', described.message);
  if (described instanceof Unreachable) return unreachable(described.message);
  if (described.status !== 200) return unreachable(`/.well-known/nmirf-network.json: HTTP ${described.status}`);
  let wellKnown: z.infer<typeof wellKnownSchema>;
  try {
    wellKnown = wellKnownSchema.parse(JSON.parse(described.bytes.toString('utf8')));
  } catch {
    return refuse('malformed', '/.well-known/nmirf-network.json is not an instance description');
  }
  if (wellKnown.state !== iso3) return refuse('wrong_state', `harvesting ${iso3}: the instance says it is ${wellKnown.state}`);
  if (lastVersion !== null && wellKnown.version === lastVersion) return log(pool, { outcome: 'up_to_date', reason: null, detail: '', ...nothing, version: lastVersion });

  // The signed manifest and every page it lists.
  const answer = await get(`${instance.base_url}/api/v1/federation/package${lastVersion ? `?since=${lastVersion}` : ''}`, MANIFEST_BYTES);
  if (answer instanceof Oversized) return refuse('resource_oversized', answer.message);
  if (answer instanceof Unreachable) return unreachable(answer.message);
  if (answer.status !== 200) return unreachable(`package: HTTP ${answer.status}`);
  let signature: string;
  try {
    signature = z.object({ signature: z.string().max(MANIFEST_BYTES) }).parse(JSON.parse(answer.bytes.toString('utf8'))).signature;
  } catch {
    return refuse('malformed', 'the package answer carries no signature');
  }
  const listed = unverifiedManifest(signature);
  const pages = new Map<string, Uint8Array>();
  for (const resource of listed?.resources ?? []) {
    if (resource.bytes > MAX_RESOURCE_BYTES) break; // verifyPackage refuses it as oversized
    const query = `version=${listed!.version}${listed!.since ? `&since=${listed!.since}` : ''}`;
    const page = await get(`${instance.base_url}/api/v1/federation/package/${encodeURIComponent(resource.path)}?${query}`, resource.bytes);
    if (page instanceof Oversized) return refuse('checksum_mismatch', `${resource.path}: ${page.message}`, listed!.version);
    if (page instanceof Unreachable) return unreachable(page.message);
    if (page.status === 200) pages.set(resource.path, page.bytes);
  }
  const keys = await registeredKeys(pool);
  const check = await verifyPackage(signature, pages, { state: iso3, keys, lastVersion });
  if (!check.accepted) return refuse(check.reason, check.detail, listed?.version ?? null);
  const { manifest } = check;
  if (manifest.since !== null && (lastVersion === null || manifest.since > lastVersion)) {
    return refuse('malformed', `an incremental package since ${manifest.since}, the hub holds ${lastVersion ?? 'nothing'}`, manifest.version);
  }
  const parsed = parsePages(manifest, pages);
  if (typeof parsed === 'string') return refuse('malformed', parsed, manifest.version);

  // Applied in one transaction with its log row; a concurrent harvest of the same State waits, then finds the version taken.
  return inTransaction(pool, async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`network-harvest:${iso3}`]);
    const { rows: [held] } = await tx.query('select version from network_copy_state where iso3 = $1', [iso3]);
    if (held && Number(held.version) >= manifest.version) {
      return log(tx, { outcome: 'refused', reason: 'version_not_forward', detail: `version ${manifest.version} after ${held.version} already applied`, ...nothing, version: manifest.version });
    }
    if (manifest.since === null) await tx.query('delete from network_copy_record where iso3 = $1', [iso3]);
    // Up to APPLY_LINES lines a statement (a full page, or the small pages of an incremental package together): the lines,
    // JSON objects already, each wrapped with its kind into one JSON array that the database parses once and writes to the
    // copy and to its history in one statement.
    for (let i = 0; i < parsed.pages.length;) {
      const batch: string[] = [];
      let lines = 0;
      for (; i < parsed.pages.length && (lines === 0 || lines + parsed.pages[i].lines.length <= APPLY_LINES); i++) {
        const { kind, lines: page } = parsed.pages[i];
        for (const line of page) batch.push(`{"kind":"${kind}","body":${line}}`);
        lines += page.length;
      }
      await tx.query(
        `with r as materialized (select e ->> 'kind' as kind, (e -> 'body' ->> 'id')::bigint as id, e -> 'body' as body from jsonb_array_elements($2::jsonb) as e),
         copied as (
           insert into network_copy_record (iso3, kind, record_id, version, body) select $1, r.kind, r.id, $3, r.body from r
           on conflict (iso3, kind, record_id) do update set version = excluded.version, body = excluded.body)
         insert into network_copy_change (iso3, version, kind, record_id, body) select $1, $3, r.kind, r.id, r.body from r`,
        [iso3, `[${batch.join(',')}]`, manifest.version]);
    }
    if (parsed.tombstones.length) {
      const dead = JSON.stringify(parsed.tombstones);
      await tx.query(
        `delete from network_copy_record c using jsonb_to_recordset($2::jsonb) as t(kind text, id bigint)
         where c.iso3 = $1 and c.kind = t.kind and c.record_id = t.id`, [iso3, dead]);
      await tx.query(
        `insert into network_copy_change (iso3, version, kind, record_id, body)
         select $1, $3, t.kind, t.id, null from jsonb_to_recordset($2::jsonb) as t(kind text, id bigint)
         on conflict do nothing`, [iso3, dead, manifest.version]);
    }
    await tx.query(
      `insert into network_copy_state (iso3, instance_id, version, applied_at) values ($1, $2, $3, $4)
       on conflict (iso3) do update set instance_id = excluded.instance_id, version = excluded.version, applied_at = excluded.applied_at`,
      [iso3, manifest.instance, manifest.version, now()]);
    return log(tx, {
      outcome: 'applied', reason: null, detail: manifest.since === null ? 'full snapshot' : `changes since ${manifest.since}`,
      version: manifest.version, since: manifest.since, records: parsed.records, tombstones: parsed.tombstones.length,
    }, { kid: check.kid, signature });
  });
}

/**
 * How many States are harvested at once. A harvest mostly waits (on the instance's answers, on the database's round
 * trips and commit), and each State's is independent (its own advisory lock and transaction), so a few at a time keep
 * the hub busy; more would only hold more pages in memory.
 */
export const HARVEST_CONCURRENCY = 4;

/** Every registered instance (the scheduled job), HARVEST_CONCURRENCY at a time: one State's refusal or silence never stops the others. */
export async function harvestAll(pool: pg.Pool, deps: HarvestDeps = {}): Promise<{ applied: number; refused: number; unreachable: number; up_to_date: number }> {
  const { rows } = await pool.query('select iso3 from network_instance order by iso3');
  const counts = { applied: 0, refused: 0, unreachable: 0, up_to_date: 0 };
  let next = 0;
  // An error that is not a harvest's outcome (the hub's own database failing) stops handing out States, as it stopped the loop.
  let failed: { error: unknown } | null = null;
  const worker = async () => {
    while (next < rows.length && !failed) {
      const { iso3 } = rows[next++];
      try {
        counts[(await harvestState(pool, iso3, 'scheduled', deps)).outcome]++;
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(HARVEST_CONCURRENCY, rows.length) }, worker));
  if (failed) throw (failed as { error: unknown }).error;
  return counts;
}
