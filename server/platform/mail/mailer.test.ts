import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectTestDatabase } from '../../test/database';
import { readConfig } from '../config';
import { inTransaction, type Database } from '../db/database';
import { deliverPending, notifyMailQueued, queueMail, startMailDelivery, type MailTransport } from './mailer';

let db: Database;

beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => db.close());
beforeEach(async () => { await db.pool.query('truncate mail_outbox restart identity'); });

class FakeTransport implements MailTransport {
  sent: { to: string; subject: string; text: string }[] = [];
  failWith: string | null = null;
  constructor(private readonly delayMs = 0) {}
  async sendMail(message: { to: string; subject: string; text: string }) {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failWith) throw new Error(this.failWith);
    this.sent.push(message);
    return {};
  }
}

const outbox = async () => (await db.pool.query(
  'select id, to_address, sent_at is not null as sent, attempts, last_error from mail_outbox order by id',
)).rows;

describe('outbox', () => {
  it('queues inside the caller\'s transaction, once per dedupe key, and not at all on rollback', async () => {
    const results = await inTransaction(db.pool, async (tx) => [
      await queueMail(tx, { to: 'a@example.org', locale: 'en', subject: 'S', text: 'T', dedupeKey: 'reminder:1' }),
      await queueMail(tx, { to: 'a@example.org', locale: 'en', subject: 'S', text: 'T', dedupeKey: 'reminder:1' }),
      await queueMail(tx, { to: 'b@example.org', locale: 'en', subject: 'S', text: 'T' }),
    ]);
    expect(results).toEqual([true, false, true]);
    await inTransaction(db.pool, async (tx) => {
      await queueMail(tx, { to: 'c@example.org', locale: 'en', subject: 'S', text: 'T' });
      throw new Error('the use case failed');
    }).catch(() => undefined);
    expect((await outbox()).map((r) => r.to_address)).toEqual(['a@example.org', 'b@example.org']);
  });

  it('delivers waiting mail, records failures and does not retry before the back-off', async () => {
    await inTransaction(db.pool, async (tx) => {
      await queueMail(tx, { to: 'a@example.org', locale: 'en', subject: 'One', text: 'First' });
      await queueMail(tx, { to: 'b@example.org', locale: 'en', subject: 'Two', text: 'Second' });
    });
    const transport = new FakeTransport();
    transport.failWith = 'connection refused';
    expect(await deliverPending(db, transport)).toEqual({ sent: 0, failed: 2 });
    expect(await outbox()).toEqual([
      { id: 1, to_address: 'a@example.org', sent: false, attempts: 1, last_error: 'connection refused' },
      { id: 2, to_address: 'b@example.org', sent: false, attempts: 1, last_error: 'connection refused' },
    ]);
    transport.failWith = null;
    expect(await deliverPending(db, transport)).toEqual({ sent: 0, failed: 0 }); // next try in 30 s
    await db.pool.query("update mail_outbox set created_at = created_at - interval '31 seconds'");
    expect(await deliverPending(db, transport)).toEqual({ sent: 2, failed: 0 });
    expect(transport.sent.map((m) => m.subject)).toEqual(['One', 'Two']);
    expect((await outbox()).map((r) => [r.sent, r.attempts, r.last_error])).toEqual([[true, 2, null], [true, 2, null]]);
    expect(await deliverPending(db, transport)).toEqual({ sent: 0, failed: 0 });
  });

  it('the HTML of a mail says its language and direction: right to left in Arabic', async () => {
    await inTransaction(db.pool, async (tx) => {
      await queueMail(tx, { to: 'a@example.org', locale: 'ar', subject: 'S', text: 'T' });
      await queueMail(tx, { to: 'b@example.org', locale: 'fr', subject: 'S', text: 'T' });
    });
    const sent: { to: string; html?: string }[] = [];
    expect(await deliverPending(db, { sendMail: async (message) => { sent.push(message); } })).toEqual({ sent: 2, failed: 0 });
    const html = (to: string) => sent.find((message) => message.to === to)?.html ?? '';
    expect(html('a@example.org')).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    expect(html('a@example.org')).toContain('<div lang="ar" dir="rtl" style="max-width:640px">');
    expect(html('b@example.org')).toMatch(/^<!DOCTYPE html>\n<html lang="fr" dir="ltr">/);
  });

  it('never sends one row twice when two deliverers run at once', async () => {
    await inTransaction(db.pool, async (tx) => {
      for (let i = 1; i <= 6; i += 1) await queueMail(tx, { to: `p${i}@example.org`, locale: 'en', subject: `M${i}`, text: 'x' });
    });
    const one = new FakeTransport(20);
    const two = new FakeTransport(20);
    const results = await Promise.all([deliverPending(db, one), deliverPending(db, two)]);
    expect(results[0].sent + results[1].sent).toBe(6);
    const subjects = [...one.sent, ...two.sent].map((m) => m.subject).sort();
    expect(subjects).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect((await outbox()).every((r) => r.sent && r.attempts === 1)).toBe(true);
  });

  it('without SMTP settings delivers nothing: the mail stays in the outbox', async () => {
    const delivery = startMailDelivery(db, readConfig({}));
    expect(delivery.enabled).toBe(false);
    await inTransaction(db.pool, (tx) => queueMail(tx, { to: 'a@example.org', locale: 'en', subject: 'S', text: 'T' }));
    notifyMailQueued();
    await delivery.stop();
    expect(await outbox()).toEqual([{ id: 1, to_address: 'a@example.org', sent: false, attempts: 0, last_error: null }]);
  });

  it('a running loop sends right after a queued mail is committed, and stops cleanly', async () => {
    const transport = new FakeTransport();
    const delivered = new Promise<void>((resolve) => {
      const send = transport.sendMail.bind(transport);
      transport.sendMail = async (message) => { const result = await send(message); resolve(); return result; };
    });
    // A poll interval of an hour: only the nudge can deliver within this test.
    const delivery = startMailDelivery(db, readConfig({ MAIL_POLL_SECONDS: '3600' }), { transport });
    expect(delivery.enabled).toBe(true);
    await inTransaction(db.pool, (tx) => queueMail(tx, { to: 'a@example.org', locale: 'en', subject: 'Now', text: 'T' }));
    notifyMailQueued();
    await delivered;
    await inTransaction(db.pool, (tx) => queueMail(tx, { to: 'b@example.org', locale: 'en', subject: 'Later', text: 'T' }));
    notifyMailQueued();
    await delivery.stop(); // waits for the delivery it was nudged to do, and its commit
    expect(transport.sent.map((m) => m.subject)).toEqual(['Now', 'Later']);
    expect((await outbox()).map((r) => r.sent)).toEqual([true, true]);
  });
});
