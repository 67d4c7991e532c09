/**
 * CSV reading on top of csv-parse, plus the header helpers the parsers share.
 *
 * What csv-parse does not give directly: row issues must carry the line on
 * which a record starts as the user sees it in an editor, across quoted
 * multi-line cells and any of CR (old Mac Excel), LF and CRLF line endings,
 * mixed in one file. csv-parse's `info.lines` counts a CRLF inside a quoted
 * cell as two lines, so the start lines are counted here from each record's
 * raw text (`raw: true`): the raw texts of all records, blank lines included,
 * add up to the whole file.
 */
import { parse } from 'csv-parse/sync';
import { checkCell, checkRowCount, IMPORT_LIMITS, recordTooLarge } from '../limits';
import { importReason } from '../reasons';
import { ImportFileError } from '../types';

export interface CsvRow {
  /** 1-based line on which the record starts (the header is line 1 in a typical file). */
  line: number;
  cells: string[];
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

function csvOptions(delimiter: string) {
  return {
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    bom: true,
    relax_quotes: true, // a quote inside an unquoted cell is a character
    relax_column_count: true, // rows may be short or long; the parsers check the cells they need
    raw: true, // each record as { record, raw }: its raw text, for the line count
    max_record_size: IMPORT_LIMITS.maxRecordBytes, // a record may span lines: refused while it is read
    // No skip_empty_lines: blank lines stay (empty) records, so that the raw texts add up to the whole text.
  };
}

/**
 * Parse CSV text. Quoted cells may hold delimiters, doubled quotes and line
 * breaks. Lenient like spreadsheet programs (csv-parse's `relax_quotes`): a
 * quote inside an unquoted cell is kept as a character, and so are the quotes
 * of a quoted cell followed by more text before the delimiter (`"a"b` → `"a"b`).
 * Rows whose cells are all empty or blank are skipped, their lines still
 * counted. An unclosed quote at the end of the text is a file error (a
 * truncated or malformed file).
 */
export function parseCsv(text: string, delimiter = ','): CsvRow[] {
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, csvOptions(delimiter)) as unknown as typeof records;
  } catch (error) {
    throw csvFileError(error, text, delimiter);
  }
  const rows: CsvRow[] = [];
  let line = 1;
  for (const { record, raw } of records) {
    for (const cell of record) checkCell(cell);
    if (record.some((cell) => cell.trim() !== '')) {
      rows.push({ line, cells: record });
      checkRowCount(rows.length);
    }
    line += countLineBreaks(raw);
  }
  return rows;
}

/** A csv-parse error as a one-line ImportFileError. */
function csvFileError(error: unknown, text: string, delimiter: string): Error {
  const e = error as { code?: unknown; raw?: unknown; message?: unknown; lines?: unknown };
  if (e.code === 'CSV_MAX_RECORD_SIZE') return recordTooLarge('line', typeof e.lines === 'number' ? e.lines : 1);
  if (e.code === 'CSV_QUOTE_NOT_CLOSED' && typeof e.raw === 'string') {
    return new ImportFileError(importReason('csv_unclosed_quote', { line: unclosedCellLine(text, e.raw, delimiter) }));
  }
  if (typeof e.code === 'string' && typeof e.message === 'string') {
    return new ImportFileError(importReason('csv_unreadable', { detail: e.message.split('\n')[0] }));
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The line on which the unclosed quoted cell starts. `raw` is the raw text of
 * the unfinished record, which runs to the end of the file; the record's
 * earlier cells are read by parsing it again with the quote closed.
 */
function unclosedCellLine(text: string, raw: string, delimiter: string): number {
  const recordLine = 1 + countLineBreaks(text.slice(0, text.length - raw.length));
  try {
    const [closed] = parse(`${raw}"`, csvOptions(delimiter)) as unknown as { record: string[] }[];
    return recordLine + closed.record.slice(0, -1).reduce((n, cell) => n + countLineBreaks(cell), 0);
  } catch {
    return recordLine;
  }
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (s.charCodeAt(i + 1) === LF) i++;
    }
  }
  return count;
}

/**
 * The delimiter of a CSV file, from its first line: `,`, `;` or a tab,
 * whichever occurs most outside quotes (`,` on a tie or when none occurs).
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted) {
      if (c === CR || c === LF) break;
      if (c === 44) commas++;
      else if (c === 59) semicolons++;
      else if (c === 9) tabs++;
    }
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

/** Normalised header name: trimmed, lower case, spaces and hyphens as `_`. */
export function headerKey(name: string): string {
  return name.replace(/^\ufeff/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Column index by normalised header name (first occurrence wins). */
export function headerIndex(cells: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  cells.forEach((name, i) => {
    const key = headerKey(name);
    if (key && !index.has(key)) index.set(key, i);
  });
  return index;
}
