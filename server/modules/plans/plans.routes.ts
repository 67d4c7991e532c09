/** HTTP for implementation plans: plans, objectives, activities, proposals through the chain, revisions, progress. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import {
  activityDeleteSchema, activityDetailSchema, coverageQuerySchema, coverageSchema, activityInputSchema, activityPatchSchema, objectiveDeleteSchema, objectiveInputSchema,
  objectivePatchSchema, objectiveSchema, planDetailSchema, planInputSchema, planListQuerySchema, planListSchema, planPatchSchema,
  planImportReportSchema, planProgressSchema, recommendationPlannedSchema, planStatusInputSchema, PROPOSAL_TRANSITION_PERMISSIONS, proposalInputSchema, proposalPatchSchema,
  proposalTransitionInputSchema, revisionListSchema,
} from '../../../shared/plans';
import { errorSchema } from '../../../shared/recommendations';
import { ACTION_TRANSITIONS, canView, type TransitionName } from '../../../shared/workflows/action-review';
import type { Actor } from '../../platform/auth/actor';
import { authorize, requireSignedIn } from '../../platform/auth/policy';
import { utcToday, type Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { readUploadedFile } from '../../platform/files/multipart';
import { HttpError, notFound } from '../../platform/http/errors';
import { fileErrorReason } from '../recommendations/import/issue-messages';
import { ImportFileError } from '../recommendations/import/types';
import { PLAN_COLUMNS, planSheetRows } from './plans.spreadsheet';
import { importPlan } from './use-cases/import-plan';
import { requestLocale, type Locale } from '../../platform/http/locale';
import { notModified } from '../../platform/http/public-cache';
import { recommendationExists } from '../recommendations/recommendations.repository';
import { bigId, localeQuery } from '../../platform/http/params';
import { chainContext } from '../actions/use-cases/access';
import { exportSchema, LIST_EXPORT_FORMATS, rowsOf, sendTable } from '../exports/list-export';
import { COVERAGE_COLUMNS, coverage, coverageRows } from './plans.coverage';
import * as repository from './plans.repository';
import { activityContext, activityDetail, planDetail, presentActivity, presentPlanSummary, progressOf } from './plans.presenter';
import { createActivity, deleteActivity, moveProposal, proposeActivity, updateActivity, updateProposal } from './use-cases/save-activity';
import { createObjective, deleteObjective, updateObjective } from './use-cases/save-objective';
import { createPlan, deletePlan, setPlanStatus, updatePlan } from './use-cases/save-plan';

const id = bigId;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int().optional(), state: z.string().optional(), status: z.string().optional() }) };
const adoptedNote = 'On an adopted or closed plan the change is a revision of the plan and needs `revision_reason` (400 without it).';

export const plansRoutes = (database: Database, options: { maxImportBytes: number }, today: Today = utcToday): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;

  async function readPlan(planId: number, actor: Actor | null, locale: Locale) {
    const plan = await repository.findPlan(db, planId);
    if (!plan) throw notFound('plan_not_found');
    return planDetail(db, plan, chainContext(actor), today(), locale);
  }

  async function readActivity(db: pg.Pool, actor: Actor | null, activityId: number, locale: Locale) {
    const row = await repository.findActivity(db, activityId);
    if (!row || !canView(chainContext(actor), { state: row.state, institutionId: row.institution_id })) throw notFound();
    return activityDetail(db, row, chainContext(actor), today(), locale);
  }

  // ---------------------------------------------------------------------------
  // Public: adopted (and closed) plans and the activities accepted into them; drafts and proposals never.
  // ---------------------------------------------------------------------------

  async function publicPlan(planId: number, locale: Locale) {
    const plan = await repository.findPlan(db, planId);
    if (!plan || !repository.PUBLIC_STATUSES.includes(plan.status)) throw notFound('plan_not_found');
    return planDetail(db, plan, null, today(), locale);
  }

  app.get('/api/v1/public/plans', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['plans'], summary: 'Adopted implementation plans (and closed ones)', querystring: localeQuery,
      response: { ...notModified, 200: planListSchema, 400: errorSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    return { items: (await repository.listPlans(db, repository.PUBLIC_STATUSES)).map((row) => presentPlanSummary(row, locale)) };
  });

  app.get('/api/v1/public/plans/:id', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['plans'], summary: 'An adopted plan: objectives, activities, institutions, progress and linked recommendations',
      description: 'Only the activities accepted into the plan; a draft plan answers 404.',
      params: z.object({ id }), querystring: localeQuery, response: { ...notModified, 200: planDetailSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (request) => publicPlan(request.params.id, requestLocale(request)));

  app.get('/api/v1/public/plans/:id/progress', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['plans'], summary: 'Progress of an adopted plan, per objective and per institution',
      params: z.object({ id }), querystring: localeQuery, response: { ...notModified, 200: planProgressSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (request) => progressOf(await publicPlan(request.params.id, requestLocale(request)), today()));

  app.get('/api/v1/public/recommendations/:id/planned-activities', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags: ['plans'], summary: 'The activities of adopted plans that answer a recommendation, with their progress',
      params: z.object({ id }), querystring: localeQuery, response: { ...notModified, 200: recommendationPlannedSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    if (!(await recommendationExists(db, request.params.id))) throw notFound('recommendation_not_found');
    const rows = await repository.publicActivitiesAnswering(db, request.params.id);
    const [{ institutions, facts }, plans] = await Promise.all([activityContext(db, rows), repository.plansByIds(db, [...new Set(rows.map((row) => row.plan_id))])]);
    return {
      items: rows.map((row) => ({ ...presentActivity(row, institutions, facts, today(), locale), plan: presentPlanSummary(plans.get(row.plan_id)!, locale) })),
    };
  });

  app.get('/api/v1/plans', {
    config: { permission: 'plan:read' },
    schema: { tags: ['plans'], summary: 'Implementation plans (drafts included), newest period first', querystring: planListQuerySchema, response: { 200: planListSchema, ...errors } },
  }, async (request) => {
    authorize(request.actor, 'plan:read');
    const locale = requestLocale(request);
    return { items: (await repository.listPlans(db, request.query.status)).map((row) => presentPlanSummary(row, locale)) };
  });

  app.post('/api/v1/plans', {
    config: { permission: 'plan:manage' },
    schema: { tags: ['plans'], summary: 'Create a plan (as a draft)', body: planInputSchema, querystring: localeQuery, response: { 201: planDetailSchema, ...errors } },
  }, async (request, reply) => {
    const created = await createPlan(db, request.actor, request.body);
    return reply.status(201).send(await readPlan(created, request.actor, requestLocale(request)));
  });

  app.get('/api/v1/plans/:id', {
    config: { permission: 'plan:read' },
    schema: {
      tags: ['plans'], summary: 'A plan with its objectives, its activities and the proposals the caller may see',
      description: 'Proposals (activities not yet accepted) follow the visibility of the validation chain; `progress` counts the plan\'s activities only.',
      params: z.object({ id }), querystring: localeQuery, response: { 200: planDetailSchema, ...errors },
    },
  }, async (request) => {
    authorize(request.actor, 'plan:read');
    return readPlan(request.params.id, request.actor, requestLocale(request));
  });

  app.patch('/api/v1/plans/:id', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Edit a plan',
      description: `Send only the fields you change and the \`version\` you started from (409 with \`current_version\` when stale). ${adoptedNote}`,
      params: z.object({ id }), body: planPatchSchema, querystring: localeQuery, response: { 200: planDetailSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await updatePlan(db, request.actor, request.params.id, request.body);
    return readPlan(request.params.id, request.actor, requestLocale(request));
  });

  app.post('/api/v1/plans/:id/status', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Adopt, close or reopen a plan',
      description: 'draft → adopted (needs `adopted_on`, here or on the plan), adopted → closed, closed → adopted; anything else 409. Closing and reopening are revisions and need `revision_reason`.',
      params: z.object({ id }), body: planStatusInputSchema, querystring: localeQuery, response: { 200: planDetailSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await setPlanStatus(db, request.actor, request.params.id, request.body);
    return readPlan(request.params.id, request.actor, requestLocale(request));
  });

  app.delete('/api/v1/plans/:id', {
    config: { permission: 'plan:manage' },
    schema: { tags: ['plans'], summary: 'Delete a draft plan', description: 'Only drafts; 409 for an adopted or closed plan.', params: z.object({ id }), response: { 204: z.null(), ...conflict, ...errors } },
  }, async (request, reply) => {
    await deletePlan(db, request.actor, request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/plans/:id/revisions', {
    config: { permission: 'plan:read' },
    schema: {
      tags: ['plans'], summary: 'Every revision of an adopted plan: who, when, why, and the record before and after',
      params: z.object({ id }), response: { 200: revisionListSchema, ...errors },
    },
  }, async (request) => {
    authorize(request.actor, 'plan:read');
    if (!(await repository.findPlan(db, request.params.id))) throw notFound('plan_not_found');
    const rows = await repository.revisionsOf(db, request.params.id);
    return {
      items: rows.map((r) => ({
        number: r.number, kind: r.kind, reason: r.reason, actor: { id: Number(r.actor_id), display_name: r.display_name }, at: r.at.toISOString(), changes: r.changes,
      })),
    };
  });

  app.get('/api/v1/plans/:id/progress', {
    config: { permission: 'plan:read' },
    schema: {
      tags: ['plans'], summary: 'Progress of a plan: its activities on time, late, not started and done, per objective and per institution',
      description: 'From the published action reports that carry the activities out and their indicators\' measurements (see decision 0013).',
      params: z.object({ id }), querystring: localeQuery, response: { 200: planProgressSchema, ...errors },
    },
  }, async (request) => {
    authorize(request.actor, 'plan:read');
    return progressOf(await readPlan(request.params.id, null, requestLocale(request)), today());
  });

  const coverageDescription = 'The search\'s own parameters (mechanism, cycle, theme, …) and `institution_id` (recommendations assigned to it) '
    + 'choose the recommendations; activities of draft and adopted plans answer them, or those of `plan_id` alone; proposals never do.';

  app.get('/api/v1/plan-coverage', {
    config: { permission: 'plan:read' },
    schema: {
      tags: ['plans'], summary: 'Recommendations no plan activity answers, and plan activities that answer no recommendation',
      description: `${coverageDescription} Uncovered recommendations are paged with \`page\` and \`page_size\`.`,
      querystring: coverageQuerySchema, response: { 200: coverageSchema, ...errors },
    },
  }, async (request) => {
    authorize(request.actor, 'plan:read');
    return coverage(db, request.query, requestLocale(request));
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/plan-coverage.${format}`, {
      config: { permission: 'plan:read' },
      schema: { tags: ['plans'], ...exportSchema(format, 'the coverage of recommendations by plans (uncovered recommendations, then activities without one; column `kind`)'), querystring: coverageQuerySchema },
    }, async (request, reply) => {
      authorize(request.actor, 'plan:read');
      return sendTable(reply, format, 'plan-coverage', COVERAGE_COLUMNS, coverageRows(db, request.query, requestLocale(request)));
    });
  }

  app.post('/api/v1/plans/:id/import', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Fill a draft plan from a spreadsheet (CSV or XLSX, one row per activity)',
      description: `multipart/form-data: optional \`dry_run\` (true/false), then one \`file\` (at most ${Math.round(options.maxImportBytes / 1024 / 1024)} MB). Columns: ${PLAN_COLUMNS.join(', ')} (see the export, which writes the same shape). All or nothing: one row with an issue and nothing is written; every issue is listed. 409 for a plan that is not a draft.`,
      consumes: ['multipart/form-data'], params: z.object({ id }), querystring: localeQuery,
      response: { 200: planImportReportSchema, 413: errorSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    authorize(request.actor, 'plan:manage');
    const { bytes, fields } = await readUploadedFile(request, options.maxImportBytes);
    const locale = requestLocale(request);
    try {
      return await importPlan(db, request.actor, request.params.id, bytes, ['true', 'on', '1'].includes(fields.dry_run ?? ''), locale);
    } catch (error) {
      if (error instanceof ImportFileError) throw new HttpError(400, 'bad_request', 'import_file_invalid', { reason: fileErrorReason(error, locale) });
      throw error;
    }
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/plans/:id/export.${format}`, {
      config: { permission: 'plan:read' },
      schema: {
        tags: ['plans'], ...exportSchema(format, 'the plan\'s activities, one row per activity, in the shape the import reads'),
        params: z.object({ id }), querystring: localeQuery,
      },
    }, async (request, reply) => {
      authorize(request.actor, 'plan:read');
      const plan = await repository.findPlan(db, request.params.id);
      if (!plan) throw notFound('plan_not_found');
      const [objectives, activities] = await Promise.all([repository.objectivesOf(db, plan.id), repository.activitiesOf(db, plan.id, null)]);
      const [names, references] = await Promise.all([
        repository.institutionNames(db, [...new Set(activities.flatMap((a) => [a.institution_id, ...a.co_responsible_ids]))]),
        repository.recommendationReferences(db, [...new Set(activities.flatMap((a) => a.recommendation_ids))]),
      ]);
      const rows = planSheetRows(objectives, activities, plan.original_language, names, references);
      return sendTable(reply, format, `plan-${plan.id}`, PLAN_COLUMNS, rowsOf(rows, (row) => row));
    });
  }

  app.post('/api/v1/plans/:id/objectives', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Add an objective (strategic axis, objective under an axis, result under an objective)', description: adoptedNote,
      params: z.object({ id }), body: objectiveInputSchema, querystring: localeQuery, response: { 201: objectiveSchema, ...errors },
    },
  }, async (request, reply) => {
    const created = await createObjective(db, request.actor, request.params.id, request.body);
    const detail = await readPlan(request.params.id, request.actor, requestLocale(request));
    return reply.status(201).send(detail.objectives.find((o) => o.id === created)!);
  });

  app.patch('/api/v1/plan-objectives/:id', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Edit or move an objective', description: `Send only the fields you change and the \`version\`. ${adoptedNote}`,
      params: z.object({ id }), body: objectivePatchSchema, querystring: localeQuery, response: { 200: objectiveSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    const planId = await updateObjective(db, request.actor, request.params.id, request.body);
    const detail = await readPlan(planId, request.actor, requestLocale(request));
    return detail.objectives.find((o) => o.id === request.params.id)!;
  });

  app.delete('/api/v1/plan-objectives/:id', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Remove an objective and those under it (their activities stay, without an objective)', description: adoptedNote,
      params: z.object({ id }), body: objectiveDeleteSchema, response: { 204: z.null(), ...conflict, ...errors },
    },
  }, async (request, reply) => {
    await deleteObjective(db, request.actor, request.params.id, request.body);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/plans/:id/activities', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Add an activity to the plan', description: adoptedNote,
      params: z.object({ id }), body: activityInputSchema, querystring: localeQuery, response: { 201: activityDetailSchema, ...errors },
    },
  }, async (request, reply) => {
    const created = await createActivity(db, request.actor, request.params.id, request.body);
    return reply.status(201).send(await readActivity(db, request.actor, created, requestLocale(request)));
  });

  app.get('/api/v1/plan-activities/:id', {
    config: { permission: 'plan:read', hidesRecords: true },
    schema: {
      tags: ['plans'], summary: 'One activity or proposal, with its chain history and what the caller may do',
      description: 'A proposal the caller may not see answers 404, as an action report does.',
      params: z.object({ id }), querystring: localeQuery, response: { 200: activityDetailSchema, ...errors },
    },
  }, async (request) => {
    // Signed in, then hidden (404) where the chain hides it, then refused without plan:read, as a write on it would be.
    requireSignedIn(request.actor);
    const row = await repository.findActivity(db, request.params.id);
    if (!row || !canView(chainContext(request.actor), { state: row.state, institutionId: row.institution_id })) throw notFound();
    authorize(request.actor, 'plan:read');
    return activityDetail(db, row, chainContext(request.actor), today(), requestLocale(request));
  });

  app.patch('/api/v1/plan-activities/:id', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Edit an activity of the plan',
      description: `Send only the fields you change and the \`version\`. A proposal changes through its chain (409). ${adoptedNote}`,
      params: z.object({ id }), body: activityPatchSchema, querystring: localeQuery, response: { 200: activityDetailSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await updateActivity(db, request.actor, request.params.id, request.body);
    return readActivity(db, request.actor, request.params.id, requestLocale(request));
  });

  app.delete('/api/v1/plan-activities/:id', {
    config: { permission: 'plan:manage' },
    schema: {
      tags: ['plans'], summary: 'Remove an activity or a proposal', description: `409 when an action report says it carries it out. ${adoptedNote}`,
      params: z.object({ id }), body: activityDeleteSchema, response: { 204: z.null(), ...conflict, ...errors },
    },
  }, async (request, reply) => {
    await deleteActivity(db, request.actor, request.params.id, request.body);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/plans/:id/proposals', {
    config: { permission: 'plan:propose' },
    schema: {
      tags: ['plans'], summary: 'Propose an activity for one\'s institution (starts as a draft of the validation chain)',
      description: 'By a focal point of `institution_id`; then submit, validate and publish (accept) as with action reports. 409 on a closed plan.',
      params: z.object({ id }), body: proposalInputSchema, querystring: localeQuery, response: { 201: activityDetailSchema, ...conflict, ...errors },
    },
  }, async (request, reply) => {
    const created = await proposeActivity(db, request.actor, request.params.id, request.body);
    return reply.status(201).send(await readActivity(db, request.actor, created, requestLocale(request)));
  });

  app.patch('/api/v1/plan-activities/:id/proposal', {
    config: { permission: 'plan:propose', hidesRecords: true },
    schema: {
      tags: ['plans'], summary: 'Edit a draft or returned proposal',
      description: 'Send only the fields you change and the `version`; a proposal with its reviewers cannot be edited (409).',
      params: z.object({ id }), body: proposalPatchSchema, querystring: localeQuery, response: { 200: activityDetailSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await updateProposal(db, request.actor, request.params.id, request.body);
    return readActivity(db, request.actor, request.params.id, requestLocale(request));
  });

  for (const transition of Object.keys(ACTION_TRANSITIONS) as TransitionName[]) {
    const rule = ACTION_TRANSITIONS[transition];
    app.post(`/api/v1/plan-activities/:id/${transition.replaceAll('_', '-')}`, {
      config: { permission: PROPOSAL_TRANSITION_PERMISSIONS[transition], hidesRecords: true },
      schema: {
        tags: ['plans'], summary: `Proposal chain: ${transition.replaceAll('_', ' ')} (${rule.from.join(' or ')} → ${rule.to})`,
        description: `By ${rule.roles.join(' or ')}. Send the \`version\` you saw${rule.commentRequired ? ' and a `comment` saying why (required)' : ' and, optionally, a `comment`'}.${transition === 'publish' ? ' Accepting into an adopted plan is a revision: the comment is its reason and is required.' : ''} 409 when the proposal has moved on.`,
        params: z.object({ id }), body: proposalTransitionInputSchema, querystring: localeQuery, response: { 200: activityDetailSchema, ...conflict, ...errors },
      },
    }, async (request) => {
      await moveProposal(db, request.actor, request.params.id, transition, request.body);
      return readActivity(db, request.actor, request.params.id, requestLocale(request));
    });
  }
};
