/** HTTP for the report composer. */
import { attachment } from '../../platform/http/content-disposition';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../../../shared/recommendations';
import { regenerateInputSchema, reportInputSchema, reportSchema, reportVersionsSchema, sectionEditSchema } from '../../../shared/reports';
import { utcToday, type Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { CONTENT_TYPES } from '../../platform/export/tables';
import { notFound } from '../../platform/http/errors';
import { bigId } from '../../platform/http/params';
import { labelMaps } from '../taxonomies/taxonomies.repository';
import { reportDocx } from './export/docx';
import { reportMatrix } from './export/matrix';
import { reportPdf } from './export/pdf';
import * as repository from './reports.repository';
import { createReport, editReportSection, regenerateReport } from './use-cases/compose-report';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int() }) };
type Report = z.infer<typeof reportSchema>;

const EXPORTS = {
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    summary: 'The draft as an editable Word document',
    description: 'Title, a table of contents field (Word fills it in on opening), each group (Heading 1) and section (Heading 2: document symbol and paragraph) with its text as edited, page numbers in the footer, and the matrix of recommendations as a table in a landscape annex.',
  },
  pdf: {
    type: 'application/pdf',
    summary: 'The draft as a PDF',
    description: 'Title, each group and section with its text as edited, bookmarks for every heading, page numbers.',
  },
  xlsx: {
    type: CONTENT_TYPES.xlsx,
    summary: 'The matrix of recommendations as a spreadsheet',
    description: "One row per recommendation in the report's order, in the shape of the OHCHR UPR matrix: group, document and paragraph, recommendation, recommending States, position, themes, affected persons, SDG targets, institutions, published actions, current status. Values are typed, never formulas.",
  },
} as const;

export const reportsRoutes = (database: Database, today: Today = utcToday): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const present = async (id: number): Promise<Report> => {
    const draft = await repository.findDraft(db, id);
    if (!draft) throw notFound();
    return {
      id: draft.id, template: draft.template as Report['template'], title: draft.title, language: draft.language as Report['language'],
      grouping: draft.grouping as Report['grouping'], include_earlier: draft.include_earlier, cluster_source: draft.cluster_source ?? null, version: draft.version, updated_at: draft.updated_at.toISOString(),
      sections: (await repository.sectionsOf(db, id)).map((s) => ({
        key: s.key, group_heading: s.group_heading, heading: s.heading, text: s.edited_text ?? s.generated_text, generated_text: s.generated_text,
        edited: s.edited_text !== null, edited_at: s.edited_at?.toISOString() ?? null, orphaned: s.orphaned,
      })),
    };
  };

  app.get('/api/v1/reports', {
    config: { permission: 'report:read' },
    schema: {
      tags: ['reports'], summary: 'Report drafts, most recently changed first',
      response: { 200: z.object({ items: z.array(reportSchema.omit({ sections: true })) }), 401: errorSchema, 403: errorSchema },
    },
  }, async () => {
    return {
      items: (await repository.listDrafts(db)).map((d) => ({
        id: d.id, template: d.template as Report['template'], title: d.title, language: d.language as Report['language'],
        grouping: d.grouping as Report['grouping'], include_earlier: d.include_earlier, cluster_source: d.cluster_source ?? null, version: d.version, updated_at: d.updated_at.toISOString(),
      })),
    };
  });

  app.post('/api/v1/reports', {
    config: { permission: 'report:manage' },
    schema: {
      tags: ['reports'], summary: 'Compose a report draft',
      description: 'A template, a title, a language, a grouping (theme, cluster, institution, paragraph order; by cluster: the clusters of the instance in their order while it has one, else the primary theme of each recommendation, as `cluster_source` says) and the recommendations (by id or by search). Each recommendation becomes a section: its symbol and paragraph, text, responsible institutions, published actions with dates and evidence, indicators with their latest values, and its current status; with `include_earlier`, also what was reported on the earlier recommendations the same ask recurs from (published actions, status).',
      body: reportInputSchema, response: { 201: reportSchema, ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await present(await createReport(db, request.actor, request.body, today))));

  app.get('/api/v1/reports/:id', {
    config: { permission: 'report:read' },
    schema: { tags: ['reports'], summary: 'A report draft with its sections', params: z.object({ id: bigId }), response: { 200: reportSchema, ...errors } },
  }, async (request) => {
    return present(request.params.id);
  });

  app.post('/api/v1/reports/:id/regenerate', {
    config: { permission: 'report:manage' },
    schema: {
      tags: ['reports'], summary: 'Compile the draft again from the current data',
      description: "Compiled text is refreshed; sections people edited keep their edits unless `overwrite_edits`. A recommendation that left the selection loses its section, unless it was edited (then it stays, `orphaned`). Send the draft's `version`.",
      params: z.object({ id: bigId }), body: regenerateInputSchema, response: { 200: reportSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await regenerateReport(db, request.actor, request.params.id, request.body, today);
    return present(request.params.id);
  });

  app.patch('/api/v1/reports/:id/sections/:key', {
    config: { permission: 'report:manage' },
    schema: {
      tags: ['reports'], summary: "Edit a section's text (null gives it back to the compiled text)",
      params: z.object({ id: bigId, key: z.string().regex(/^[a-z]+(:\d+)?$/) }), body: sectionEditSchema, response: { 200: reportSchema, ...conflict, ...errors },
    },
  }, async (request) => {
    await editReportSection(db, request.actor, request.params.id, request.params.key, request.body);
    return present(request.params.id);
  });

  app.get('/api/v1/reports/:id/versions', {
    config: { permission: 'report:read' },
    schema: {
      tags: ['reports'], summary: 'Every saved version of a draft, newest first', params: z.object({ id: bigId }),
      response: { 200: reportVersionsSchema, ...errors },
    },
  }, async (request) => {
    if (!(await repository.findDraft(db, request.params.id))) throw notFound();
    return { items: (await repository.versionsOf(db, request.params.id)).map((v) => ({ version: v.version, reason: v.reason, at: v.created_at.toISOString(), by: v.display_name })) };
  });

  for (const format of ['docx', 'pdf', 'xlsx'] as const) {
    app.get(`/api/v1/reports/:id/export.${format}`, {
      config: { permission: 'report:read' },
      schema: {
        tags: ['reports'], summary: EXPORTS[format].summary, description: EXPORTS[format].description, params: z.object({ id: bigId }),
        produces: [EXPORTS[format].type], response: { 200: z.any().describe(`The ${format.toUpperCase()} file`), ...errors },
      },
    }, async (request, reply) => {
      const draft = await repository.findDraft(db, request.params.id);
      if (!draft) throw notFound();
      const maps = await labelMaps(db);
      const file = format === 'docx' ? reportDocx(db, draft, maps, today()) : format === 'pdf' ? reportPdf(db, draft, maps, today()) : reportMatrix(db, draft, maps);
      const name = draft.title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim().slice(0, 120) || `report-${draft.id}`;
      return reply.header('content-type', EXPORTS[format].type)
        .header('content-disposition', attachment(`${name}.${format}`))
        .header('cache-control', 'no-store')
        .send(file);
    });
  }
};
