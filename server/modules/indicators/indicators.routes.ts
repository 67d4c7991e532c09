/** HTTP for indicators and their measurements. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  indicatorDetailSchema, indicatorInputSchema, indicatorPatchSchema, indicatorSchema, measurementInputSchema, type INDICATOR_FREQUENCIES, type INDICATOR_KINDS,
} from '../../../shared/indicators';
import { errorSchema } from '../../../shared/recommendations';
import { canView } from '../../../shared/workflows/action-review';
import type { Actor } from '../../platform/auth/actor';
import type { Database } from '../../platform/db/database';
import { bigId, localeQuery } from '../../platform/http/params';
import { notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { institutionNames } from '../actions/actions.repository';
import { chainContext } from '../actions/use-cases/access';
import * as repository from './indicators.repository';
import { recordMeasurement, removeMeasurement } from './use-cases/record-measurement';
import { createIndicator, updateIndicator } from './use-cases/save-indicator';

const id = bigId;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int() }) };

const presentMeasurement = (m: repository.MeasurementRow) => ({ id: m.id, measured_on: m.measured_on, value: Number(m.value), breakdown: m.breakdown, note: m.note });
const amount = (value: string | null, date: string | null) => (value === null || date === null ? null : { value: Number(value), date });

/** `measurements`: every measurement of the indicators (a detail), or only their latest (a list). */
async function present(db: Database['pool'], rows: repository.IndicatorRow[], measurements: repository.MeasurementRow[], actor: Actor | null, locale: Locale) {
  const names = await institutionNames(db, [...new Set(rows.map((r) => r.institution_id))]);
  return rows.map((row) => {
    const own = measurements.filter((m) => m.indicator_id === row.id);
    const whole = own.filter((m) => Object.keys(m.breakdown).length === 0);
    const institution = names.get(row.institution_id);
    return {
      id: row.id,
      institution: { id: row.institution_id, name: pickText(institution?.name, locale), acronym: institution?.acronym ?? null },
      name: pickText(row.name, locale), names: row.name,
      kind: row.kind as (typeof INDICATOR_KINDS)[number], unit: row.unit,
      baseline: amount(row.baseline_value, row.baseline_date), target: amount(row.target_value, row.target_date),
      disaggregation: row.disaggregation,
      sdg_indicator: row.sdg_indicator ? { code: row.sdg_indicator, title: pickText(row.sdg_title, locale) } : null,
      data_source: row.data_source, frequency: row.frequency as (typeof INDICATOR_FREQUENCIES)[number],
      recommendation_ids: row.recommendation_ids,
      // A link to a draft must not reveal the draft to the public.
      action_ids: row.actions.filter((a) => canView(chainContext(actor), { state: a.state as 'draft', institutionId: row.institution_id })).map((a) => Number(a.id)),
      latest: whole.length ? presentMeasurement(whole[whole.length - 1]) : null,
      version: row.version,
      measurements: own.map(presentMeasurement),
    };
  });
}

export const indicatorsRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const detail = async (indicatorId: number, actor: Actor | null, locale: Locale) => {
    const row = await repository.findIndicator(db, indicatorId);
    if (!row) throw notFound();
    return (await present(db, [row], await repository.measurementsOf(db, [row.id]), actor, locale))[0];
  };

  app.get('/api/v1/indicators', {
    config: { permission: 'indicator:read' },
    schema: {
      tags: ['indicators'], summary: 'Indicators, by institution, recommendation or action',
      querystring: localeQuery.extend({
        institution_id: id.optional(), recommendation_id: id.optional(), action_id: id.optional(),
        page: z.coerce.number().int().min(1).max(1000).default(1), page_size: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: { 200: z.object({ total: z.number().int(), page: z.number().int(), page_size: z.number().int(), items: z.array(indicatorSchema) }), 400: errorSchema },
    },
  }, async (request) => {
    const { institution_id: institutionId, recommendation_id: recommendationId, action_id: actionId, page, page_size: pageSize } = request.query;
    const { rows, total } = await repository.listIndicators(db, { institutionId, recommendationId, actionId }, page, pageSize);
    const latest = await repository.latestMeasurements(db, rows.map((r) => r.id));
    const items = (await present(db, rows, latest, request.actor, requestLocale(request))).map(({ measurements: _latest, ...summary }) => summary);
    return { total, page, page_size: pageSize, items };
  });

  app.get('/api/v1/indicators/:id', {
    config: { permission: 'indicator:read' },
    schema: { tags: ['indicators'], summary: 'One indicator with every measurement, oldest first', params: z.object({ id }), querystring: localeQuery, response: { 200: indicatorDetailSchema, 404: errorSchema } },
  }, async (request) => detail(request.params.id, request.actor, requestLocale(request)));

  app.post('/api/v1/indicators', {
    config: { permission: 'indicator:manage' },
    schema: {
      tags: ['indicators'], summary: 'Define an indicator',
      description: 'Structural, process or outcome; unit, baseline and target (value and date), disaggregation dimensions, SDG indicator code, data source, frequency, responsible institution; linked recommendations and actions of that institution.',
      body: indicatorInputSchema, querystring: localeQuery, response: { 201: indicatorDetailSchema, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await detail(await createIndicator(db, request.actor, request.body), request.actor, requestLocale(request))));

  app.patch('/api/v1/indicators/:id', {
    config: { permission: 'indicator:manage' },
    schema: {
      tags: ['indicators'], summary: 'Change an indicator', description: 'Send the `version` you started from; a stale one gets 409.',
      params: z.object({ id }), body: indicatorPatchSchema, querystring: localeQuery, response: { 200: indicatorDetailSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await updateIndicator(db, request.actor, request.params.id, request.body);
    return detail(request.params.id, request.actor, requestLocale(request));
  });

  app.post('/api/v1/indicators/:id/measurements', {
    config: { permission: 'indicator:manage' },
    schema: {
      tags: ['indicators'], summary: 'Record a measurement',
      description: 'For the whole population (`breakdown` {}) or one group of the disaggregation. A second value for the same date and group replaces the first; the history keeps both.',
      params: z.object({ id }), body: measurementInputSchema, querystring: localeQuery, response: { 201: indicatorDetailSchema, ...errors },
    },
  }, async (request, reply) => {
    await recordMeasurement(db, request.actor, request.params.id, request.body);
    return reply.status(201).send(await detail(request.params.id, request.actor, requestLocale(request)));
  });

  app.delete('/api/v1/indicators/:id/measurements/:measurementId', {
    config: { permission: 'indicator:manage' },
    schema: { tags: ['indicators'], summary: 'Remove a measurement', params: z.object({ id, measurementId: id }), querystring: localeQuery, response: { 200: indicatorDetailSchema, ...errors } },
  }, async (request) => {
    await removeMeasurement(db, request.actor, request.params.id, request.params.measurementId);
    return detail(request.params.id, request.actor, requestLocale(request));
  });
};
