/**
 * Streams rows as CSV, JSON or XLSX: the one way tables leave the system as
 * files (open data downloads, exports of lists). Rows come from an async
 * iterable, so memory stays flat however many there are.
 *
 * Spreadsheet safety: in CSV a cell that starts with = + - @ (or a tab or
 * carriage return) would run as a formula when opened, so it gets a leading
 * apostrophe. In XLSX every value is written as a typed value (string,
 * number), never as a formula, so text is kept exactly as it is.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

export const TABLE_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
export type Cell = string | number | boolean | null;
export type TableRow = Record<string, Cell>;

export const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A spreadsheet runs a cell that starts with one of these as a formula; an apostrophe makes it text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** For tables meant for people rather than programs: header labels instead of the column keys, and spreadsheet column widths. */
export interface TableLayout { headers?: Record<string, string>; widths?: Record<string, number> }

export function streamTable(format: TableFormat, columns: readonly string[], rows: AsyncIterable<TableRow>, sheetName = 'data', layout: TableLayout = {}): Readable {
  if (format === 'csv') return csvStream(columns, rows, layout);
  if (format === 'json') return Readable.from(jsonChunks(columns, rows));
  return xlsxStream(columns, rows, sheetName, layout);
}

function csvStream(columns: readonly string[], rows: AsyncIterable<TableRow>, layout: TableLayout): Readable {
  const csv = stringify({ header: true, columns: columns.map((key) => ({ key, header: layout.headers?.[key] ?? key })), bom: true, cast: { string: neutraliseFormula, number: String, boolean: (v) => (v ? 'true' : 'false') } });
  const source = Readable.from(rows);
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

/** A JSON array of objects with the columns in order, one object per line. */
async function* jsonChunks(columns: readonly string[], rows: AsyncIterable<TableRow>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const row of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])))}`;
    first = false;
  }
  yield '\n]\n';
}

function xlsxStream(columns: readonly string[], rows: AsyncIterable<TableRow>, sheetName: string, layout: TableLayout): Readable {
  const output = new PassThrough();
  // Inline strings (no shared-strings table): the writer keeps nothing per row in memory.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((key) => {
    const header = layout.headers?.[key] ?? key;
    const width = layout.widths?.[key];
    return { header, key, width: width ?? Math.min(60, Math.max(12, header.length + 2)), style: width ? { alignment: { wrapText: true, vertical: 'top' as const } } : undefined };
  });
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? null)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error) => output.destroy(error));
  return output;
}
