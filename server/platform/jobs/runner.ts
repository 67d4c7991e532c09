/**
 * Scheduled jobs, run in the app process. A job falls due at fixed times: every
 * `everyMinutes` counted from midnight UTC (hourly on the hour, daily at
 * midnight UTC, every 6 hours at 00, 06, 12, 18 UTC). The runner tries each job
 * at start-up (to catch up on a due time that passed while the process was
 * down) and then at each due time.
 *
 * Each due time runs once across every app server on the database: before
 * running, a process inserts the row (job, due time) into `job_slot`, whose
 * primary key lets only one insert succeed; the others see the row and skip
 * that due time. That is a database claim, not a timing assumption: two servers
 * starting in the same millisecond still run the job once. A process that dies
 * mid-run leaves its slot claimed and the job runs again at the next due time
 * (the jobs are idempotent anyway: the round and obligation notices have dedupe
 * keys in the outbox). The embedded database takes the same path with its one
 * process. The last run and its error are also kept in `job_run` for whoever
 * looks after the instance.
 *
 * The clock is a parameter so that tests (and a manual catch-up) can run a job
 * "at" any time.
 */
import type pg from 'pg';

export interface Job {
  name: string;
  everyMinutes: number;
  /** `dueAt` is the due time being run (the start of the period that holds `now`). */
  run(now: Date, dueAt: Date): Promise<unknown>;
}

export interface JobRunner {
  /** Tries every job now (after any run in progress): each runs unless its current due time already ran. */
  runAll(): Promise<void>;
  stop(): Promise<void>;
}

/** The due time a job of this period is at: the latest multiple of the period since the epoch (UTC) not after `now`. */
export function dueTime(now: Date, everyMinutes: number): Date {
  const period = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / period) * period);
}

/** Inserts the (job, due time) row; true when this call made it (and so must run the job). */
export async function claimSlot(pool: pg.Pool, job: string, dueAt: Date): Promise<boolean> {
  const { rowCount } = await pool.query(
    'insert into job_slot (job, due_at) values ($1, $2) on conflict do nothing', [job, dueAt.toISOString()]);
  return rowCount === 1;
}

const MAX_TIMER_MS = 60 * 60_000;

export function startJobRunner(
  pool: pg.Pool, jobs: Job[], options: { now?: () => Date; onError?: (job: string, error: unknown) => void; autoStart?: boolean } = {},
): JobRunner {
  const now = options.now ?? (() => new Date());
  const timers = new Map<string, NodeJS.Timeout>();
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const runOne = (job: Job) => {
    // One run at a time in this process: runs queue behind each other instead of overlapping.
    chain = chain.then(async () => {
      if (stopped) return;
      const at = now();
      const dueAt = dueTime(at, job.everyMinutes);
      let claimed: boolean;
      try {
        claimed = await claimSlot(pool, job.name, dueAt);
      } catch (error) {
        options.onError?.(job.name, error); // the database is away: the next due time tries again
        return;
      }
      if (!claimed) return; // this due time ran already, here or on another server
      let failure: string | null = null;
      try {
        await job.run(at, dueAt);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        options.onError?.(job.name, error);
      }
      await pool.query('update job_slot set finished_at = now(), error = $3 where job = $1 and due_at = $2', [job.name, dueAt.toISOString(), failure])
        .catch((error) => options.onError?.(job.name, error));
      await pool.query(
        `insert into job_run (name, last_run_at, last_run_for, last_error) values ($1, $2, $3, $4)
         on conflict (name) do update set last_run_at = excluded.last_run_at, last_run_for = excluded.last_run_for, last_error = excluded.last_error`,
        [job.name, at.toISOString(), at.toISOString().slice(0, 10), failure],
      ).catch((error) => options.onError?.(job.name, error));
    });
    return chain;
  };

  /** Wakes at the job's next due time (or within the hour, for long periods) and tries it. */
  const schedule = (job: Job) => {
    if (stopped) return;
    const current = now();
    const next = dueTime(current, job.everyMinutes).getTime() + job.everyMinutes * 60_000;
    const timer = setTimeout(() => {
      void runOne(job).then(() => schedule(job));
    }, Math.min(Math.max(next - current.getTime(), 0) + 250, MAX_TIMER_MS));
    timer.unref();
    timers.set(job.name, timer);
  };

  if (options.autoStart !== false) {
    for (const job of jobs) {
      void runOne(job);
      schedule(job);
    }
  }

  return {
    async runAll() {
      for (const job of jobs) await runOne(job);
    },
    async stop() {
      stopped = true; // runs queued from now on are skipped
      for (const timer of timers.values()) clearTimeout(timer);
      await chain; // the run in progress finishes before the database closes
    },
  };
}
