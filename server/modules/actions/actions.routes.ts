/** HTTP for action reports: list, read, write, the validation chain, evidence. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import {
  actionDetailSchema, actionInputSchema, actionListQuerySchema, actionListSchema, actionPatchSchema, linkEvidenceInputSchema,
  TRANSITION_PERMISSIONS, transitionInputSchema,
} from '../../../shared/actions';
import { errorSchema } from '../../../shared/recommendations';
import { ACTION_TRANSITIONS, canView, type TransitionName } from '../../../shared/workflows/action-review';
import type { Actor } from '../../platform/auth/actor';
import type { Database } from '../../platform/db/database';
import { bigId, localeQuery } from '../../platform/http/params';
import type { UploadStore } from '../../platform/files/uploads';
import { notFound } from '../../platform/http/errors';
import { evidenceUploadDescription, readEvidenceUpload, sendEvidenceFile } from '../../platform/files/evidence-files';
import { requestLocale, type Locale } from '../../platform/http/locale';
import { LIST_EXPORT_FORMATS, exportSchema, sendTable } from '../exports/list-export';
import { ACTION_COLUMNS, actionRows } from './actions.export';
import * as repository from './actions.repository';
import { presentDetail, presentSummary } from './actions.presenter';
import { chainContext } from './use-cases/access';
import { addFileEvidence, addLinkEvidence, removeEvidence } from './use-cases/manage-evidence';
import { moveAction } from './use-cases/move-action';
import { createAction, updateAction } from './use-cases/save-action';

const id = bigId;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int().optional(), state: z.string().optional() }) };

/** What the visitor asking may see of one report: the report itself or 404. */
async function visibleAction(db: pg.Pool, actor: Actor | null, actionId: number) {
  const action = await repository.findAction(db, actionId);
  if (!action || !canView(chainContext(actor), { state: action.state, institutionId: action.institution_id })) throw notFound();
  return action;
}

async function detail(db: pg.Pool, actor: Actor | null, actionId: number, locale: Locale) {
  const action = await visibleAction(db, actor, actionId);
  const [institutions, evidence, history] = await Promise.all([
    repository.institutionNames(db, [action.institution_id]),
    repository.evidenceOf(db, [actionId]),
    repository.transitionsOf(db, actionId),
  ]);
  return presentDetail(action, institutions, evidence, history, chainContext(actor), locale);
}

export interface ActionsRoutesOptions {
  uploads: UploadStore;
  maxUploadBytes: number;
  /** Address of this instance, for links in the emails the chain sends. */
  publicUrl: string;
}

