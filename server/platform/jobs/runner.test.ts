import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { connectTestDatabase } from '../../test/database';
import { dayIn } from '../clock';
import { startJobRunner } from './runner';

let db: Database;
beforeAll(async () => {
  db = await connectTestDatabase();
  await db.pool.query('truncate job_run');
});
afterAll(async () => db.close());

describe('the job runner', () => {
  it('records each run, keeps going after a failing job, and never overlaps runs', async () => {
    let running = 0;
    let maxRunning = 0;
    const runs: string[] = [];
    const slow = { name: 'slow', everyMinutes: 60, run: async (now: Date) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      runs.push(`slow ${now.toISOString().slice(0, 10)}`);
      running -= 1;
    } };
    const failing = { name: 'failing', everyMinutes: 60, run: async () => { throw new Error('SMTP relay unreachable'); } };
    const errors: string[] = [];
    const runner = startJobRunner(db.pool, [failing, slow], { now: () => new Date('2030-05-01T12:00:00Z'), autoStart: false, onError: (job) => errors.push(job) });
    await Promise.all([runner.runAll(), runner.runAll()]);
    await runner.stop();
    expect(runs).toEqual(['slow 2030-05-01', 'slow 2030-05-01']);
    expect(maxRunning).toBe(1);
    expect(errors).toEqual(['failing', 'failing']);
    const { rows } = await db.pool.query(`select name, last_run_for::text as day, last_error from job_run order by name`);
    expect(rows).toEqual([
      { name: 'failing', day: '2030-05-01', last_error: 'SMTP relay unreachable' },
      { name: 'slow', day: '2030-05-01', last_error: null },
    ]);
    // Stopped: nothing runs any more.
    await runner.runAll();
    expect(runs).toHaveLength(2);
  });

  it('tells the day in the instance\'s time zone', () => {
    const lateEvening = new Date('2030-03-15T02:30:00Z');
    expect(dayIn(lateEvening, 'UTC')).toBe('2030-03-15');
    expect(dayIn(lateEvening, 'America/Asuncion')).toBe('2030-03-14');
  });
});
