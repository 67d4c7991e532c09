/** Open data: bulk downloads of everything published, with the data dictionary and the licence. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DATASET_NAMES, DATASETS } from '../../../shared/open-data';
import type { Database } from '../../platform/db/database';
import { CONTENT_TYPES, streamTable, TABLE_FORMATS } from '../../platform/export/tables';
import { pickText, requestLocale } from '../../platform/http/locale';
import { localeQuery } from '../../platform/http/params';
import { datasetRows } from './datasets';

export interface OpenDataOptions {
  publicUrl: string;
  /** The licence in effect now (the instance's settings). */
  licence: () => { name: string; url: string };
}

const indexSchema = z.object({
  licence: z.object({ name: z.string(), url: z.string() }),
  datasets: z.array(z.object({
    name: z.string(),
    title: z.string(),
    downloads: z.record(z.enum(TABLE_FORMATS), z.string()),
    fields: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
  })),
});

export const openDataRoutes = (database: Database, options: OpenDataOptions): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/v1/open-data', {
    config: { permission: 'open_data:read' },
    schema: {
      tags: ['open data'], summary: 'The open datasets: licence, download addresses and data dictionary',
      querystring: localeQuery, response: { 200: indexSchema },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    return {
      licence: options.licence(),
      datasets: DATASET_NAMES.map((name) => ({
        name,
        title: pickText(DATASETS[name].title, locale),
        downloads: Object.fromEntries(TABLE_FORMATS.map((format) => [format, `/api/v1/open-data/${name}.${format}`])) as Record<(typeof TABLE_FORMATS)[number], string>,
        fields: DATASETS[name].fields.map((field) => ({ name: field.name, type: field.type, description: pickText(field.description, locale) })),
      })),
    };
  });

  app.get('/api/v1/open-data/:file', {
    config: { permission: 'open_data:read' },
    schema: {
      tags: ['open data'], summary: 'Download a dataset',
      description: `\`{dataset}.{format}\`: datasets ${DATASET_NAMES.join(', ')}; formats ${TABLE_FORMATS.join(', ')}. Streamed; CSV is UTF-8 with a BOM and spreadsheet-safe. Licence in the \`link\` header and at /api/v1/open-data.`,
      params: z.object({ file: z.string().regex(new RegExp(`^(${DATASET_NAMES.join('|')})\\.(${TABLE_FORMATS.join('|')})$`), 'a dataset and a format, e.g. actions.csv') }),
    },
  }, async (request, reply) => {
    const [name, format] = request.params.file.split('.') as [(typeof DATASET_NAMES)[number], (typeof TABLE_FORMATS)[number]];
    const columns = DATASETS[name].fields.map((field) => field.name);
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .header('link', `<${options.licence().url}>; rel="license"`)
      .send(streamTable(format, columns, datasetRows(database.pool, name, options.publicUrl), name));
  });
};
