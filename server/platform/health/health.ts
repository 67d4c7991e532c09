/**
 * Health for a load balancer or an orchestrator:
 *   GET /api/health/live   the process answers (no database access): restart it when this fails;
 *   GET /api/health/ready  the database answers and its schema is the one this code expects
 *                          (every migration applied, none unknown): send it traffic only then;
 *   GET /api/health        as before: 200 once the database answers a query (used by the
 *                          test and benchmark harnesses, and by existing monitors).
 * A not-ready answer is a 503 with a reason code and a sentence in the reader's language.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type pg from 'pg';
import { appliedMigrations, knownMigrations } from '../backup/schema-version';
import { requestLocale } from '../http/locale';
import { message } from '../http/messages';

export type NotReady = { reason: 'database_unreachable' | 'migrations_behind' | 'migrations_unknown'; applied?: number; expected?: number };

/** Null when the database answers and carries exactly the migrations this code knows. */
export async function readiness(pool: pg.Pool, timeoutMs = 5_000): Promise<NotReady | null> {
  let applied: string[];
  try {
    applied = await withTimeout(async () => {
      const client = await pool.connect();
      try {
        return await appliedMigrations(client);
      } finally {
        client.release();
      }
    }, timeoutMs);
  } catch {
    return { reason: 'database_unreachable' };
  }
  const expected = knownMigrations().length;
  if (applied.some((tag) => tag.startsWith('unknown-'))) return { reason: 'migrations_unknown', applied: applied.length, expected };
  if (applied.length < expected) return { reason: 'migrations_behind', applied: applied.length, expected };
  return null;
}

async function withTimeout<T>(work: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work(), new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

const Ok = z.object({ status: z.literal('ok') });
const Unavailable = z.object({
  status: z.literal('unavailable'),
  reason: z.enum(['database_unreachable', 'migrations_behind', 'migrations_unknown']),
  message: z.string(),
});

export function healthRoutes(pool: pg.Pool) {
  return async (app: FastifyInstance) => {
    app.get('/api/health', {
      config: { public: true },
      schema: { tags: ['system'], summary: 'The database answers a query (kept for existing monitors; see /api/health/ready)', response: { 200: Ok } },
    }, async () => {
      await pool.query('select 1');
      return { status: 'ok' as const };
    });

    app.get('/api/health/live', {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Liveness: the process answers (no database access)', response: { 200: Ok } },
    }, async () => ({ status: 'ok' as const }));

    app.get('/api/health/ready', {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database is reachable and its migrations are current; 503 with a reason otherwise',
        response: { 200: Ok, 503: Unavailable },
      },
    }, async (request, reply) => {
      const problem = await readiness(pool);
      reply.header('cache-control', 'no-store');
      if (!problem) return { status: 'ok' as const };
      const locale = requestLocale(request);
      const text = problem.reason === 'database_unreachable'
        ? message('health_database_unreachable', locale)
        : message(problem.reason === 'migrations_behind' ? 'health_migrations_behind' : 'health_migrations_unknown', locale, { applied: problem.applied ?? 0, expected: problem.expected ?? 0 });
      return reply.status(503).send({ status: 'unavailable' as const, reason: problem.reason, message: text });
    });
  };
}
