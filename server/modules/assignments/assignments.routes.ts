/** HTTP for assignments and an institution's queue. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignInputSchema, assignPreviewInputSchema, assignPreviewSchema, assignResultSchema, queueSchema } from '../../../shared/assignments';
import { errorSchema } from '../../../shared/recommendations';
import { authorize } from '../../platform/auth/policy';
import { utcToday, type Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { requestLocale } from '../../platform/http/locale';
import { serialId } from '../../platform/http/params';
import { findInstitution } from '../institutions/institutions.repository';
import { LIST_EXPORT_FORMATS, exportSchema, sendTable } from '../exports/list-export';
import { Labeller } from '../recommendations/recommendations.presenter';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import { presentQueueItem, QUEUE_COLUMNS, queueRows } from './assignments.export';
import * as repository from './assignments.repository';
import { assignRecommendations, previewAssignment } from './use-cases/assign-recommendations';
import { removeAssignment } from './use-cases/remove-assignment';
import { localeSchema } from '../../../shared/i18n/schema';

const id = serialId;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const queueQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  locale: localeSchema.optional(),
});

export const assignmentsRoutes = (db: Database, today: Today = utcToday): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/v1/assignments', {
    config: { permission: 'assignment:manage' },
    schema: {
      tags: ['assignments'], summary: 'Assign recommendations to an institution',
      description: 'List `recommendation_ids`, or give `search` with the filters of GET /api/v1/recommendations to assign every match; to `institution_id`, or to several `institution_ids` (co-responsible only: a recommendation has one lead). Existing assignments to the same institution are updated. All or nothing.',
      body: assignInputSchema, response: { 200: assignResultSchema, 409: errorSchema, ...errors },
    },
  }, async (request) => assignRecommendations(db.pool, request.actor, request.body));

  app.post('/api/v1/assignments/preview', {
    config: { permission: 'assignment:manage' },
    schema: {
      tags: ['assignments'], summary: 'What an assignment would do, without doing it',
      description: 'The same body as POST /api/v1/assignments (without `due_date`). Per institution: how many of the selected recommendations would be new, change responsibility, stay as they are, and (as lead) how many another institution already leads. Writes nothing.',
      body: assignPreviewInputSchema, response: { 200: assignPreviewSchema, ...errors },
    },
  }, async (request) => previewAssignment(db.pool, request.actor, request.body));

  app.delete('/api/v1/assignments/:id', {
    config: { permission: 'assignment:manage' },
    schema: { tags: ['assignments'], summary: 'Remove an assignment', params: z.object({ id }), response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await removeAssignment(db.pool, request.actor, request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/institutions/:id/assignments', {
    config: { permission: 'assignment:read' },
    schema: {
      tags: ['assignments'], summary: "An institution's queue: the recommendations it must act on, soonest due first",
      params: z.object({ id }),
      querystring: queueQuery,
      response: { 200: queueSchema, ...errors },
    },
  }, async (request) => {
    authorize(request.actor, 'assignment:read', { institutionId: request.params.id });
    if (!(await findInstitution(db.pool, request.params.id))) throw notFound();
    const { page, page_size: pageSize } = request.query;
    const queue = await repository.institutionQueue(db.pool, request.params.id, page, pageSize, today());
    const locale = requestLocale(request);
    const labels = new Labeller(await labelMaps(db.pool), locale);
    return {
      total: queue.total,
      overdue: queue.overdue,
      page,
      page_size: pageSize,
      items: queue.rows.map((row) => presentQueueItem(row, labels, locale)),
    };
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/institutions/:id/assignments.${format}`, {
      config: { permission: 'assignment:read' },
      schema: { tags: ['assignments'], ...exportSchema(format, "an institution's queue"), params: z.object({ id }), querystring: queueQuery },
    }, async (request, reply) => {
      authorize(request.actor, 'assignment:read', { institutionId: request.params.id });
      if (!(await findInstitution(db.pool, request.params.id))) throw notFound();
      return sendTable(reply, format, 'assignments', QUEUE_COLUMNS, queueRows(db.pool, request.params.id, today(), requestLocale(request)));
    });
  }
};
