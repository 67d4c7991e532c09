/** HTTP for the controlled vocabularies an administrator keeps (themes, affected persons) and the mechanisms. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import {
  EDITABLE_VOCABULARIES, mechanismCreateSchema, mechanismListSchema, mechanismUpdateSchema, termCreateSchema, termListSchema, termRetireSchema, termUpdateSchema,
} from '../../../shared/taxonomies';
import { authorize } from '../../platform/auth/policy';
import type { Database } from '../../platform/db/database';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { localeQuery, serialId } from '../../platform/http/params';
import { listMechanisms, listTerms } from './taxonomies.repository';
import { createMechanism, editMechanism, retireMechanism } from './use-cases/edit-mechanisms';
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

  const presentMechanisms = async (locale: Locale) => ({
    items: (await listMechanisms(db)).map((row) => ({ ...row, name: pickText(row.label, locale) || row.code })),
  });
  const mechanismParams = z.object({ id: serialId });

  app.get('/api/v1/admin/mechanisms', {
    config: { permission: 'vocabulary:manage' },
    schema: {
      tags: ['settings'], summary: 'The mechanisms, with their family, names, acronyms, aliases, use and state',
      querystring: localeQuery, response: { 200: mechanismListSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => {
    authorize(request.actor, 'vocabulary:manage');
    return presentMechanisms(requestLocale(request));
  });

  app.post('/api/v1/admin/mechanisms', {
    config: { permission: 'vocabulary:manage' },
    schema: {
      tags: ['settings'], summary: 'Add a mechanism (a regional body, a national one)',
      description: 'A code, the family, the names and acronyms per language and the aliases the importer matches (the code, names and acronyms are aliases too). An alias another mechanism has is refused.',
      querystring: localeQuery, body: mechanismCreateSchema, response: { 201: mechanismListSchema, ...errors },
    },
  }, async (request, reply) => {
    await createMechanism(db, request.actor, request.body);
    return reply.status(201).send(await presentMechanisms(requestLocale(request)));
  });

  app.put('/api/v1/admin/mechanisms/:id', {
    config: { permission: 'vocabulary:manage' },
    schema: {
      tags: ['settings'], summary: "Change a mechanism's family, names, acronyms and aliases",
      params: mechanismParams, querystring: localeQuery, body: mechanismUpdateSchema, response: { 200: mechanismListSchema, ...errors },
    },
  }, async (request) => {
    await editMechanism(db, request.actor, request.params.id, request.body);
    return presentMechanisms(requestLocale(request));
  });

  app.post('/api/v1/admin/mechanisms/:id/retire', {
    config: { permission: 'vocabulary:manage' },
    schema: {
      tags: ['settings'], summary: 'Retire a mechanism, or bring it back',
      description: 'A retired mechanism takes no new recommendations (the importer no longer matches its aliases); the recommendations it made keep it and still show it.',
      params: mechanismParams, querystring: localeQuery, body: termRetireSchema, response: { 200: mechanismListSchema, ...errors },
    },
  }, async (request) => {
    await retireMechanism(db, request.actor, request.params.id, request.body);
    return presentMechanisms(requestLocale(request));
  });
};
