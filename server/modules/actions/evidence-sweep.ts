/**
 * Removes stored files that no row refers to. A file is written before the
 * transaction that records it; if the process dies in between, the file stays
 * behind with no row. Files are only considered once older than `graceHours`,
 * so an upload whose transaction is still running is never touched. Every
 * table that keeps a file of the upload store is asked: action evidence,
 * contribution evidence, the formal communications of the Network's join
 * requests and the documents of its agenda items.
 */
import type pg from 'pg';
import type { UploadStore } from '../../platform/files/uploads';

export async function sweepOrphanEvidence(pool: pg.Pool, store: UploadStore, now: Date, graceHours = 24): Promise<number> {
  const candidates = await store.filesOlderThan(new Date(now.getTime() - graceHours * 3_600_000));
  if (!candidates.length) return 0;
  const { rows } = await pool.query(
    `select stored_name from action_evidence where stored_name = any($1::text[])
     union select stored_name from contribution_evidence where stored_name = any($1::text[])
     union select stored_name from network_join_request where stored_name = any($1::text[])
     union select stored_name from network_agenda_document where stored_name = any($1::text[])`, [candidates]);
  const referenced = new Set(rows.map((row) => row.stored_name as string));
  const orphans = candidates.filter((name) => !referenced.has(name));
  for (const name of orphans) await store.remove(name);
  return orphans.length;
}
