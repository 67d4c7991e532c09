import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { connectTestDatabase } from '../../test/database';
import { dayIn } from '../clock';
import { dueTime, startJobRunner } from './runner';

let db: Database;
let other: Database;
beforeAll(async () => {
  db = await connectTestDatabase();
  other = await connectTestDatabase(); // a second app server's pool on the same database
  await db.pool.query('truncate job_run, job_slot');
});
afterAll(async () => { await db.close(); await other.close(); });

describe('the job runner', () => {
  it('runs each due time once, records each run, keeps going after a failing job, and never overlaps runs', async () => {
    let running = 0;
    let maxRunning = 0;
    const runs: string[] = [];
    const slow = { name: 'slow', everyMinutes: 60, run: async (_now: Date, dueAt: Date) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      runs.push(`slow ${dueAt.toISOString()}`);
      running -= 1;
    } };
    const failing = { name: 'failing', everyMinutes: 60, run: async () => { throw new Error('SMTP relay unreachable'); } };
    const errors: string[] = [];
    let now = new Date('2030-05-01T12:10:00Z');
    const runner = startJobRunner(db.pool, [failing, slow], { now: () => now, autoStart: false, onError: (job) => errors.push(job) });
    await Promise.all([runner.runAll(), runner.runAll()]);
    now = new Date('2030-05-01T12:59:59Z'); // the same due time (12:00)
    await runner.runAll();
    expect(runs).toEqual(['slow 2030-05-01T12:00:00.000Z']);
    now = new Date('2030-05-01T13:00:00Z'); // the next one
    await runner.runAll();
    await runner.stop();
    expect(runs).toEqual(['slow 2030-05-01T12:00:00.000Z', 'slow 2030-05-01T13:00:00.000Z']);
    expect(maxRunning).toBe(1);
    expect(errors).toEqual(['failing', 'failing']);
    const { rows } = await db.pool.query(`select name, last_run_for::text as day, last_error from job_run order by name`);
    expect(rows).toEqual([
      { name: 'failing', day: '2030-05-01', last_error: 'SMTP relay unreachable' },
      { name: 'slow', day: '2030-05-01', last_error: null },
    ]);
    const { rows: slots } = await db.pool.query(`select job, due_at, error, finished_at is not null as finished from job_slot order by job, due_at`);
    expect(slots.map((s) => [s.job, new Date(s.due_at).toISOString(), s.error, s.finished])).toEqual([
      ['failing', '2030-05-01T12:00:00.000Z', 'SMTP relay unreachable', true],
      ['failing', '2030-05-01T13:00:00.000Z', 'SMTP relay unreachable', true],
      ['slow', '2030-05-01T12:00:00.000Z', null, true],
      ['slow', '2030-05-01T13:00:00.000Z', null, true],
    ]);
    // Stopped: nothing runs any more.
    now = new Date('2030-05-01T14:00:00Z');
    await runner.runAll();
    expect(runs).toHaveLength(2);
  });

  it('runs a due time once across two app servers on one database, whichever starts first', async () => {
    const runs: string[] = [];
    const job = (server: string) => ({ name: 'shared', everyMinutes: 24 * 60, run: async (_now: Date, dueAt: Date) => {
      runs.push(`${server} ${dueAt.toISOString().slice(0, 10)}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    } });
    for (const day of ['2030-06-01', '2030-06-02', '2030-06-03', '2030-06-04', '2030-06-05']) {
      const at = () => new Date(`${day}T08:00:00Z`);
      const a = startJobRunner(db.pool, [job('a')], { now: at, autoStart: false });
      const b = startJobRunner(other.pool, [job('b')], { now: at, autoStart: false });
      await Promise.all([a.runAll(), b.runAll(), a.runAll(), b.runAll()]);
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(runs.map((run) => run.slice(2)).sort()).toEqual(['2030-06-01', '2030-06-02', '2030-06-03', '2030-06-04', '2030-06-05']);
  });

  it('falls due on fixed times counted from midnight UTC', () => {
    expect(dueTime(new Date('2030-05-01T12:34:56Z'), 60).toISOString()).toBe('2030-05-01T12:00:00.000Z');
    expect(dueTime(new Date('2030-05-01T12:34:56Z'), 6 * 60).toISOString()).toBe('2030-05-01T12:00:00.000Z');
    expect(dueTime(new Date('2030-05-01T11:59:59Z'), 6 * 60).toISOString()).toBe('2030-05-01T06:00:00.000Z');
    expect(dueTime(new Date('2030-05-01T23:59:59Z'), 24 * 60).toISOString()).toBe('2030-05-01T00:00:00.000Z');
  });

  it('tells the day in the instance\'s time zone', () => {
    const lateEvening = new Date('2030-03-15T02:30:00Z');
    expect(dayIn(lateEvening, 'UTC')).toBe('2030-03-15');
    expect(dayIn(lateEvening, 'America/Asuncion')).toBe('2030-03-14');
  });
});
