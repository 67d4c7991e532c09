/**
 * The hub's harvesting (INSTANCE_ROLE=hub; docs/decisions/0017-federation.md): the hub secretariat
 * harvests a State now; a State's harvests, refusals and their reasons included, are for the hub
 * secretariat and that State's focal point; the timeliness of every State is public.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { iso3 } from '../../../../shared/network/api';
import { timelinessSchema } from '../../../../shared/network/timeliness';
import { errorSchema } from '../../../../shared/recommendations';
import type { Actor } from '../../../platform/auth/actor';
import { authorize, can } from '../../../platform/auth/policy';
import type { Database } from '../../../platform/db/database';
import { HttpError, notFound } from '../../../platform/http/errors';
import { pickText, requestLocale } from '../../../platform/http/locale';
import { harvestState, type HarvestDeps } from './harvest';
import { localeSchema } from '../../../../shared/i18n/schema';

const tags = ['network'];
const stateParams = z.object({ iso3 });
const harvestSchema = z.object({
  id: z.number().int(),
  outcome: z.enum(['applied', 'up_to_date', 'refused', 'unreachable']),
  reason: z.string().nullable(),
  detail: z.string(),
  version: z.number().int().nullable(),
  since: z.number().int().nullable(),
  records: z.number().int(),
  tombstones: z.number().int(),
});

/** The hub secretariat sees every State's harvests; a focal point only their own State's. */
function mayReadHarvests(actor: Actor, state: string): boolean {
  authorize(actor, 'network:harvest_log');
  if (can(actor, 'network:harvest')) return true;
  return (actor.networkRoles ?? []).some((role) => role.role === 'state_focal_point' && role.iso3 === state);
}

export const harvestRoutes = (database: Database, deps: HarvestDeps = {}): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  app.post('/api/v1/network/states/:iso3/harvest', {
    config: { permission: 'network:harvest' },
    schema: {
      tags, summary: "Harvest a State's instance now: its signed package since the version the hub holds, verified and applied, or refused with the reason",
      params: stateParams, response: { 200: harvestSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
  }, async (request) => {
    authorize(request.actor, 'network:harvest');
    return harvestState(db, request.params.iso3, 'on_demand', deps);
  });

  app.get('/api/v1/network/states/:iso3/harvests', {
    config: { permission: 'network:harvest_log' },
    schema: {
      tags, summary: "A State's last 100 harvests, newest first: applied, up to date, refused (with the reason) or unreachable",
      params: stateParams,
      response: { 200: z.object({ items: z.array(harvestSchema.extend({ started_at: z.string(), finished_at: z.string(), trigger: z.string(), kid: z.string().nullable() })) }), 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
  }, async (request) => {
    const { iso3: state } = request.params;
    if (!mayReadHarvests(request.actor!, state)) throw new HttpError(403, 'forbidden', 'forbidden');
    const { rows: known } = await db.query('select 1 from network_instance where iso3 = $1', [state]);
    if (!known.length) throw notFound();
    const { rows } = await db.query(
      `select id, outcome, reason, detail, version, since, records, tombstones, started_at, finished_at, trigger, kid
       from network_harvest where iso3 = $1 order by id desc limit 100`, [state]);
    return {
      items: rows.map((row) => ({
        id: Number(row.id), outcome: row.outcome, reason: row.reason, detail: row.detail, version: row.version === null ? null : Number(row.version),
        since: row.since === null ? null : Number(row.since), records: row.records, tombstones: row.tombstones,
        started_at: row.started_at.toISOString(), finished_at: row.finished_at.toISOString(), trigger: row.trigger, kid: row.kid,
      })),
    };
  });

  app.get('/api/v1/network/timeliness', {
    config: { public: true },
    schema: {
      tags, summary: "Each publishing State's timeliness: last successful harvest, the version the hub holds and its age, refused attempts",
      querystring: z.object({ locale: localeSchema.optional() }),
      response: { 200: timelinessSchema },
    },
  }, async (request, reply) => {
    const locale = requestLocale(request);
    const { rows } = await db.query(
      `select i.iso3, c.name, s.version, s.applied_at, h.last_success, h.refused, h.refused_since_success, r.reason as last_reason, r.finished_at as last_refused_at
       from network_instance i join country c on c.iso3 = i.iso3
       left join network_copy_state s on s.iso3 = i.iso3
       left join lateral (
         select max(finished_at) filter (where outcome in ('applied', 'up_to_date')) as last_success,
                count(*) filter (where outcome = 'refused')::int as refused,
                count(*) filter (where outcome = 'refused' and finished_at > coalesce(
                  (select max(x.finished_at) from network_harvest x where x.iso3 = i.iso3 and x.outcome in ('applied', 'up_to_date')), '-infinity'))::int as refused_since_success
         from network_harvest where iso3 = i.iso3) h on true
       left join lateral (select reason, finished_at from network_harvest where iso3 = i.iso3 and outcome = 'refused' order by id desc limit 1) r on true
       order by i.iso3`);
    const now = Date.now();
    reply.header('cache-control', 'no-cache');
    return {
      items: rows.map((row) => ({
        iso3: row.iso3, name: pickText(row.name, locale) || row.iso3, version: row.version === null ? null : Number(row.version),
        applied_at: row.applied_at?.toISOString() ?? null, last_success: row.last_success?.toISOString() ?? null,
        age_seconds: row.last_success ? Math.max(0, Math.floor((now - row.last_success.getTime()) / 1000)) : null,
        refused_attempts: row.refused ?? 0, refused_since_success: row.refused_since_success ?? 0,
        last_refusal: row.last_refused_at ? { reason: row.last_reason, at: row.last_refused_at.toISOString() } : null,
      })),
    };
  });
};
