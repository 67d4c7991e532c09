/**
 * The data package of one publication (docs/decisions/0017-federation.md): NDJSON resources, one
 * per kind and page of PAGE_RECORDS records (`recommendations-1.ndjson`, …), plus, in an
 * incremental package, `tombstones-N.ndjson` (kind, id and the version that withdrew it). A line
 * is a record's canonical JSON. The manifest lists each page with its size and SHA-256 and is
 * signed with the instance's key (package-signature.ts). Pages are read from the kept versions, so
 * a page asked for after the manifest has the bytes the manifest describes.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { canonicalJson } from '../../../shared/canonical-json';
import { manifestSchema, PACKAGE_PROFILE, signManifest, type Manifest } from './package-signature';
import { recordsAt } from './publication';
import { RECORD_KINDS, RESOURCE_OF, type RecordKind } from './public-records';

export const PAGE_RECORDS = 5000;
const READ = 1000;
export const RESOURCE_FILE = /^(recommendations|institutions|actions|statuses|indicators|tombstones)-([1-9][0-9]{0,6})\.ndjson$/;
const KIND_OF = Object.fromEntries(RECORD_KINDS.map((kind) => [RESOURCE_OF[kind], kind])) as Record<string, RecordKind>;

export interface PackageRange { version: number; since: number }

/** The lines of one page, a read at a time. */
async function* pageLines(q: pg.Pool, resource: string, page: number, range: PackageRange): AsyncGenerator<string> {
  const start = (page - 1) * PAGE_RECORDS;
  for (let offset = start; offset < start + PAGE_RECORDS; offset += READ) {
    const lines = resource === 'tombstones' ? await tombstoneLines(q, range, offset, READ) : (await recordsAt(q, KIND_OF[resource], range, false, offset, READ))
      .map((record) => `${canonicalJson(record.body)}\n`);
    if (!lines.length) return;
    yield lines.join('');
    if (lines.length < READ) return;
  }
}

async function tombstoneLines(q: pg.Pool, range: PackageRange, offset: number, limit: number): Promise<string[]> {
  const { rows } = await q.query(
    `select kind, record_id, version from (
       select distinct on (kind, record_id) kind, record_id, version, deleted from federation_record
       where version <= $1 and version > $2 order by kind, record_id, version desc) x
     where deleted order by kind, record_id offset $3 limit $4`,
    [range.version, range.since, offset, limit]);
  return rows.map((row) => `${canonicalJson({ kind: row.kind, id: Number(row.record_id), version: Number(row.version) })}\n`);
}

/** A page's bytes as a stream of text chunks; null when the page does not exist. */
export async function resourcePage(q: pg.Pool, file: string, range: PackageRange): Promise<AsyncGenerator<string> | null> {
  const match = RESOURCE_FILE.exec(file);
  if (!match) return null;
  const [, resource, page] = match;
  if (resource === 'tombstones' && range.since === 0) return null;
  const lines = pageLines(q, resource, Number(page), range);
  const first = await lines.next();
  if (first.done) return null;
  return (async function* () {
    yield first.value;
    yield* lines;
  })();
}

/** The manifest of the package for `range`: every page read once and hashed. */
export async function packageManifest(
  q: pg.Pool, head: { instance: string; state: string; created: string }, range: PackageRange,
): Promise<Manifest> {
  const resources: Manifest['resources'] = [];
  for (const resource of [...RECORD_KINDS.map((kind) => RESOURCE_OF[kind]), ...(range.since > 0 ? ['tombstones'] : [])]) {
    for (let page = 1; ; page++) {
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of pageLines(q, resource, page, range)) {
        const buffer = Buffer.from(chunk, 'utf8');
        hash.update(buffer);
        bytes += buffer.byteLength;
      }
      if (bytes === 0) break;
      resources.push({ name: `${resource}-${page}`, path: `${resource}-${page}.ndjson`, format: 'ndjson', bytes, hash: `sha256:${hash.digest('hex')}` });
    }
  }
  return manifestSchema.parse({
    profile: PACKAGE_PROFILE, instance: head.instance, state: head.state, version: range.version, since: range.since > 0 ? range.since : null,
    created: head.created, resources,
  });
}

export async function signedPackage(q: pg.Pool, head: { instance: string; state: string; created: string }, range: PackageRange, privateKeyPem: string) {
  const manifest = await packageManifest(q, head, range);
  return { datapackage: manifest, signature: await signManifest(manifest, privateKeyPem) };
}
