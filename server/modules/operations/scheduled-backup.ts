/**
 * Scheduled backups (BACKUP_DIR, BACKUP_EVERY_HOURS, BACKUP_KEEP): at each due
 * time the job runner (one app server wins the due time: server/platform/jobs/runner.ts)
 * writes an archive with the same code as `npm run backup`
 * (server/platform/backup/backup.ts) under a name made from the due time,
 * records it in `backup_run`, and deletes the archives it recorded earlier
 * beyond the newest BACKUP_KEEP. Files it did not record are never touched.
 *
 * A failure (directory missing or not writable, disk full, database away) is
 * recorded too, mailed to every active administrator in their language (once
 * per failed due time), and shown on their workspace until a later backup
 * succeeds (`backupStatus`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { BackupStatus } from '../../../shared/operations';
import { createBackup } from '../../platform/backup/backup';
import type { BackupSchedule } from '../../platform/config';
import { inTransaction } from '../../platform/db/database';
import type { Locale } from '../../platform/http/locale';
import { message } from '../../platform/http/messages';
import { notifyMailQueued, queueMail } from '../../platform/mail/mailer';
import { peopleHolding } from '../institutions/institutions.repository';
import { localeOr } from '../../../shared/i18n/languages';

/** nmirf-backup-20300501T120000Z.tar.gz: sorts by time, says when. */
export function archiveName(dueAt: Date): string {
  return `nmirf-backup-${dueAt.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}.tar.gz`;
}

export interface ScheduledBackupOptions {
  schedule: BackupSchedule;
  uploadDir: string;
  source: 'embedded' | 'postgres';
  publicUrl: string;
  /** The backup itself (tests replace it to simulate a full disk). */
  create?: typeof createBackup;
}

/** One due time: the archive, its record, retention; on failure the record, the mails, and the error thrown on. */
export async function runScheduledBackup(pool: pg.Pool, dueAt: Date, options: ScheduledBackupOptions): Promise<{ file: string; removed: string[] }> {
  const { dir, keep } = options.schedule;
  const file = path.join(dir, archiveName(dueAt));
  try {
    fs.mkdirSync(dir, { recursive: true });
    await (options.create ?? createBackup)(pool, { file, uploadDir: options.uploadDir, source: options.source });
  } catch (error) {
    await reportFailure(pool, dueAt, error instanceof Error ? error.message : String(error), options);
    throw error;
  }
  await pool.query(
    `insert into backup_run (due_at, file) values ($1, $2)
     on conflict (due_at) do update set file = excluded.file, error = null, finished_at = now()`, [dueAt.toISOString(), file]);
  return { file, removed: await applyRetention(pool, dir, keep) };
}

/** Deletes the recorded archives in `dir` beyond the newest `keep`, and marks them removed. */
async function applyRetention(pool: pg.Pool, dir: string, keep: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: number; file: string }>(
    `select id, file from backup_run where file is not null and removed_at is null order by due_at desc offset $1`, [keep]);
  const removed: string[] = [];
  for (const row of rows) {
    // Only archives this job wrote into this directory: a BACKUP_DIR changed since keeps its old archives.
    if (path.dirname(row.file) !== dir) continue;
    fs.rmSync(row.file, { force: true });
    await pool.query('update backup_run set removed_at = now() where id = $1', [row.id]);
    removed.push(row.file);
  }
  return removed;
}

async function reportFailure(pool: pg.Pool, dueAt: Date, error: string, options: ScheduledBackupOptions): Promise<void> {
  const due = `${dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const queued = await inTransaction(pool, async (tx) => {
    await tx.query(
      `insert into backup_run (due_at, error) values ($1, $2)
       on conflict (due_at) do update set error = excluded.error, file = null, finished_at = now()`, [dueAt.toISOString(), error]);
    let count = 0;
    for (const person of await peopleHolding(tx, ['administrator'], null)) {
      const locale: Locale = localeOr(person.locale);
      const params = { name: person.display_name, instance: options.publicUrl, due, error, dir: options.schedule.dir, link: `${options.publicUrl}/${locale}/workspace` };
      if (await queueMail(tx, {
        to: person.email,
        locale,
        subject: message('mail_backup_failed_subject', locale),
        text: message('mail_backup_failed_body', locale, params),
        dedupeKey: `backup-failed:${dueAt.toISOString()}:user:${person.id}`,
      })) count += 1;
    }
    return count;
  });
  if (queued) notifyMailQueued();
}

/** What administrators see: the latest success, and the failures since it (null once a backup succeeds). */
export async function backupStatus(pool: pg.Pool, schedule: BackupSchedule | null): Promise<BackupStatus> {
  const { rows: [success] } = await pool.query(
    `select due_at, finished_at, file from backup_run where file is not null order by due_at desc limit 1`);
  const { rows: [failing] } = await pool.query(
    `select min(due_at) as since, max(due_at) as last_due_at, count(*)::int as failures,
            (array_agg(error order by due_at desc))[1] as error
     from backup_run where error is not null and due_at > coalesce($1::timestamptz, '-infinity')`, [success?.due_at ?? null]);
  const iso = (value: string | Date) => new Date(value).toISOString();
  return {
    scheduled: schedule !== null,
    every_hours: schedule?.everyHours ?? null,
    keep: schedule?.keep ?? null,
    last_success: success ? { due_at: iso(success.due_at), finished_at: iso(success.finished_at), file: success.file } : null,
    failing: failing?.failures ? { since: iso(failing.since), last_due_at: iso(failing.last_due_at), error: failing.error, failures: failing.failures } : null,
  };
}
