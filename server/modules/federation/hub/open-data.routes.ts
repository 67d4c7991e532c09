/**
 * The hub's open data (INSTANCE_ROLE=hub; docs/decisions/0017-federation.md): what the States
 * published, as harvested, for anyone — the index of datasets and each dataset as CSV, JSON or XLSX
 * (platform/export/tables.ts), all States or one.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { iso3 } from '../../../../shared/network/api';
import { errorSchema } from '../../../../shared/recommendations';
import type { Database } from '../../../platform/db/database';
import { CONTENT_TYPES, streamTable, TABLE_FORMATS } from '../../../platform/export/tables';
import { columnsOf, HUB_DATASET_NAMES, HUB_DATASETS, hubDatasetRows, PROVENANCE_FIELDS } from './open-data';

const tags = ['network'];
const FILE = new RegExp(`^(${HUB_DATASET_NAMES.join('|')})\\.(${TABLE_FORMATS.join('|')})$`);

export const hubOpenDataRoutes = (database: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/v1/network/open-data', {
    config: { public: true },
    schema: {
      tags, summary: 'The open data of the hub: what every State published, as harvested, one dataset per kind of record',
      description: `Each row: ${PROVENANCE_FIELDS.join(', ')} (the State, the package version the record arrived in, when that package was harvested, `
        + 'the key that signed it and the harvest whose log keeps the signed manifest), then the record as the State published it; a nested value is its JSON text. '
        + 'What a State withdrew (its tombstones) is not there.',
      response: { 200: z.object({
        datasets: z.array(z.object({ name: z.string(), downloads: z.record(z.enum(TABLE_FORMATS), z.string()), columns: z.array(z.string()) })),
      }) },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return {
      datasets: HUB_DATASET_NAMES.map((name) => ({
        name,
        downloads: Object.fromEntries(TABLE_FORMATS.map((format) => [format, `/api/v1/network/open-data/${name}.${format}`])) as Record<(typeof TABLE_FORMATS)[number], string>,
        columns: columnsOf(HUB_DATASETS[name]),
      })),
    };
  });

  app.get('/api/v1/network/open-data/:file', {
    config: { public: true },
    schema: {
      tags, summary: 'Download a dataset of the hub: every State, or one (`state`)',
      description: `\`{dataset}.{format}\`: datasets ${HUB_DATASET_NAMES.join(', ')}; formats ${TABLE_FORMATS.join(', ')}. `
        + 'Streamed, by State then record id; CSV is UTF-8 with a BOM and spreadsheet-safe. Columns: see /api/v1/network/open-data.',
      params: z.object({ file: z.string().max(40).regex(FILE, 'a dataset and a format, e.g. actions.csv') }),
      querystring: z.object({ state: iso3.optional() }),
      response: { 200: z.any().describe('The dataset'), 400: errorSchema },
    },
  }, async (request, reply) => {
    const [name, format] = request.params.file.split('.') as [string, (typeof TABLE_FORMATS)[number]];
    const kind = HUB_DATASETS[name];
    const state = request.query.state ?? null;
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="network-${name}${state ? `-${state}` : ''}.${format}"`)
      .header('cache-control', 'no-cache')
      .send(streamTable(format, columnsOf(kind), hubDatasetRows(database.pool, kind, state), name));
  });
};
