/**
 * HTTP for the State's reporting obligations: the calendar (JSON and an
 * iCalendar feed), the secretariat's edits, treaty-body follow-up flags, and
 * the treaties the State has ratified. Reading is public: a State's reporting
 * calendar is published by the UN itself (treaty body and UPR calendars).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  followUpInputSchema, obligationInputSchema, obligationListQuery, obligationListSchema, obligationMetSchema, obligationPatchSchema,
  obligationSchema, obligationStatus, ratificationListSchema, ratificationPatchSchema, ratificationSchema, refreshResultSchema,
} from '../../../shared/obligations';
import { errorSchema } from '../../../shared/recommendations';
import { utcToday, type Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { localeQuery, serialId } from '../../platform/http/params';
import { LIST_EXPORT_FORMATS, exportSchema, rowsOf, sendTable } from '../exports/list-export';
import { OBLIGATION_COLUMNS, obligationRow } from './obligations.export';
import { obligationsCalendar } from './obligations.ical';
import * as repository from './obligations.repository';
import { refreshObligations } from './use-cases/refresh-obligations';
import { createObligation, flagFollowUp, markMet, updateObligation } from './use-cases/save-obligation';
import { updateRatification } from './use-cases/update-ratification';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int() }) };

export interface ObligationsOptions {
  /** The State the instance follows up now (its settings; STATE_ISO3 until an administrator sets it). */
  stateIso3: () => string;
  publicUrl: string;
  /** Today in the instance's calendar (default: UTC). */
  today?: Today;
}

export function presentObligation(row: repository.ObligationRow, locale: Locale, today: string): z.infer<typeof obligationSchema> {
  return {
    id: row.id, kind: row.kind, status: obligationStatus({ ...row, estimated: repository.estimated(row) }, today),
    mechanism: row.mechanism_code
      ? { code: row.mechanism_code, name: pickText(row.mechanism_name, locale), short: pickText(row.mechanism_short_name, locale) || row.mechanism_code }
      : null,
    instrument: row.instrument_code ? { code: row.instrument_code, name: pickText(row.instrument_name, locale) } : null,
    title: pickText(row.title, locale), titles: row.title,
    due_on: row.due_on, due_on_source: row.due_on_source, due_on_estimated: repository.estimated(row), met_on: row.met_on,
    recommendation_ids: row.recommendation_ids, notes: row.notes, derived: row.derived_key !== null, version: row.version,
  };
}

function presentRatification(row: repository.RatificationRow, locale: Locale): z.infer<typeof ratificationSchema> {
  return {
    instrument: {
      code: row.instrument_code, name: pickText(row.instrument_name, locale), parent_code: row.parent_code,
      mechanism: row.mechanism_code, periodicity_years: row.periodicity_years,
    },
    status: row.status, year: row.year, source: row.source, version: row.version,
  };
}

