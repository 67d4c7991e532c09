/**
 * What every list export shares: the two formats, the route description, the
 * response headers and paging through a list in batches. The table itself is
 * written by platform/export/tables.ts, the one table writer.
 */
import { attachment } from '../../platform/http/content-disposition';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CONTENT_TYPES, streamTable, type TableRow } from '../../platform/export/tables';

export const LIST_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ListExportFormat = (typeof LIST_EXPORT_FORMATS)[number];

/** Rows read per query when a list is paged through. */
export const EXPORT_BATCH = 500;

/** The OpenAPI wording of an export route; `list` names the JSON list it mirrors. */
export function exportSchema(format: ListExportFormat, list: string) {
  return {
    summary: `Download ${list} as ${format.toUpperCase()}`,
    description: `Same parameters, filters and visibility as the JSON list (page and page_size are ignored: every matching row is included), labels in \`locale\`. ${format === 'csv'
      ? 'UTF-8 with a byte-order mark; cells that a spreadsheet would run as a formula are prefixed with an apostrophe.'
      : 'Values are written as text and numbers, never as formulas.'}`,
    produces: [CONTENT_TYPES[format]],
    // Documents the file's media type; the body is streamed, never passed through a serializer.
    response: { 200: z.string().describe(`The ${format.toUpperCase()} file, one row per item of the list`) },
  };
}

/** Sends the rows as an attachment `<name>.<format>`, streamed. */
export function sendTable(
  reply: FastifyReply, format: ListExportFormat, name: string, columns: readonly string[], rows: AsyncIterable<TableRow>,
) {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', attachment(`${name}.${format}`))
    // A list may hold what only the signed-in person may see (drafts, queues): never kept by shared caches.
    .header('cache-control', 'private, no-cache')
    .send(streamTable(format, columns, rows, name));
}

/** Every row of a paged list, page after page, in the list's own order, until a page comes back short. */
export async function* allPages<T>(page: (page: number, pageSize: number) => Promise<T[]>, pageSize = EXPORT_BATCH): AsyncGenerator<T[]> {
  for (let number = 1; ; number++) {
    const rows = await page(number, pageSize);
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
  }
}

/** A list already read whole (short lists: rounds, institutions, the calendar), as table rows. */
export async function* rowsOf<T>(items: Iterable<T>, toRow: (item: T) => TableRow): AsyncGenerator<TableRow> {
  for (const item of items) yield toRow(item);
}

/** Several values in one cell. */
export const joined = (values: readonly (string | number)[]) => values.join('|');
