import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { inTransaction } from '../db/database';
import { connectTestDatabase } from '../../test/database';
import { addressKey, Throttle, ThrottleUnavailable, TooManyAttempts, type ThrottleRule } from './login-throttle';

let db: Database;
let clock = Date.parse('2031-03-01T09:00:00Z');
const now = () => new Date(clock);
const throttle = new Throttle(now);
const MINUTE = 60_000;
const rule: ThrottleRule = { key: 'account:ana@example.org', limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => db.close());
beforeEach(async () => { await db.pool.query('truncate login_throttle'); });

const fail = (rules: ThrottleRule[] = [rule]) => inTransaction(db.pool, async (tx) => {
  const held = await throttle.hold(tx, rules);
  held.refuseIfLocked(rules, 'login_locked');
  await held.count(rules);
});

async function refusal(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return null;
}

describe('login throttle', () => {
  it('locks a key at its limit, for the lock duration, then starts afresh', async () => {
    for (let i = 0; i < 5; i += 1) await fail();
    const locked = await refusal(() => throttle.check(db.pool, [rule], 'login_locked'));
    expect(locked).toBeInstanceOf(TooManyAttempts);
    expect((locked as TooManyAttempts).retryAfterSeconds).toBe(15 * 60);
    expect((locked as TooManyAttempts).params).toEqual({ minutes: 15 });
    expect(await refusal(() => fail())).toBeInstanceOf(TooManyAttempts);

    clock += 15 * MINUTE - 1000;
    expect(((await refusal(() => throttle.check(db.pool, [rule], 'login_locked'))) as TooManyAttempts).retryAfterSeconds).toBe(1);
    clock += 1000;
    expect(await refusal(() => throttle.check(db.pool, [rule], 'login_locked'))).toBeNull();
    await fail(); // one failure after the lock counts as the first of a new window
    const { rows } = await db.pool.query('select failures, locked_until from login_throttle where key = $1', [rule.key]);
    expect(rows).toEqual([{ failures: 1, locked_until: null }]);
  });

  it('forgets failures older than the window', async () => {
    for (let i = 0; i < 4; i += 1) await fail();
    clock += 15 * MINUTE;
    for (let i = 0; i < 4; i += 1) await fail();
    expect(await refusal(() => throttle.check(db.pool, [rule], 'login_locked'))).toBeNull(); // 4 in this window
    await fail();
    expect(await refusal(() => throttle.check(db.pool, [rule], 'login_locked'))).toBeInstanceOf(TooManyAttempts);
  });

  it('fails closed: a database it cannot reach refuses with 503, never lets through', async () => {
    const broken = new pg.Pool({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 });
    broken.on('error', () => undefined);
    try {
      const error = await refusal(() => throttle.check(broken, [rule], 'login_locked'));
      expect(error).toBeInstanceOf(ThrottleUnavailable);
      expect((error as ThrottleUnavailable).statusCode).toBe(503);
      const client = await db.pool.connect();
      try {
        // A query error inside the transaction (here: the table is gone) is a refusal too.
        await client.query('begin');
        await client.query('alter table login_throttle rename to login_throttle_gone');
        expect(await refusal(() => throttle.hold(client, [rule]))).toBeInstanceOf(ThrottleUnavailable);
      } finally {
        await client.query('rollback');
        client.release();
      }
      expect((await db.pool.query('select count(*)::int as n from login_throttle')).rows[0].n).toBe(0);
    } finally {
      await broken.end();
    }
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:85a3:0042:1000:8a2e:0370:7334')).toBe('2001:db8:85a3:42::/64');
    expect(addressKey('2001:DB8:85a3:42::1')).toBe('2001:db8:85a3:42::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
