/** HTTP for reporting rounds: open and change them, the dashboard, what each institution owes. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import { dashboardSchema, reportsDueSchema, roundInputSchema, roundPatchSchema, roundProgress, roundSchema } from '../../../shared/rounds';
import { authorize, can } from '../../platform/auth/policy';
import { utcToday, type Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { localeQuery, serialId } from '../../platform/http/params';
import { institutionNames } from '../actions/actions.repository';
import { bestText } from '../recommendations/recommendations.presenter';
import { LIST_EXPORT_FORMATS, exportSchema, rowsOf, sendTable } from '../exports/list-export';
import { PROGRESS_COLUMNS, progressRow, ROUND_COLUMNS, roundRow } from './rounds.export';
import * as repository from './rounds.repository';
import { createRound, updateRound } from './use-cases/save-round';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
type Round = z.infer<typeof roundSchema>;

async function presentRound(db: Database['pool'], row: repository.RoundRow, locale: Locale): Promise<Round> {
  const codes = await repository.mechanismCodes(db, row.mechanism_ids);
  return {
    id: row.id, title: pickText(row.title, locale), titles: row.title,
    scope: { mechanisms: row.mechanism_ids.map((id) => codes.get(id) ?? String(id)), recommendation_ids: row.recommendation_ids, institution_ids: row.institution_ids },
    opens_on: row.opens_on, due_on: row.due_on, reminder_days: row.reminder_days,
    escalate_to_validator_after_days: row.escalate_to_validator_after_days, escalate_to_secretariat_after_days: row.escalate_to_secretariat_after_days,
    closed: row.closed, version: row.version,
  };
}

function progressOf(row: repository.ProgressRow, names: Awaited<ReturnType<typeof institutionNames>>, round: repository.RoundRow, today: string, locale: Locale) {
  const institution = names.get(row.institution_id);
  const progress = roundProgress(row);
  return {
    institution: { id: row.institution_id, name: pickText(institution?.name, locale), acronym: institution?.acronym ?? null },
    owed: row.owed, submitted: row.submitted, validated: row.validated, progress,
    overdue: today > round.due_on && row.submitted < row.owed,
  };
}

export const roundsRoutes = (database: Database, today: Today = utcToday): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const roundOr404 = async (id: number) => {
    const round = await repository.findRound(db, id);
    if (!round) throw notFound();
    return round;
  };
  const roundList = async (locale: Locale) => Promise.all((await repository.listRounds(db)).map((row) => presentRound(db, row, locale)));
  /** Each institution's progress in the round, overdue ones first, then by name. */
  const dashboardRows = async (round: repository.RoundRow, locale: Locale) => {
    const rows = await repository.roundProgress(db, round);
    const names = await institutionNames(db, rows.map((r) => r.institution_id));
    const institutions = rows.map((row) => progressOf(row, names, round, today(), locale))
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.institution.name.localeCompare(b.institution.name, locale));
    return { rows, institutions };
  };

  app.get('/api/v1/rounds', {
    config: { permission: 'round:read' },
    schema: { tags: ['rounds'], summary: 'Reporting rounds, open ones first', querystring: localeQuery, response: { 200: z.object({ items: z.array(roundSchema) }), 401: errorSchema, 403: errorSchema } },
  }, async (request) => {
    return { items: await roundList(requestLocale(request)) };
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/rounds.${format}`, {
      config: { permission: 'round:read' },
      schema: { tags: ['rounds'], ...exportSchema(format, 'the reporting rounds'), querystring: localeQuery },
    }, async (request, reply) => {
      return sendTable(reply, format, 'rounds', ROUND_COLUMNS, rowsOf(await roundList(requestLocale(request)), roundRow));
    });
  }

  app.post('/api/v1/rounds', {
    config: { permission: 'round:manage' },
    schema: {
      tags: ['rounds'], summary: 'Open a reporting round',
      description: 'Scope by mechanism codes, recommendation ids and/or institution ids (an empty list does not narrow). Reminders go to focal points `reminder_days` before `due_on`; after it, an overdue notice, then the validator and then the secretariat are told.',
      body: roundInputSchema, querystring: localeQuery, response: { 201: roundSchema, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await presentRound(db, await createRound(db, request.actor, request.body), requestLocale(request))));

  app.get('/api/v1/rounds/:id', {
    config: { permission: 'round:read' },
    schema: { tags: ['rounds'], summary: 'One reporting round', params: z.object({ id: serialId }), querystring: localeQuery, response: { 200: roundSchema, ...errors } },
  }, async (request) => {
    return presentRound(db, await roundOr404(request.params.id), requestLocale(request));
  });

  app.patch('/api/v1/rounds/:id', {
    config: { permission: 'round:manage' },
    schema: {
      tags: ['rounds'], summary: 'Change or close a reporting round', description: 'Send only the fields you change (the others keep their values; `{"version": 3, "closed": true}` closes a round) and the `version` you started from; a stale one gets 409. A `scope` sent is the whole new scope.',
      params: z.object({ id: serialId }), body: roundPatchSchema, querystring: localeQuery,
      response: { 200: roundSchema, 409: errorSchema.extend({ current_version: z.number().int() }), ...errors },
    },
  }, async (request) => presentRound(db, await updateRound(db, request.actor, request.params.id, request.body), requestLocale(request)));

  app.get('/api/v1/rounds/:id/dashboard', {
    config: { permission: 'round:monitor' },
    schema: {
      tags: ['rounds'], summary: "A round's dashboard: each responsible institution's progress",
      params: z.object({ id: serialId }), querystring: localeQuery, response: { 200: dashboardSchema, ...errors },
    },
  }, async (request) => {
    const round = await roundOr404(request.params.id);
    const locale = requestLocale(request);
    const { rows, institutions } = await dashboardRows(round, locale);
    const sum = (key: 'owed' | 'submitted' | 'validated') => rows.reduce((total, row) => total + row[key], 0);
    return {
      round: await presentRound(db, round, locale),
      totals: { institutions: rows.length, owed: sum('owed'), submitted: sum('submitted'), validated: sum('validated') },
      institutions,
    };
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/rounds/:id/dashboard.${format}`, {
      config: { permission: 'round:monitor' },
      schema: { tags: ['rounds'], ...exportSchema(format, "a round's dashboard (one row per institution)"), params: z.object({ id: serialId }), querystring: localeQuery },
    }, async (request, reply) => {
      const round = await roundOr404(request.params.id);
      const { institutions } = await dashboardRows(round, requestLocale(request));
      return sendTable(reply, format, `round-${round.id}-dashboard`, PROGRESS_COLUMNS, rowsOf(institutions, progressRow));
    });
  }

  app.get('/api/v1/rounds/:id/institutions/:institutionId', {
    config: { permission: 'round:reports_due' },
    schema: {
      tags: ['rounds'], summary: 'The reports one institution owes in a round (its reports due), recommendation by recommendation',
      params: z.object({ id: serialId, institutionId: serialId }), querystring: localeQuery, response: { 200: reportsDueSchema, ...errors },
    },
  }, async (request) => {
    authorize(request.actor, 'round:reports_due', { institutionId: request.params.institutionId });
    const round = await roundOr404(request.params.id);
    const names = await institutionNames(db, [request.params.institutionId]);
    if (!names.size) throw notFound();
    const locale = requestLocale(request);
    const items = await repository.institutionReportsDue(db, round, request.params.institutionId);
    const row = {
      institution_id: request.params.institutionId, owed: items.length,
      submitted: items.filter((i) => i.submitted).length, validated: items.filter((i) => i.validated).length,
    };
    return {
      round: await presentRound(db, round, locale),
      progress: progressOf(row, names, round, today(), locale),
      items: items.map((item) => ({
        recommendation_id: item.recommendation_id, symbol: item.document_symbol, paragraph: item.paragraph,
        text: bestText(item.texts, locale, item.original_language).text, submitted: item.submitted, validated: item.validated,
      })),
      permissions: can(request.actor, 'action:create', { institutionId: request.params.institutionId }) ? ['action:create' as const] : [],
    };
  });
};
