/** HTTP for institutions and their members. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  institutionInputSchema, institutionMergeResultSchema, institutionMergeSchema, institutionPatchSchema, institutionSchema,
  memberInputSchema, memberSchema,
} from '../../../shared/institutions';
import { errorSchema } from '../../../shared/recommendations';
import { authorize, can } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { requestLocale } from '../../platform/http/locale';
import { serialId } from '../../platform/http/params';
import { LIST_EXPORT_FORMATS, exportSchema, rowsOf, sendTable } from '../exports/list-export';
import { INSTITUTION_COLUMNS, institutionRow } from './institutions.export';
import { presentInstitution, presentMember } from './institutions.presenter';
import * as repository from './institutions.repository';
import { createInstitution, updateInstitution } from './use-cases/save-institution';
import { addMember, removeMember } from './use-cases/manage-members';
import { mergeInstitution } from './use-cases/merge-institutions';
import { localeSchema } from '../../../shared/i18n/schema';

const idParams = z.object({ id: serialId });
const memberParams = idParams.extend({ membershipId: serialId });
const locale = z.object({ locale: localeSchema.optional() });
const listQuery = locale.extend({ include_inactive: z.enum(['true', 'false']).optional() });
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export const institutionsRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/v1/institutions', {
    config: { permission: 'institution:read' },
    schema: {
      tags: ['institutions'], summary: 'Institutions responsible for acting on recommendations',
      description: 'Active institutions; the secretariat also sees inactive ones with `include_inactive=true`.',
      querystring: listQuery,
      response: { 200: z.object({ items: z.array(institutionSchema) }) },
    },
  }, async (request) => {
    const inactive = request.query.include_inactive === 'true' && can(request.actor, 'institution:update');
    const rows = await repository.listInstitutions(db.pool, inactive);
    return { items: rows.map((row) => presentInstitution(row, requestLocale(request))) };
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/institutions.${format}`, {
      config: { permission: 'institution:read' },
      schema: { tags: ['institutions'], ...exportSchema(format, 'the institutions'), querystring: listQuery },
    }, async (request, reply) => {
      const inactive = request.query.include_inactive === 'true' && can(request.actor, 'institution:update');
      const rows = await repository.listInstitutions(db.pool, inactive);
      const locale = requestLocale(request);
      return sendTable(reply, format, 'institutions', INSTITUTION_COLUMNS, rowsOf(rows, (row) => institutionRow(presentInstitution(row, locale))));
    });
  }

  app.get('/api/v1/institutions/:id', {
    config: { permission: 'institution:read' },
    schema: { tags: ['institutions'], summary: 'One institution', params: idParams, querystring: locale, response: { 200: institutionSchema, ...errors } },
  }, async (request) => {
    const row = await repository.findInstitution(db.pool, request.params.id);
    if (!row || (!row.active && !can(request.actor, 'institution:update'))) throw notFound();
    return presentInstitution(row, requestLocale(request));
  });

  app.post('/api/v1/institutions', {
    config: { permission: 'institution:create' },
    schema: { tags: ['institutions'], summary: 'Create an institution', body: institutionInputSchema, response: { 201: institutionSchema, ...errors } },
  }, async (request, reply) => {
    const created = await createInstitution(db.pool, request.actor, request.body);
    return reply.status(201).send(presentInstitution(created, requestLocale(request)));
  });

  app.patch('/api/v1/institutions/:id', {
    config: { permission: 'institution:update' },
    schema: {
      tags: ['institutions'], summary: 'Edit an institution',
      description: 'Send only the fields you change (the others keep their values) and the `version` you started from; if someone saved in between, the answer is 409 with `current_version`.',
      params: idParams, body: institutionPatchSchema,
      response: { 200: institutionSchema, 409: errorSchema.extend({ current_version: z.number().int() }), ...errors },
    },
  }, async (request) => {
    const updated = await updateInstitution(db.pool, request.actor, request.params.id, request.body);
    return presentInstitution(updated, requestLocale(request));
  });

  app.post('/api/v1/institutions/:id/merge', {
    config: { permission: 'institution:merge' },
    schema: {
      tags: ['institutions'], summary: 'Merge an institution into another',
      description: 'Its assignments, members, action reports, indicators, place in reporting rounds and units move to `into_id`, which also shows its history; it is retired and points to `into_id`. All in one transaction. Send the `version` of each as you saw them; a stale one gets 409 with `current_version`.',
      params: idParams, body: institutionMergeSchema,
      response: { 200: institutionMergeResultSchema, 409: errorSchema.extend({ current_version: z.number().int() }), ...errors },
    },
  }, async (request) => {
    const { institution, moved } = await mergeInstitution(db.pool, request.actor, request.params.id, request.body);
    return { institution: presentInstitution(institution, requestLocale(request)), moved };
  });

  app.get('/api/v1/institutions/:id/members', {
    config: { permission: 'membership:read' },
    schema: { tags: ['institutions'], summary: 'Who holds which role in an institution', params: idParams, response: { 200: z.object({ items: z.array(memberSchema) }), ...errors } },
  }, async (request) => {
    authorize(request.actor, 'membership:read', { institutionId: request.params.id });
    if (!(await repository.findInstitution(db.pool, request.params.id))) throw notFound();
    return { items: (await repository.listMembers(db.pool, request.params.id)).map(presentMember) };
  });

  app.post('/api/v1/institutions/:id/members', {
    config: { permission: 'membership:manage' },
    schema: { tags: ['institutions'], summary: 'Give a person a role in an institution', params: idParams, body: memberInputSchema, response: { 201: memberSchema, 409: errorSchema, ...errors } },
  }, async (request, reply) => {
    const member = await addMember(db.pool, request.actor, request.params.id, request.body.user_id, request.body.role);
    return reply.status(201).send(presentMember(member));
  });

  app.delete('/api/v1/institutions/:id/members/:membershipId', {
    config: { permission: 'membership:manage' },
    schema: { tags: ['institutions'], summary: 'Take a role away', params: memberParams, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await removeMember(db.pool, request.actor, request.params.id, request.params.membershipId);
    return reply.status(204).send(null);
  });
};
