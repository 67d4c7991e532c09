import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArchive } from '../../platform/backup/archive';
import { knownMigrations } from '../../platform/backup/schema-version';
import { readConfig, type Config } from '../../platform/config';
import { startJobRunner } from '../../platform/jobs/runner';
import { createSmtpTransport, deliverPending } from '../../platform/mail/mailer';
import { scheduledJobs } from '../../start';
import { buildApp } from '../../app';
import type { TestApp } from '../../test/app';
import { connectTestDatabase } from '../../test/database';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { mailSubject, mailText, startSmtpReceiver } from '../../test/smtp';
import { runScheduledBackup } from './scheduled-backup';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-scheduled-backup-'));
const backupDir = path.join(tmp, 'backups');
const uploadDir = path.join(tmp, 'uploads');
let t: TestApp;
let admin: Session;
let secretariat: Session;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

beforeAll(async () => {
  // The app with the backup settings (the workspace notice reads them); mail is delivered by the test.
  const db = await connectTestDatabase();
  const app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', auth: { config: settings() } });
  t = { app, db, close: async () => { await app.close(); await db.close(); } };
  await resetPeople(t.db);
  await t.db.pool.query('truncate job_slot, job_run, backup_run');
  await createPerson(t.db, 'admin.es@example.org', 'administrator');
  await createPerson(t.db, 'admin.fr@example.org', 'administrator');
  await createPerson(t.db, 'retired.admin@example.org', 'administrator');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await t.db.pool.query(`update app_user set locale = 'es' where email = 'admin.es@example.org'`);
  await t.db.pool.query(`update app_user set locale = 'fr' where email = 'admin.fr@example.org'`);
  await t.db.pool.query(`update app_user set active = false where email = 'retired.admin@example.org'`);
  admin = await signIn(t.app, 'admin.es@example.org');
  secretariat = await signIn(t.app, 'secretariat@example.org');
  fs.mkdirSync(uploadDir, { recursive: true });
  fs.writeFileSync(path.join(uploadDir, 'evidence.pdf'), '%PDF-1.4 evidence');
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.close();
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const settings = (extra: Record<string, string> = {}): Config => readConfig({
  BACKUP_DIR: backupDir, BACKUP_EVERY_HOURS: '6', BACKUP_KEEP: '2', UPLOAD_DIR: uploadDir,
  PUBLIC_URL: 'https://nmirf.example.org', ...extra,
});

/** The backup job as the server runs it, "at" a time of the app clock. */
async function runAt(iso: string, config = settings()) {
  const errors: string[] = [];
  const runner = startJobRunner(t.db.pool, scheduledJobs(t.db, config).filter((job) => job.name === 'backup'), {
    now: () => new Date(iso), autoStart: false, onError: (_job, error) => errors.push((error as Error).message),
  });
  await runner.runAll();
  await runner.runAll(); // a second try at the same due time does nothing
  await runner.stop();
  return errors;
}

const status = async (who = admin) => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/admin/backups', headers: as(who) });
  return { code: response.statusCode, body: response.json() };
};
const archives = () => fs.readdirSync(backupDir).sort();

describe('scheduled backups', () => {
  it('write an archive at each due time that carries a manifest restore accepts, and keep the newest BACKUP_KEEP', async () => {
    expect((await status()).body).toEqual({ scheduled: true, every_hours: 6, keep: 2, last_success: null, failing: null });
    fs.mkdirSync(backupDir);
    fs.writeFileSync(path.join(backupDir, 'notes.txt'), 'kept by hand');
    fs.writeFileSync(path.join(backupDir, 'nmirf-backup-19990101T000000Z.tar.gz'), 'an archive someone copied here');

    expect(await runAt('2030-05-01T06:10:00Z')).toEqual([]);
    expect(archives()).toEqual(['nmirf-backup-19990101T000000Z.tar.gz', 'nmirf-backup-20300501T060000Z.tar.gz', 'notes.txt']);
    const extracted = fs.mkdtempSync(path.join(tmp, 'extract-'));
    const digests = await extractArchive(path.join(backupDir, 'nmirf-backup-20300501T060000Z.tar.gz'), (name) => {
      const target = path.join(extracted, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      return target;
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(extracted, 'manifest.json'), 'utf8'));
    expect(manifest.schema.migrations).toEqual(knownMigrations().map((entry) => entry.tag));
    const { 'manifest.json': _manifest, ...members } = digests;
    expect(members).toEqual(manifest.members);
    expect(Object.keys(members)).toContain('files/evidence.pdf');
    expect(manifest.tables.find((table: { name: string }) => table.name === 'app_user').rows).toBe(4);

    expect(await runAt('2030-05-01T12:00:00Z')).toEqual([]);
    expect(await runAt('2030-05-01T17:59:59Z')).toEqual([]); // still the 12:00 due time: nothing new
    expect(await runAt('2030-05-01T18:00:01Z')).toEqual([]);
    // The oldest of its own archives is gone; files it did not write stay.
    expect(archives()).toEqual([
      'nmirf-backup-19990101T000000Z.tar.gz', 'nmirf-backup-20300501T120000Z.tar.gz', 'nmirf-backup-20300501T180000Z.tar.gz', 'notes.txt',
    ]);
    const { code, body } = await status();
    expect(code).toBe(200);
    expect(body.last_success).toMatchObject({ due_at: '2030-05-01T18:00:00.000Z', file: path.join(backupDir, 'nmirf-backup-20300501T180000Z.tar.gz') });
    expect(body.failing).toBeNull();
    expect((await status(secretariat)).code).toBe(403);
  });

  it('report a failure to every active administrator by email in their language and on their workspace until a backup succeeds', async () => {
    await t.db.pool.query('truncate mail_outbox');
    const transport = createSmtpTransport(readConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'NMIRF <nmirf@example.org>' }))!;
    try {
      // A BACKUP_DIR that cannot be a directory (a file is in the way): the backup fails, nothing is written.
      const blocked = path.join(tmp, 'a-file');
      fs.writeFileSync(blocked, '');
      expect(await runAt('2030-05-02T00:05:00Z', settings({ BACKUP_DIR: path.join(blocked, 'backups') }))).toEqual([expect.stringMatching(/ENOTDIR|EEXIST/)]);
      await deliverPending(t.db, transport);
      expect(smtp.received.map((mail) => mail.to.join(',')).sort()).toEqual(['admin.es@example.org', 'admin.fr@example.org']);
      const es = smtp.received.find((mail) => mail.to.includes('admin.es@example.org'))!;
      const fr = smtp.received.find((mail) => mail.to.includes('admin.fr@example.org'))!;
      expect(mailSubject(es.raw)).toBe('Falló la copia de seguridad programada');
      expect(mailSubject(fr.raw)).toBe('La sauvegarde programmée a échoué');
      expect(mailText(es.raw)).toContain('prevista para 2030-05-02 00:00 UTC');
      expect(mailText(es.raw)).toContain('https://nmirf.example.org/es/workspace');
      expect(mailText(fr.raw)).toContain(path.join(blocked, 'backups'));
      let shown = (await status()).body;
      expect(shown.failing).toMatchObject({ since: '2030-05-02T00:00:00.000Z', last_due_at: '2030-05-02T00:00:00.000Z', failures: 1 });
      expect(shown.failing.error).toMatch(/ENOTDIR|EEXIST/);
      expect(shown.last_success.due_at).toBe('2030-05-01T18:00:00.000Z');

      // A full disk at the next due time (simulated): mailed again, the notice stays with the newest reason.
      const full = settings();
      const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      await expect(runScheduledBackup(t.db.pool, new Date('2030-05-02T06:00:00Z'), {
        schedule: full.backup!, uploadDir, source: t.db.kind, publicUrl: full.publicUrl, create: async () => { throw diskFull; },
      })).rejects.toThrow('ENOSPC');
      await deliverPending(t.db, transport);
      expect(smtp.received).toHaveLength(4);
      expect(mailText(smtp.received[3].raw)).toContain('ENOSPC: no space left on device');
      shown = (await status()).body;
      expect(shown.failing).toMatchObject({ since: '2030-05-02T00:00:00.000Z', last_due_at: '2030-05-02T06:00:00.000Z', failures: 2, error: 'ENOSPC: no space left on device, write' });

      // The next backup succeeds: the notice is gone.
      expect(await runAt('2030-05-02T12:00:00Z')).toEqual([]);
      shown = (await status()).body;
      expect(shown.failing).toBeNull();
      expect(shown.last_success.due_at).toBe('2030-05-02T12:00:00.000Z');
      await deliverPending(t.db, transport);
      expect(smtp.received).toHaveLength(4);
    } finally {
      transport.close?.();
    }
  });
});
