/** HTTP for importing a file into the catalogue from the web app: the same importer as `npm run import`. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importReportSchema } from '../../../shared/imports';
import { errorSchema } from '../../../shared/recommendations';
import type { Database } from '../../platform/db/database';
import { readUploadedFile } from '../../platform/files/multipart';
import { badRequest, HttpError } from '../../platform/http/errors';
import { requestLocale } from '../../platform/http/locale';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { fileErrorReason, issueMessage, issueWhere } from './import/issue-messages';
import { IMPORT_FORMATS, ImportFileError, type ImportFormat } from './import/types';
import { importRecommendations } from './use-cases/import-recommendations';
import { localeSchema } from '../../../shared/i18n/schema';

const flag = (value: unknown) => value === 'true' || value === 'on' || value === '1';

export const importsRoutes = (database: Database, options: { maxImportBytes: number }): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/v1/imports', {
    config: { permission: 'recommendation:import' },
    schema: {
      tags: ['recommendations'], summary: 'Import a file of recommendations',
      description: `multipart/form-data: optional fields \`format\` (${IMPORT_FORMATS.join(', ')}; detected when absent), \`dry_run\`, \`skip_invalid\` and \`suggest\` (true/false), then one \`file\` (at most ${Math.round(options.maxImportBytes / 1024 / 1024)} MB). All or nothing: one invalid row means nothing is written unless \`skip_invalid\`. Re-importing the same file changes nothing. With \`suggest\`, the records the import created or changed are scored by the current suggestion model once it committed, so that their label suggestions are in the review queue at once (\`suggestions\` in the answer); scoring never makes the import fail.`,
      consumes: ['multipart/form-data'], querystring: z.object({ locale: localeSchema.optional() }),
      response: { 200: importReportSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 413: errorSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const { bytes, fileName, fields } = await readUploadedFile(request, options.maxImportBytes);
    const field = (name: string): string | undefined => fields[name];
    const format = field('format');
    if (format && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
      throw badRequest('invalid_parameter', { param: 'format', detail: IMPORT_FORMATS.join(', ') });
    }
    try {
      const report = await importRecommendations(database.pool, bytes, {
        fileName, format: format as ImportFormat | undefined, dryRun: flag(field('dry_run')), skipInvalid: flag(field('skip_invalid')),
        actor: request.actor, handOver: true, suggest: flag(field('suggest')),
      });
      const suggestions = report.suggestions;
      if (suggestions?.status === 'failed') request.log.error({ err: suggestions.error }, 'scoring the imported recommendations failed; the suggest-train job will');
      if (report.written) forgetLabelMaps(); // the file may have brought new vocabulary terms
      return {
        format: report.format, created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected,
        new_terms: report.newTerms, written: report.written, if_skip_invalid: report.ifSkipInvalid,
        suggestions: suggestions && { status: suggestions.status, recommendations: suggestions.recommendations, suggestions: suggestions.suggestions },
        issues: report.issues.map((issue) => ({
          line: issue.line, location: issueWhere(issue, report.place, locale), ...(issue.recordId ? { record_id: issue.recordId } : {}),
          field: issue.field, message: issueMessage(issue, report.place, locale), reason: issue.reason,
        })),
      };
    } catch (error) {
      if (error instanceof ImportFileError) {
        throw new HttpError(400, 'bad_request', 'import_file_invalid', { reason: fileErrorReason(error, locale) });
      }
      throw error;
    }
  });
};
