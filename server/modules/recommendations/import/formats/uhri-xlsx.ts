/**
 * UHRI "Export to Excel" (data-formats.md §1b).
 *
 * The header names are OHCHR's own, misspellings included (`Reccomending
 * Body`, `UPR Reccomending States`); the correct spellings are accepted too.
 * Multi-value cells hold one value a line, each with a `- ` prefix, single
 * values carry the prefix too. Dates are Excel serial numbers (or date cells
 * once a person re-saved the file). line = spreadsheet row number.
 */
import { ImportFileError, type ParseResult, type Parser } from '../types';
import { importReason } from '../reasons';
import { buildUhriRecord, type UhriFieldNames } from './uhri-record';
import { splitDashList } from './text';
import { cellText, readFirstSheet, type CellValue, type SheetRow } from './xlsx';

type Column =
  | 'text' | 'countries' | 'body' | 'symbol' | 'themes' | 'affectedPersons' | 'sdgs' | 'publicationDate'
  | 'recommendingStates' | 'positions' | 'type' | 'annotationId' | 'sessions' | 'cycle';

/** Header (lower case, spelling fixed, spaces collapsed) → column; OHCHR's name first. */
const COLUMNS: Record<Column, string[]> = {
  text: ['Text'],
  countries: ['Countries Concerned', 'Countries', 'Country'],
  body: ['Reccomending Body', 'Recommending Body', 'Body'],
  symbol: ['Document Symbol', 'Symbol'],
  themes: ['Themes'],
  affectedPersons: ['Affected Persons'],
  sdgs: ['Sdgs', 'SDGs'],
  publicationDate: ['Document Publication Date', 'Publication Date'],
  recommendingStates: ['UPR Reccomending States', 'UPR Recommending States', 'UPR Recommending Countries'],
  positions: ['UPR Position', 'UPR Positions'],
  type: ['Type', 'Annotation Type'],
  annotationId: ['OHCHR Annotation Id', 'Annotation Id'],
  sessions: ['UPR Session'],
  cycle: ['UPR Cycle'],
};
const REQUIRED: Column[] = ['text', 'countries', 'body', 'type', 'annotationId'];

function headerKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/reccomend/g, 'recommend');
}

const KEY_TO_COLUMN = new Map<string, Column>();
for (const [column, names] of Object.entries(COLUMNS) as [Column, string[]][]) {
  for (const name of names) KEY_TO_COLUMN.set(headerKey(name), column);
}

/** How many leading rows may come before the header (a title, a note). */
const HEADER_SEARCH_ROWS = 10;

export const parseUhriXlsx: Parser = async (input) => {
  const { sheet, rows } = await readFirstSheet(input);
  if (rows.length === 0) throw new ImportFileError(importReason('workbook_empty'));
  const { headerAt, columns, names } = findHeader(rows);
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    const columns = missing.map((c) => COLUMNS[c][0]).join(', ');
    throw new ImportFileError(importReason(missing.length > 1 ? 'uhri_xlsx_missing_columns' : 'uhri_xlsx_missing_column', { columns }));
  }
  const fieldNames = names as UhriFieldNames;

  const result: ParseResult = { records: [], issues: [], place: { unit: 'row', sheet } };
  for (let r = headerAt + 1; r < rows.length; r++) {
    const { row, cells } = rows[r];
    const get = (c: Column): CellValue => {
      const i = columns.get(c);
      return i === undefined ? null : (cells[i] ?? null);
    };
    const text = (c: Column) => cellText(get(c));
    const list = (c: Column) => splitDashList(text(c));
    const built = buildUhriRecord(
      row,
      {
        annotationId: text('annotationId'),
        type: text('type'),
        body: text('body'),
        countries: list('countries'),
        symbol: text('symbol'),
        publicationDate: get('publicationDate'),
        // Not trimmed by line: Text is one value, its line breaks are whitespace.
        text: text('text'),
        themes: list('themes'),
        affectedPersons: list('affectedPersons'),
        sdgs: list('sdgs'),
        cycle: (() => {
          const v = get('cycle');
          return typeof v === 'number' ? v : cellText(v) || null;
        })(),
        sessions: list('sessions'),
        positions: list('positions'),
        recommendingStates: list('recommendingStates'),
      },
      fieldNames,
    );
    if (built.record) result.records.push(built.record);
    else result.issues.push(...built.issues);
  }
  return result;
};

function findHeader(rows: SheetRow[]): { headerAt: number; columns: Map<Column, number>; names: Record<Column, string> } {
  let best = { headerAt: 0, columns: new Map<Column, number>(), names: {} as Record<Column, string> };
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const columns = new Map<Column, number>();
    const names = {} as Record<Column, string>;
    rows[r].cells.forEach((cell, i) => {
      if (typeof cell !== 'string') return;
      const column = KEY_TO_COLUMN.get(headerKey(cell));
      if (column && !columns.has(column)) {
        columns.set(column, i);
        names[column] = cell.trim();
      }
    });
    if (columns.size > best.columns.size) best = { headerAt: r, columns, names };
  }
  // Field names for issues: as written in the file, else OHCHR's.
  for (const column of Object.keys(COLUMNS) as Column[]) best.names[column] ??= COLUMNS[column][0];
  return best;
}
