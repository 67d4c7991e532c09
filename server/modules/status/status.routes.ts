/** HTTP for implementation status: scales, a recommendation's status and history, new assessments. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import {
  ASSESSOR_KINDS, assessmentInputSchema, recommendationStatusSchema, scaleInputSchema, scalesSchema, type AssessorKind,
} from '../../../shared/status';
import { utcToday, type Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { bigId, localeQuery } from '../../platform/http/params';
import { notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { recommendationExists } from '../recommendations/recommendations.repository';
import * as repository from './status.repository';
import { assessStatus } from './use-cases/assess-status';
import { configureScale } from './use-cases/configure-scale';

const id = bigId;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

async function presentScales(db: Database['pool'], locale: Locale) {
  const scales = Object.fromEntries(ASSESSOR_KINDS.map((kind) => [kind, [] as z.infer<typeof scalesSchema>[AssessorKind]])) as z.infer<typeof scalesSchema>;
  for (const step of await repository.scaleSteps(db)) {
    scales[step.assessor_kind as AssessorKind].push({ key: step.key, label: pickText(step.label, locale), labels: step.label, position: step.position, active: step.active });
  }
  return scales;
}

export const statusRoutes = (database: Database, today: Today = utcToday): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  app.get('/api/v1/status-scales', {
    config: { permission: 'status:read' },
    schema: { tags: ['status'], summary: "Each assessor's implementation status scale", querystring: localeQuery, response: { 200: scalesSchema } },
  }, async (request) => presentScales(db, requestLocale(request)));

  app.put('/api/v1/status-scales/:assessor', {
    config: { permission: 'status_scale:manage' },
    schema: {
      tags: ['status'], summary: "Configure an assessor's scale",
      description: 'The whole scale in order, from least to most implemented. Steps used by assessments cannot be removed; set `active: false` to retire them. A step sent without `active` keeps its own (a new step starts active).',
      params: z.object({ assessor: z.enum(ASSESSOR_KINDS) }), body: scaleInputSchema, querystring: localeQuery,
      response: { 200: scalesSchema, ...errors },
    },
  }, async (request) => {
    await configureScale(db, request.actor, request.params.assessor, request.body);
    return presentScales(db, requestLocale(request));
  });

  const status = async (recommendationId: number, locale: Locale) => {
    if (!(await recommendationExists(db, recommendationId))) throw notFound('recommendation_not_found');
    const labels = new Map((await repository.scaleSteps(db)).map((s) => [`${s.assessor_kind}:${s.key}`, pickText(s.label, locale)]));
    const history = (await repository.assessmentsOf(db, recommendationId)).map((a) => ({
      id: a.id,
      assessor_kind: a.assessor_kind as AssessorKind,
      status: { key: a.status_key, label: labels.get(`${a.assessor_kind}:${a.status_key}`) ?? a.status_key },
      reason: a.reason,
      assessed_on: a.assessed_on,
      created_at: a.created_at.toISOString(),
    }));
    const current = Object.fromEntries(ASSESSOR_KINDS.map((kind) => [kind, history.find((a) => a.assessor_kind === kind) ?? null]));
    return { current, history } as z.infer<typeof recommendationStatusSchema>;
  };

  app.get('/api/v1/recommendations/:id/status', {
    config: { permission: 'status:read' },
    schema: {
      tags: ['status'], summary: "A recommendation's implementation status: the latest of each assessor, and the whole history",
      params: z.object({ id }), querystring: localeQuery, response: { 200: recommendationStatusSchema, 404: errorSchema },
    },
  }, async (request) => status(request.params.id, requestLocale(request)));

  app.post('/api/v1/recommendations/:id/status', {
    config: { permission: 'status:assess' },
    schema: {
      tags: ['status'], summary: "Assess a recommendation's implementation status for the government",
      description: 'A step of the government scale, the reason, and the date the assessment holds from. It becomes the current status; earlier ones stay in the history.',
      params: z.object({ id }), body: assessmentInputSchema, querystring: localeQuery, response: { 201: recommendationStatusSchema, ...errors },
    },
  }, async (request, reply) => {
    await assessStatus(db, request.actor, request.params.id, request.body, today());
    return reply.status(201).send(await status(request.params.id, requestLocale(request)));
  });
};
