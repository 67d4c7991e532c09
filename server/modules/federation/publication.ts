/**
 * The publication sequence of a national instance (docs/decisions/0017-federation.md).
 *
 * A version is one publication: the set of public records (public-records.ts) as they were at that
 * moment. `refreshPublication` compares what is public now with the last version of each record
 * (by the SHA-256 of its canonical JSON) and, if anything differs, writes the new bodies and a
 * tombstone for each record no longer public under the next version, in one transaction. Nothing
 * is compared while the content versions that every public write bumps (catalogue_state, decision
 * 0006; public_content_state, decisions 0010 and 0015) are those the last refresh read.
 * It runs in the `federation-publication` job (publication-job.ts), never in a public answer: those
 * only read what the last refresh wrote.
 * Every version of every record is kept, so a package for (since, version] reads the same bytes
 * whenever it is asked for: the manifest's checksums hold for its pages while later versions are
 * published.
 */
import type pg from 'pg';
import { canonicalJson } from '../../../shared/canonical-json';
import { inTransaction } from '../../platform/db/database';
import { sha256 } from './package-signature';
import { publicRecords, RECORD_KINDS, type RecordKind } from './public-records';

type Queryable = pg.Pool | pg.PoolClient;

/** The content versions public answers are validated with: when they have not moved, no public record has changed. */
async function sourceVersions(q: Queryable): Promise<string> {
  const { rows } = await q.query(`select (select version from catalogue_state)::text || ':' || reference_version || ':' || follow_up_version as v from public_content_state`);
  return rows[0].v;
}

export interface PublicationState { instanceId: string; version: number }

export async function publicationState(q: Queryable): Promise<PublicationState> {
  await q.query('insert into federation_state (singleton) values (true) on conflict do nothing');
  const { rows } = await q.query('select instance_id, version from federation_state');
  return { instanceId: rows[0].instance_id, version: Number(rows[0].version) };
}

/** The publication as the last refresh left it, read only (null: the sequence's row is missing, nothing was ever published). */
export async function readPublication(q: Queryable): Promise<PublicationState | null> {
  const { rows } = await q.query('select instance_id, version from federation_state');
  return rows[0] ? { instanceId: rows[0].instance_id, version: Number(rows[0].version) } : null;
}

/** Publishes what changed since the last version; answers the current version. One refresh at a time (row lock). */
export async function refreshPublication(pool: pg.Pool): Promise<PublicationState> {
  const state = await publicationState(pool);
  if ((await pool.query('select source_versions from federation_state')).rows[0].source_versions === await sourceVersions(pool)) return state;
  return inTransaction(pool, async (tx) => {
    const { rows: [current] } = await tx.query('select instance_id, version, source_versions from federation_state for update');
    // Read before the records: a write after this point moves them again and the next refresh compares again.
    const sources = await sourceVersions(tx);
    const version = Number(current.version);
    if (current.source_versions === sources) return { instanceId: current.instance_id, version };
    const latest = new Map<string, string>();
    const { rows: known } = await tx.query(`select kind, record_id, digest from (
        select distinct on (kind, record_id) kind, record_id, deleted, digest from federation_record order by kind, record_id, version desc) x
      where not deleted`);
    for (const row of known) latest.set(`${row.kind}:${row.record_id}`, row.digest);
    const next = version + 1;
    const changed: { kind: RecordKind; record_id: number; digest: string; body: unknown }[] = [];
    let live = 0;
    const write = async (force: boolean) => {
      if (!changed.length || (!force && changed.length < 1000)) return;
      await tx.query(
        `insert into federation_record (kind, record_id, version, deleted, digest, body)
         select c.kind, c.record_id, $2, c.body is null, c.digest, c.body from jsonb_to_recordset($1::jsonb) as c(kind text, record_id bigint, digest text, body jsonb)`,
        [JSON.stringify(changed), next]);
      changed.length = 0;
    };
    let written = 0;
    let tombstones = 0;
    for (const kind of RECORD_KINDS) {
      for await (const batch of publicRecords(tx, kind)) {
        for (const { id, body } of batch) {
          live++;
          const key = `${kind}:${id}`;
          const digest = sha256(canonicalJson(body));
          if (latest.get(key) !== digest) {
            changed.push({ kind, record_id: id, digest, body });
            written++;
          }
          latest.delete(key);
        }
        await write(false);
      }
    }
    // What was public and is not any more: a tombstone each.
    for (const key of latest.keys()) {
      const [kind, id] = key.split(':');
      changed.push({ kind: kind as RecordKind, record_id: Number(id), digest: sha256('deleted'), body: null });
      tombstones++;
    }
    await write(true);
    if (written + tombstones > 0) {
      await tx.query('insert into federation_publication (version, records, tombstones) values ($1, $2, $3)', [next, live, tombstones]);
    }
    const published = written + tombstones > 0 ? next : version;
    await tx.query('update federation_state set version = $1, source_versions = $2, refreshed_at = now()', [published, sources]);
    return { instanceId: current.instance_id, version: published };
  });
}

/** The records of `kind` as version `version` left them, changed after `since` (0: all), live or tombstones, in id order. */
export async function recordsAt(
  q: Queryable, kind: RecordKind, { version, since }: { version: number; since: number }, deleted: boolean, offset: number, limit: number,
): Promise<{ id: number; version: number; body: unknown }[]> {
  const { rows } = await q.query(
    `select record_id, version, body from (
       select distinct on (record_id) record_id, version, deleted, body from federation_record
       where kind = $1 and version <= $2 and version > $3 order by record_id, version desc) x
     where deleted = $4 order by record_id offset $5 limit $6`,
    [kind, version, since, deleted, offset, limit]);
  return rows.map((row) => ({ id: Number(row.record_id), version: Number(row.version), body: row.body }));
}

/** Whether `version` was published (0 — nothing — counts as published). */
export async function isPublished(q: Queryable, version: number): Promise<boolean> {
  if (version === 0) return true;
  const { rows } = await q.query('select 1 from federation_publication where version = $1', [version]);
  return rows.length > 0;
}
