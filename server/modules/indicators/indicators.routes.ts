/** HTTP for indicators and their measurements. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  indicatorDetailSchema, indicatorInputSchema, indicatorPatchSchema, indicatorSchema, measurementInputSchema,
} from '../../../shared/indicators';
import { errorSchema } from '../../../shared/recommendations';
import type { Actor } from '../../platform/auth/actor';
import { can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { bigId, localeQuery } from '../../platform/http/params';
import { notFound } from '../../platform/http/errors';
import { requestLocale, type Locale } from '../../platform/http/locale';
import { LIST_EXPORT_FORMATS, exportSchema, sendTable } from '../exports/list-export';
import { INDICATOR_COLUMNS, indicatorRows } from './indicators.export';
import { presentIndicators } from './indicators.presenter';
import * as repository from './indicators.repository';
import { recordMeasurement, removeMeasurement } from './use-cases/record-measurement';
import { createIndicator, updateIndicator } from './use-cases/save-indicator';

const id = bigId;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int() }) };
const indicatorListQuery = localeQuery.extend({
  institution_id: id.optional(), recommendation_id: id.optional(), action_id: id.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1), page_size: z.coerce.number().int().min(1).max(100).default(20),
});

export const indicatorsRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const detail = async (indicatorId: number, actor: Actor | null, locale: Locale) => {
    const row = await repository.findIndicator(db, indicatorId);
    if (!row) throw notFound();
    const [presented] = await presentIndicators(db, [row], await repository.measurementsOf(db, [row.id]), actor, locale);
    return { ...presented, permissions: can(actor, 'indicator:manage', { institutionId: row.institution_id }) ? ['indicator:manage' as const] : [] };
  };

  app.get('/api/v1/indicators', {
    config: { permission: 'indicator:read' },
    schema: {
      tags: ['indicators'], summary: 'Indicators, by institution, recommendation or action',
      querystring: indicatorListQuery,
      response: { 200: z.object({ total: z.number().int(), page: z.number().int(), page_size: z.number().int(), items: z.array(indicatorSchema) }), 400: errorSchema },
    },
  }, async (request) => {
    const { institution_id: institutionId, recommendation_id: recommendationId, action_id: actionId, page, page_size: pageSize } = request.query;
    const { rows, total } = await repository.listIndicators(db, { institutionId, recommendationId, actionId }, page, pageSize);
    const latest = await repository.latestMeasurements(db, rows.map((r) => r.id));
    const items = (await presentIndicators(db, rows, latest, request.actor, requestLocale(request))).map(({ measurements: _latest, ...summary }) => summary);
    return { total, page, page_size: pageSize, items };
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/indicators.${format}`, {
      config: { permission: 'indicator:read' },
      schema: { tags: ['indicators'], ...exportSchema(format, 'indicators with their latest value'), querystring: indicatorListQuery },
    }, async (request, reply) => {
      const { institution_id: institutionId, recommendation_id: recommendationId, action_id: actionId } = request.query;
      const rows = indicatorRows(db, { institutionId, recommendationId, actionId }, request.actor, requestLocale(request));
      return sendTable(reply, format, 'indicators', INDICATOR_COLUMNS, rows);
    });
  }

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
      tags: ['indicators'], summary: 'Change an indicator', description: 'Send only the fields you change (the others keep their values: links and disaggregation included) and the `version` you started from; a stale one gets 409.',
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
