/** HTTP for the controlled vocabularies an administrator keeps (themes, affected persons). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import { EDITABLE_VOCABULARIES, termCreateSchema, termListSchema, termRetireSchema, termUpdateSchema } from '../../../shared/taxonomies';
import { authorize } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { localeQuery, serialId } from '../../platform/http/params';
import { listTerms } from './taxonomies.repository';
import { createTerm, editTerm, retireTerm } from './use-cases/edit-terms';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema.extend({ current_version: z.number().int() }) };
const vocabularyParam = z.object({ vocabulary: z.enum(EDITABLE_VOCABULARIES) });
const termParams = vocabularyParam.extend({ id: serialId });

export const taxonomiesRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const present = async (vocabulary: string, locale: Locale) => ({
    items: (await listTerms(db, vocabulary)).map((row) => ({ ...row, name: pickText(row.label, locale) || row.key })),
  });

  app.get('/api/v1/admin/vocabularies/:vocabulary', {
    config: { permission: 'vocabulary:manage' },
    schema: {
      tags: ['settings'], summary: 'The terms of a vocabulary, with their names, aliases, use and state',
      params: vocabularyParam, querystring: localeQuery, response: { 200: termListSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => {
    authorize(request.actor, 'vocabulary:manage');
    return present(request.params.vocabulary, requestLocale(request));
  });

  app.post('/api/v1/admin/vocabularies/:vocabulary', {
    config: { permission: 'vocabulary:manage' },
    schema: {
      tags: ['settings'], summary: 'Add a term',
      description: 'A key, the names per language and the aliases the importer matches (the names are aliases too). An alias another term has is refused.',
      params: vocabularyParam, querystring: localeQuery, body: termCreateSchema, response: { 201: termListSchema, ...errors },
    },
  }, async (request, reply) => {
    await createTerm(db, request.actor, request.params.vocabulary, request.body);
    return reply.status(201).send(await present(request.params.vocabulary, requestLocale(request)));
  });

  app.put('/api/v1/admin/vocabularies/:vocabulary/:id', {
    config: { permission: 'vocabulary:manage' },
    schema: {
      tags: ['settings'], summary: "Change a term's names and aliases",
      params: termParams, querystring: localeQuery, body: termUpdateSchema, response: { 200: termListSchema, ...errors },
    },
  }, async (request) => {
    await editTerm(db, request.actor, request.params.vocabulary, request.params.id, request.body);
    return present(request.params.vocabulary, requestLocale(request));
  });

  app.post('/api/v1/admin/vocabularies/:vocabulary/:id/retire', {
    config: { permission: 'vocabulary:manage' },
    schema: {
      tags: ['settings'], summary: 'Retire a term, or bring it back',
      description: 'A retired term is given to no new label (the importer no longer matches its aliases); recommendations that have it keep it and still show it.',
      params: termParams, querystring: localeQuery, body: termRetireSchema, response: { 200: termListSchema, ...errors },
    },
  }, async (request) => {
    await retireTerm(db, request.actor, request.params.vocabulary, request.params.id, request.body);
    return present(request.params.vocabulary, requestLocale(request));
  });
};
