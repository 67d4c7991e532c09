/**
 * Scheduled jobs, run in the app process. Each job runs at start-up (to catch
 * up on whatever fell due while the process was down) and then every
 * `everyMinutes`. Jobs must be idempotent (the round notices are, through the
 * outbox's dedupe keys): that is what makes a restart, an overlap with another
 * app server, or a run twice in a day harmless. The last run and its error are
 * kept in `job_run` for whoever looks after the instance.
 *
 * The clock is a parameter so that tests (and a manual catch-up) can run a job
 * "on" any day.
 */
import type pg from 'pg';

export interface Job {
  name: string;
  everyMinutes: number;
  run(now: Date): Promise<unknown>;
}

export interface JobRunner {
  /** Runs every job once now (awaits any run in progress first). */
  runAll(): Promise<void>;
  stop(): Promise<void>;
}

export function startJobRunner(
  pool: pg.Pool, jobs: Job[], options: { now?: () => Date; onError?: (job: string, error: unknown) => void; autoStart?: boolean } = {},
): JobRunner {
  const now = options.now ?? (() => new Date());
  const timers: NodeJS.Timeout[] = [];
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const runOne = (job: Job) => {
    // One run at a time in this process: runs queue behind each other instead of overlapping.
    chain = chain.then(async () => {
      if (stopped) return;
      const at = now();
      let failure: string | null = null;
      try {
        await job.run(at);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        options.onError?.(job.name, error);
      }
      await pool.query(
        `insert into job_run (name, last_run_at, last_run_for, last_error) values ($1, $2, $3, $4)
         on conflict (name) do update set last_run_at = excluded.last_run_at, last_run_for = excluded.last_run_for, last_error = excluded.last_error`,
        [job.name, at.toISOString(), at.toISOString().slice(0, 10), failure],
      ).catch((error) => options.onError?.(job.name, error));
    });
    return chain;
  };

  if (options.autoStart !== false) {
    for (const job of jobs) {
      void runOne(job);
      const timer = setInterval(() => void runOne(job), job.everyMinutes * 60_000);
      timer.unref();
      timers.push(timer);
    }
  }

  return {
    async runAll() {
      for (const job of jobs) await runOne(job);
    },
    async stop() {
      stopped = true; // runs queued from now on are skipped
      for (const timer of timers) clearInterval(timer);
      await chain; // the run in progress finishes before the database closes
    },
  };
}
