/**
 * Running the instance: which scheduled job ran for which due time (so that
 * several app servers on one database run each once), and the scheduled
 * backups with their outcome (what retention may delete, and the notice
 * administrators see while backups fail).
 */
import { sql } from 'drizzle-orm';
import { bigserial, check, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per job and due time, inserted by the process that runs it: the
 * primary key makes the insert a claim only one process wins.
 */
export const jobSlot = pgTable('job_slot', {
  job: text('job').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  error: text('error'),
}, (t) => [primaryKey({ columns: [t.job, t.dueAt] })]);

/** A scheduled backup: the archive it wrote, or why it failed; `removed_at` once retention deleted the archive. */
export const backupRun = pgTable('backup_run', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull().unique(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  file: text('file'),
  error: text('error'),
  removedAt: timestamp('removed_at', { withTimezone: true }),
}, (t) => [
  check('backup_run_outcome', sql`(${t.file} is null) <> (${t.error} is null)`),
]);
