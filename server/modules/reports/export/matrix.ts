/**
 * The report as a spreadsheet in the shape of the OHCHR UPR matrix: one row
 * per recommendation, in the report's order, with its paragraph, text,
 * recommending States, position, themes, affected persons, SDG targets,
 * institutions, published actions and current status. Written by the one
 * table writer (typed values, never formulas), row by row.
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';
import type { Locale } from '../../../platform/http/locale';
import { message } from '../../../platform/http/messages';
import { streamTable, type TableRow } from '../../../platform/export/tables';
import type { LabelMaps } from '../../taxonomies/taxonomies.repository';
import type { DraftRow } from '../reports.repository';
import { MATRIX_COLUMNS, matrixHeaders, matrixRow, reportEntries } from './report-source';

const WIDTHS = { group: 24, citation: 22, recommendation: 70, source: 24, position: 14, themes: 30, affected: 24, sdg: 14, institutions: 30, actions: 60, status: 24 };

export function reportMatrix(pool: pg.Pool, draft: DraftRow, maps: LabelMaps): Readable {
  const locale = draft.language as Locale;
  async function* rows(): AsyncGenerator<TableRow> {
    for await (const batch of reportEntries(pool, draft, maps, true)) {
      for (const entry of batch) yield matrixRow(entry, locale);
    }
  }
  return streamTable('xlsx', MATRIX_COLUMNS, rows(), message('report_matrix_sheet', locale), { headers: matrixHeaders(locale), widths: WIDTHS });
}