export const actionsRoutes = (database: Database, options: ActionsRoutesOptions): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  app.get('/api/v1/actions', {
    config: { permission: 'action:read' },
    schema: {
      tags: ['actions'], summary: 'Action reports the caller may see, with their evidence',
      description: 'Visitors see published reports only; people in a validation chain also see the reports at their step. Filters: institution, recommendation, state (repeatable). Newest change first.',
      querystring: actionListQuerySchema, response: { 200: actionListSchema, 400: errorSchema },
    },
  }, async (request) => {
    const { page, page_size: pageSize, institution_id: institutionId, recommendation_id: recommendationId, state } = request.query;
    const { rows, total } = await repository.listActions(db, chainContext(request.actor), { institutionId, recommendationId, states: state }, page, pageSize);
    const [institutions, evidence] = await Promise.all([
      repository.institutionNames(db, [...new Set(rows.map((row) => row.institution_id))]),
      repository.evidenceOf(db, rows.map((row) => row.id)),
    ]);
    const locale = requestLocale(request);
    return { total, page, page_size: pageSize, items: rows.map((row) => presentSummary(row, institutions, evidence, locale)) };
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/actions.${format}`, {
      config: { permission: 'action:read' },
      schema: { tags: ['actions'], ...exportSchema(format, 'the action reports the caller may see'), querystring: actionListQuerySchema },
    }, async (request, reply) => {
      const { institution_id: institutionId, recommendation_id: recommendationId, state } = request.query;
      const rows = actionRows(db, chainContext(request.actor), { institutionId, recommendationId, states: state }, requestLocale(request));
      return sendTable(reply, format, 'actions', ACTION_COLUMNS, rows);
    });
  }

  app.get('/api/v1/actions/:id', {
    config: { permission: 'action:read' },
    schema: {
      tags: ['actions'], summary: 'One action report, with its evidence and validation history',
      description: 'Answers 404 for a report the caller may not see (drafts are not known to exist outside their chain). `available_transitions` and `editable` say what the caller may do now.',
      params: z.object({ id }), querystring: localeQuery, response: { 200: actionDetailSchema, ...errors },
    },
  }, async (request) => detail(db, request.actor, request.params.id, requestLocale(request)));

  app.post('/api/v1/actions', {
    config: { permission: 'action:create' },
    schema: {
      tags: ['actions'], summary: 'Report an action (starts as a draft)',
      description: 'By a focal point of the institution, against recommendations assigned to it.',
      body: actionInputSchema, querystring: localeQuery, response: { 201: actionDetailSchema, ...errors },
    },
  }, async (request, reply) => {
    const created = await createAction(db, request.actor, request.body);
    return reply.status(201).send(await detail(db, request.actor, created, requestLocale(request)));
  });

  app.patch('/api/v1/actions/:id', {
    config: { permission: 'action:update', hidesRecords: true },
    schema: {
      tags: ['actions'], summary: 'Edit a draft or returned action report',
      description: 'Send only the fields you change (the others keep their values) and the `version` you started from; a stale one gets 409 with `current_version`. A report with its reviewers cannot be edited (409).',
      params: z.object({ id }), body: actionPatchSchema, querystring: localeQuery, response: { 200: actionDetailSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await updateAction(db, request.actor, request.params.id, request.body);
    return detail(db, request.actor, request.params.id, requestLocale(request));
  });

  for (const transition of Object.keys(ACTION_TRANSITIONS) as TransitionName[]) {
    const rule = ACTION_TRANSITIONS[transition];
    app.post(`/api/v1/actions/:id/${transition.replaceAll('_', '-')}`, {
      config: { permission: TRANSITION_PERMISSIONS[transition], hidesRecords: true },
      schema: {
        tags: ['actions'], summary: `Validation chain: ${transition.replaceAll('_', ' ')} (${rule.from.join(' or ')} → ${rule.to})`,
        description: `By ${rule.roles.join(' or ')}. Send the \`version\` you saw${rule.commentRequired ? ' and a `comment` saying why (required)' : ' and, optionally, a `comment`'}. 409 when the report has moved on.`,
        params: z.object({ id }), body: transitionInputSchema, querystring: localeQuery, response: { 200: actionDetailSchema, ...conflict, ...errors },
      },
    }, async (request) => {
      await moveAction(db, request.actor, request.params.id, transition, request.body, options.publicUrl);
      return detail(db, request.actor, request.params.id, requestLocale(request));
    });
  }

  app.post('/api/v1/actions/:id/evidence/links', {
    config: { permission: 'action:update', hidesRecords: true },
    schema: {
      tags: ['actions'], summary: 'Add a link as evidence', params: z.object({ id }), body: linkEvidenceInputSchema, querystring: localeQuery,
      response: { 201: actionDetailSchema, ...conflict, ...errors },
    },
  }, async (request, reply) => {
    await addLinkEvidence(db, request.actor, request.params.id, request.body);
    return reply.status(201).send(await detail(db, request.actor, request.params.id, requestLocale(request)));
  });

  app.post('/api/v1/actions/:id/evidence/files', {
    config: { permission: 'action:update', hidesRecords: true },
    schema: {
      tags: ['actions'], summary: 'Upload a file as evidence',
      description: evidenceUploadDescription(options.maxUploadBytes),
      consumes: ['multipart/form-data'], params: z.object({ id }), querystring: localeQuery,
      response: { 201: actionDetailSchema, 413: errorSchema, ...conflict, ...errors },
    },
  }, async (request, reply) => {
    await addFileEvidence(db, options.uploads, request.actor, request.params.id, await readEvidenceUpload(request, options.maxUploadBytes));
    return reply.status(201).send(await detail(db, request.actor, request.params.id, requestLocale(request)));
  });

  app.delete('/api/v1/actions/:id/evidence/:evidenceId', {
    config: { permission: 'action:update', hidesRecords: true },
    schema: {
      tags: ['actions'], summary: 'Remove a piece of evidence', params: z.object({ id, evidenceId: id }), querystring: localeQuery,
      response: { 200: actionDetailSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await removeEvidence(db, options.uploads, request.actor, request.params.id, request.params.evidenceId);
    return detail(db, request.actor, request.params.id, requestLocale(request));
  });

  app.get('/api/v1/actions/:id/evidence/:evidenceId/file', {
    config: { permission: 'action:read' },
    schema: {
      tags: ['actions'], summary: 'Download an evidence file',
      description: 'Served as an attachment with the type found in its bytes; visible to whoever may see the report.',
      params: z.object({ id, evidenceId: id }),
    },
  }, async (request, reply) => {
    await visibleAction(db, request.actor, request.params.id);
    return sendEvidenceFile(reply, options.uploads, await repository.findEvidence(db, request.params.id, request.params.evidenceId));
  });
};