export const obligationsRoutes = (database: Database, options: ObligationsOptions): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const today = options.today ?? utcToday;

  app.get('/api/v1/obligations', {
    config: { permission: 'obligation:read' },
    schema: {
      tags: ['obligations'], summary: "The State's reporting obligations, by due date",
      description: 'Periodic reports to each treaty body the State is party to, the next UPR review and mid-term report, treaty-body follow-up paragraphs, regional bodies\' requests. `status` is derived: `met` when `met_on` is set, `late` when `due_on` has passed, `open` otherwise. Undated obligations (date to be set) come last. Filter by `recommendation_id` to see whether a recommendation is flagged for follow-up.',
      querystring: obligationListQuery, response: { 200: obligationListSchema, 400: errorSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const day = today();
    const rows = await repository.listObligations(db, request.query, day);
    return { state: options.stateIso3(), today: day, items: rows.map((row) => presentObligation(row, locale, day)) };
  });

  app.get('/api/v1/obligations.ics', {
    config: { permission: 'obligation:read' },
    schema: {
      tags: ['obligations'], summary: 'The reporting calendar as an iCalendar feed',
      description: 'RFC 5545, for calendar apps to subscribe to: one all-day event per obligation with a due date, its UID stable for the obligation\'s life, its title in `locale` and its status and link in the description. Takes the same filters as the list.',
      querystring: obligationListQuery, produces: ['text/calendar'],
      response: { 200: z.string(), 400: errorSchema },
    },
  }, async (request, reply) => {
    const locale = requestLocale(request);
    const day = today();
    const rows = await repository.listObligations(db, request.query, day);
    const stateName = pickText(await repository.countryName(db, options.stateIso3()), locale) || options.stateIso3();
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="obligations.ics"')
      .send(obligationsCalendar(rows, { publicUrl: options.publicUrl, locale, today: day, stateName }));
  });

  for (const format of LIST_EXPORT_FORMATS) {
    app.get(`/api/v1/obligations.${format}`, {
      config: { permission: 'obligation:read' },
      schema: { tags: ['obligations'], ...exportSchema(format, 'the reporting calendar'), querystring: obligationListQuery },
    }, async (request, reply) => {
      const locale = requestLocale(request);
      const day = today();
      const rows = await repository.listObligations(db, request.query, day);
      return sendTable(reply, format, 'obligations', OBLIGATION_COLUMNS, rowsOf(rows, (row) => obligationRow(presentObligation(row, locale, day))));
    });
  }

  app.get('/api/v1/obligations/:id', {
    config: { permission: 'obligation:read' },
    schema: { tags: ['obligations'], summary: 'One reporting obligation', params: z.object({ id: serialId }), querystring: localeQuery, response: { 200: obligationSchema, ...errors } },
  }, async (request) => {
    const row = await repository.findObligation(db, request.params.id);
    if (!row) throw notFound();
    return presentObligation(row, requestLocale(request), today());
  });

  app.post('/api/v1/obligations', {
    config: { permission: 'obligation:manage' },
    schema: {
      tags: ['obligations'], summary: 'Record a reporting obligation',
      description: 'A regional body\'s request, or any obligation the refresh does not derive. `mechanism` is a mechanism code (`IACHR`, `CRC`), required except for `other`; `due_on` null means date to be set. Follow-up paragraphs are flagged through `POST /api/v1/obligations/follow-up`.',
      body: obligationInputSchema, querystring: localeQuery, response: { 201: obligationSchema, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(presentObligation(await createObligation(db, request.actor, request.body), requestLocale(request), today())));

  app.post('/api/v1/obligations/follow-up', {
    config: { permission: 'obligation:manage' },
    schema: {
      tags: ['obligations'], summary: 'Flag recommendations a treaty body selected for follow-up',
      description: 'One to four recommendations of the same treaty-body document, on which the committee asked for information within `years` (1 or 2): one `follow_up` obligation due that long after the document\'s date. A recommendation is flagged once.',
      body: followUpInputSchema, querystring: localeQuery, response: { 201: obligationSchema, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(presentObligation(await flagFollowUp(db, request.actor, request.body), requestLocale(request), today())));

  app.post('/api/v1/obligations/refresh', {
    config: { permission: 'obligation:manage' },
    schema: {
      tags: ['obligations'], summary: 'Work out the derived obligations again now',
      description: 'Periodic reports from the ratifications, the UPR review and mid-term report from the catalogue. Runs by itself with the scheduled jobs and after a ratification changes; due dates the secretariat set are never changed.',
      response: { 200: refreshResultSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => refreshObligations(db, request.actor, options.stateIso3()));

  app.patch('/api/v1/obligations/:id', {
    config: { permission: 'obligation:manage' },
    schema: {
      tags: ['obligations'], summary: 'Change a reporting obligation',
      description: 'Send only the fields you change (the others keep their values) and the `version` you started from; a stale one gets 409. A due date set here is the secretariat\'s: the refresh no longer moves it.',
      params: z.object({ id: serialId }), body: obligationPatchSchema, querystring: localeQuery, response: { 200: obligationSchema, ...conflict, ...errors },
    },
  }, async (request) => presentObligation(await updateObligation(db, request.actor, request.params.id, request.body), requestLocale(request), today()));

  app.post('/api/v1/obligations/:id/met', {
    config: { permission: 'obligation:manage' },
    schema: {
      tags: ['obligations'], summary: 'Mark an obligation met (or reopen it)',
      description: '`met_on` is the day the report was submitted (not in the future); null reopens. For a periodic report, the next one is opened by the refresh.',
      params: z.object({ id: serialId }), body: obligationMetSchema, querystring: localeQuery, response: { 200: obligationSchema, ...conflict, ...errors },
    },
  }, async (request) => presentObligation(await markMet(db, request.actor, request.params.id, request.body, today()), requestLocale(request), today()));

  app.get('/api/v1/ratifications', {
    config: { permission: 'obligation:read' },
    schema: {
      tags: ['obligations'], summary: "The State's status on each core UN human-rights treaty and optional protocol",
      description: 'Seeded from the UN Treaty Collection (2022 snapshot); `source: manual` where the secretariat corrected it. `periodicity_years` is how often the treaty body expects periodic reports.',
      querystring: localeQuery, response: { 200: ratificationListSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const state = options.stateIso3();
    return { state, items: (await repository.ratifications(db, state)).map((row) => presentRatification(row, locale)) };
  });

  app.patch('/api/v1/ratifications/:instrument', {
    config: { permission: 'obligation:manage' },
    schema: {
      tags: ['obligations'], summary: "Correct the State's status on a treaty, or its reporting periodicity",
      description: 'Send only the fields you change (the others keep their values; a year is cleared when the State stops being a party) and the `version` you started from; a stale one gets 409. The periodic-report obligations follow at once.',
      params: z.object({ instrument: z.string().min(1).max(40) }), body: ratificationPatchSchema, querystring: localeQuery,
      response: { 200: ratificationSchema, ...conflict, ...errors },
    },
  }, async (request) => presentRatification(await updateRatification(db, request.actor, options.stateIso3(), request.params.instrument, request.body), requestLocale(request)));
};
