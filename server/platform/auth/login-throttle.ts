/**
 * Counters of failed sign-ins (and of password-reset requests) per key —
 * `account:<email>`, `address:<ip>` (IPv6: its /64), … — in the `login_throttle` table, so
 * every app server sees the same counts.
 *
 * It fails closed: when the counters cannot be read or written, the request
 * is refused with 503, never let through unchecked.
 *
 * Concurrency: `hold` creates the rows and locks them (`for update`) inside
 * the caller's transaction, so parallel attempts on one key are decided one
 * after the other; an attempt that finds the key locked gets 429 whatever the
 * password was, so a burst of guesses learns no more than `limit` answers.
 */
import type pg from 'pg';
import type { Config } from '../config';
import { HttpError } from '../http/errors';
import type { MessageKey } from '../http/messages';

export interface ThrottleRule {
  key: string;
  /** Failures (or hits) within the window that lock the key. */
  limit: number;
  windowMs: number;
  lockMs: number;
}

type Queryable = Pick<pg.PoolClient, 'query'>;
type Settings = Config['loginThrottle'];
const MINUTE = 60_000;

/** 429 with the seconds to wait (the route sends them as `retry-after`). */
export class TooManyAttempts extends HttpError {
  constructor(messageKey: MessageKey, readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', messageKey, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}

/** 503: the throttle could not be consulted, so the request is refused. `cause` holds the database error. */
export class ThrottleUnavailable extends HttpError {
  constructor(readonly cause: unknown) {
    super(503, 'service_unavailable', 'auth_unavailable');
  }
}

/**
 * The part of a client address that identifies one client: IPv4 as is, IPv6
 * by its /64 (one subscriber's network; a client can pick any address in it).
 */
export function addressKey(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function loginRules(settings: Settings, email: string, address: string): { account: ThrottleRule; address: ThrottleRule } {
  const windowMs = settings.windowMinutes * MINUTE;
  const lockMs = settings.lockMinutes * MINUTE;
  return {
    account: { key: `account:${email.trim().toLowerCase()}`, limit: settings.accountFailures, windowMs, lockMs },
    address: { key: `address:${addressKey(address)}`, limit: settings.addressFailures, windowMs, lockMs },
  };
}

export function passwordResetRules(settings: Settings, email: string, address: string): { account: ThrottleRule; address: ThrottleRule } {
  const windowMs = settings.windowMinutes * MINUTE;
  const lockMs = settings.lockMinutes * MINUTE;
  return {
    account: { key: `reset-account:${email.trim().toLowerCase()}`, limit: settings.resetMailsPerAccount, windowMs, lockMs },
    address: { key: `reset-address:${addressKey(address)}`, limit: settings.resetRequestsPerAddress, windowMs, lockMs },
  };
}

interface Row {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new ThrottleUnavailable(error);
  }
}

export class Throttle {
  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * A cheap read before any expensive work (hashing): refuses with 429 when a
   * key is locked. Not a decision by itself: `hold` decides under row locks.
   */
  async check(q: Queryable, rules: ThrottleRule[], messageKey: MessageKey): Promise<void> {
    const now = this.now();
    const { rows } = await guarded(() => q.query<{ locked_until: Date }>(
      'select locked_until from login_throttle where key = any($1::text[]) and locked_until > $2',
      [rules.map((r) => r.key), now],
    ));
    refuse(rows.map((r) => r.locked_until), now, messageKey);
  }

  /** Creates and locks the rows of these keys in the caller's transaction. */
  async hold(tx: Queryable, rules: ThrottleRule[]): Promise<HeldThrottle> {
    const now = this.now();
    const keys = [...new Set(rules.map((r) => r.key))].sort();
    const rows = await guarded(async () => {
      await tx.query(
        `insert into login_throttle (key, failures, window_started_at)
         select key, 0, $2 from unnest($1::text[]) as key on conflict (key) do nothing`,
        [keys, now],
      );
      const result = await tx.query<Row>(
        'select key, failures, window_started_at, locked_until from login_throttle where key = any($1::text[]) order by key for update',
        [keys],
      );
      return result.rows;
    });
    return new HeldThrottle(tx, now, new Map(rows.map((row) => [row.key, row])));
  }
}

export class HeldThrottle {
  constructor(private readonly tx: Queryable, private readonly now: Date, private readonly rows: Map<string, Row>) {}

  /** The end of the lock on this key, if it is locked now. */
  lockedUntil(rule: ThrottleRule): Date | null {
    const until = this.rows.get(rule.key)?.locked_until;
    return until && until > this.now ? until : null;
  }

  /** 429 when any of these keys is locked. */
  refuseIfLocked(rules: ThrottleRule[], messageKey: MessageKey): void {
    refuse(rules.map((r) => this.lockedUntil(r)), this.now, messageKey);
  }

  /** Counts one failure (or one request) on each key; a key that reaches its limit is locked. */
  async count(rules: ThrottleRule[]): Promise<void> {
    for (const rule of rules) {
      const row = this.rows.get(rule.key);
      if (!row) throw new ThrottleUnavailable(new Error(`throttle row ${rule.key} was not held`));
      const windowOver = row.window_started_at.getTime() + rule.windowMs <= this.now.getTime();
      const lockOver = row.locked_until !== null && row.locked_until <= this.now;
      const fresh = windowOver || lockOver;
      const failures = fresh ? 1 : row.failures + 1;
      const windowStartedAt = fresh ? this.now : row.window_started_at;
      const lockedUntil = failures >= rule.limit ? new Date(this.now.getTime() + rule.lockMs) : (fresh ? null : row.locked_until);
      await guarded(() => this.tx.query(
        'update login_throttle set failures = $2, window_started_at = $3, locked_until = $4 where key = $1',
        [rule.key, failures, windowStartedAt, lockedUntil],
      ));
      Object.assign(row, { failures, window_started_at: windowStartedAt, locked_until: lockedUntil });
    }
  }

  /** Forgets the failures of these keys (a successful sign-in clears its account). */
  async clear(rules: ThrottleRule[]): Promise<void> {
    const keys = rules.map((r) => r.key);
    await guarded(() => this.tx.query('delete from login_throttle where key = any($1::text[])', [keys]));
    for (const key of keys) this.rows.delete(key);
  }

  /** Removes the rows `hold` created that hold nothing worth keeping, and long-finished ones. */
  async tidy(): Promise<void> {
    await guarded(() => this.tx.query(
      `delete from login_throttle
       where (key = any($1::text[]) and failures = 0 and locked_until is null)
          or (window_started_at < $2 and (locked_until is null or locked_until < $2))`,
      [[...this.rows.keys()], new Date(this.now.getTime() - 24 * 60 * MINUTE)],
    ));
  }
}

function refuse(locks: (Date | null)[], now: Date, messageKey: MessageKey): void {
  const latest = Math.max(0, ...locks.map((d) => d?.getTime() ?? 0));
  if (latest > now.getTime()) throw new TooManyAttempts(messageKey, Math.ceil((latest - now.getTime()) / 1000));
}
