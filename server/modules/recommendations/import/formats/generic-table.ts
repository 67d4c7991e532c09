/**
 * The generic table (format `csv`): a CSV or XLSX file a person fills in, for
 * sources that have no export of their own (Inter-American Commission,
 * regional bodies, national recommendations).
 *
 * Header (case-insensitive, trimmed; spaces or hyphens for `_` accepted):
 *   required  mechanism, country, language, date, paragraph, symbol, text
 *   optional  external_id, kind, themes, sdgs, affected_persons, position,
 *             position_source, recommending_states, cycle, session
 * Multi-value cells use `|`. XLSX is told from CSV by its bytes (a ZIP).
 * CSV: UTF-8 with or without BOM (UTF-16 with a BOM too); `,`, `;` or tab as
 * delimiter, whichever the header line uses; quoted cells may span lines.
 * line = the line on which the record starts (header = line 1), or the row number in XLSX.
 *
 * Strict, because a person typed it: dates must be YYYY-MM-DD (or a date
 * cell in XLSX) — 03/04/2023 is refused rather than guessed —, and an unknown
 * position, kind, language or SDG is a RowIssue. A row with any issue is left out.
 */
import { ImportFileError, type IssuePlace, type ParsedRecommendation, type ParseResult, type Parser, type RecommendationKind } from '../types';
import { importReason, type Reason } from '../reasons';
import { detectDelimiter, headerKey, parseCsv } from './csv';
import {
  cycleNumber,
  dateToIsoDate,
  decodeUnicode,
  excelSerialToIsoDate,
  foldKey,
  isoDate,
  positionFromLabel,
  quote,
  sdgCodes,
  sessionNumber,
  splitList,
  stripDashPrefix,
} from './text';
import { checkLineLengths } from '../limits';
import { cellText, isZip, readFirstSheet, type CellValue } from './xlsx';

type Column =
  | 'mechanism' | 'country' | 'language' | 'date' | 'paragraph' | 'symbol' | 'text'
  | 'external_id' | 'kind' | 'themes' | 'sdgs' | 'affected_persons' | 'position' | 'position_source'
  | 'recommending_states' | 'cycle' | 'session';

const REQUIRED: Column[] = ['mechanism', 'country', 'language', 'date', 'paragraph', 'symbol', 'text'];

/** Accepted header keys (after headerKey) for each column. */
const ALIASES: Record<Column, string[]> = {
  mechanism: ['mechanism'],
  country: ['country', 'countries'],
  language: ['language', 'lang'],
  date: ['date'],
  paragraph: ['paragraph', 'para'],
  symbol: ['symbol', 'document_symbol'],
  text: ['text'],
  external_id: ['external_id', 'id'],
  kind: ['kind', 'type'],
  themes: ['themes', 'theme'],
  sdgs: ['sdgs', 'sdg'],
  affected_persons: ['affected_persons'],
  position: ['position'],
  position_source: ['position_source'],
  recommending_states: ['recommending_states', 'recommending_state'],
  cycle: ['cycle'],
  session: ['session'],
};

const KEY_TO_COLUMN = new Map<string, Column>();
for (const [column, keys] of Object.entries(ALIASES) as [Column, string[]][]) {
  for (const key of keys) KEY_TO_COLUMN.set(key, column);
}

const KINDS = new Map<string, RecommendationKind>([
  ['recommendation', 'recommendation'],
  ['observation', 'observation'],
  ['concern', 'observation'],
  ['concerns/observations', 'observation'],
  ['pledge', 'pledge'],
  ['voluntary pledge', 'pledge'],
  ['operative point', 'operative_point'],
  ['operative_point', 'operative_point'],
]);

const LANGUAGES = new Map<string, string>([
  ['english', 'en'], ['ingles', 'en'], ['anglais', 'en'],
  ['spanish', 'es'], ['espanol', 'es'], ['castellano', 'es'], ['espagnol', 'es'],
  ['french', 'fr'], ['francais', 'fr'], ['frances', 'fr'],
  ['portuguese', 'pt'], ['portugues', 'pt'], ['portugais', 'pt'],
  ['arabic', 'ar'], ['arabe', 'ar'], ['russian', 'ru'], ['ruso', 'ru'], ['russe', 'ru'],
  ['chinese', 'zh'], ['chino', 'zh'], ['chinois', 'zh'],
]);
const LANGUAGE_CODE = /^([a-z]{2})(?:[-_][a-z0-9]{2,8})*$/;
/** Tells real ISO 639-1 codes (`gn`, `qu`) from made-up ones (`xx`). */
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

const PIPE = '|';
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}/;
// Plausible Excel serials for a recommendation: 1950-01-01 … 2099-12-31.
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_050;

export interface TableRow {
  line: number;
  cells: CellValue[];
}

export const parseGenericTable: Parser = async (input) => {
  const { rows, place } = await readTable(input);
  if (rows.length === 0) throw new ImportFileError(importReason('file_empty'));

  const columns = new Map<Column, number>();
  rows[0].cells.forEach((cell, i) => {
    const column = KEY_TO_COLUMN.get(headerKey(cellText(cell)));
    if (column && !columns.has(column)) columns.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    const found = rows[0].cells.map((c) => cellText(c)).filter(Boolean);
    const columns = { missing: missing.join(', '), expected: REQUIRED.join(', ') };
    const shown = found.length > 12 ? `${found.slice(0, 12).join(', ')}, …` : found.join(', ');
    throw new ImportFileError(
      !shown
        ? importReason('table_header_blank', columns)
        : importReason(missing.length > 1 ? 'table_missing_columns' : 'table_missing_column', { ...columns, found: shown }),
    );
  }

  const result: ParseResult = { records: [], issues: [], place };
  const externalIds = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const record = parseRow(rows[r], columns, result, externalIds);
    if (record) result.records.push(record);
  }
  return result;
};

function parseRow(
  { line, cells }: TableRow,
  columns: Map<Column, number>,
  result: ParseResult,
  externalIds: Map<string, number>,
): ParsedRecommendation | null {
  const before = result.issues.length;
  const issue = (field: Column, reason: Reason) => result.issues.push({ line, field, reason });
  const raw = (c: Column): CellValue => {
    const i = columns.get(c);
    return i === undefined ? null : (cells[i] ?? null);
  };
  const text = (c: Column) => stripDashPrefix(cellText(raw(c)));
  const list = (c: Column) => splitList(cellText(raw(c)), PIPE);

  const mechanism = text('mechanism');
  if (!mechanism) issue('mechanism', importReason('mechanism_empty'));

  const countries = list('country');
  if (countries.length === 0) issue('country', importReason('country_empty'));

  const languageCell = cellText(raw('language'));
  const language = languageCode(languageCell);
  if (!languageCell) issue('language', importReason('language_empty'));
  else if (!language) issue('language', importReason('language_not_code', { value: quote(languageCell) }));

  const date = tableDate(raw('date'));
  if (date === undefined) {
    const shown = cellText(raw('date'));
    const value = { value: quote(shown) };
    issue(
      'date',
      ISO_SHAPE.test(shown)
        ? importReason('date_not_real', value)
        : DATE_LIKE.test(shown)
          ? importReason('date_ambiguous', value)
          : importReason('date_unreadable', value),
    );
  }

  const body = bodyText(raw('text'));
  if (!body) issue('text', importReason('text_empty'));

  let kind: RecommendationKind = 'recommendation';
  const kindCell = text('kind');
  if (kindCell) {
    const k = KINDS.get(foldKey(kindCell));
    if (k) kind = k;
    else issue('kind', importReason('unknown_kind', { value: quote(kindCell) }));
  }

  const positionCell = text('position');
  const position = positionFromLabel(positionCell);
  if (position === undefined) {
    issue('position', importReason('unknown_position', { value: quote(positionCell) }));
  }

  const sdgs = sdgCodes(list('sdgs'));
  if (sdgs.invalid.length > 0) {
    issue('sdgs', importReason('sdg_no_code_in_cell', { values: sdgs.invalid.map((s) => quote(s)).join(', ') }));
  }

  const cycle = wholeNumber(raw('cycle'), cycleNumber);
  if (cycle === undefined) issue('cycle', importReason('cycle_not_number', { value: quote(cellText(raw('cycle'))) }));
  const session = wholeNumber(raw('session'), sessionNumber);
  if (session === undefined) issue('session', importReason('session_not_number', { value: quote(cellText(raw('session'))) }));

  const externalId = cellText(raw('external_id'));
  if (externalId) {
    const first = externalIds.get(externalId);
    if (first !== undefined) issue('external_id', importReason('external_id_duplicate', { value: quote(externalId), line: first }));
    else externalIds.set(externalId, line);
  }

  if (result.issues.length > before) return null;
  return {
    line,
    externalId: externalId ? { scheme: 'csv', value: externalId } : null,
    mechanism,
    kind,
    countries,
    symbol: text('symbol') || null,
    paragraph: text('paragraph') || null,
    date: date ?? null,
    cycle: cycle ?? null,
    session: session ?? null,
    position: position ?? null,
    positionSource: text('position_source') || null,
    recommendingStates: list('recommending_states'),
    language: language!,
    text: body,
    themes: list('themes'),
    affectedPersons: list('affected_persons'),
    sdgs: sdgs.codes,
  };
}

/** Text cell: line breaks kept (as `\n`), spaces at the ends trimmed. */
function bodyText(value: CellValue): string {
  return cellText(value).replace(/\r\n?/g, '\n').trim();
}

function languageCode(value: string): string | null {
  const key = foldKey(value);
  if (!key) return null;
  const named = LANGUAGES.get(key);
  if (named) return named;
  const m = LANGUAGE_CODE.exec(key);
  return m && LANGUAGE_NAMES.of(m[1]) !== undefined ? m[1] : null;
}

/** A date cell → ISO date; null when empty; undefined when not a date we accept. */
/**
 * A date cell as the generic table reads it: an ISO date or a date cell; null when empty, undefined when
 * unreadable or ambiguous (03/04/2023 is refused rather than guessed). Other tables a person fills in
 * (implementation plans) read their dates the same way.
 */
export function tableDate(value: CellValue): string | null | undefined {
  if (value === null) return null;
  if (value instanceof Date) return dateToIsoDate(value) ?? undefined;
  if (typeof value === 'number') {
    return value >= SERIAL_MIN && value <= SERIAL_MAX ? (excelSerialToIsoDate(value) ?? undefined) : undefined;
  }
  const s = cellText(value);
  if (!s) return null;
  return isoDate(s) ?? undefined;
}

/** An optional whole-number cell: null when empty, undefined when not a number. */
function wholeNumber(value: CellValue, parse: (v: string | number) => number | null): number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'number') return parse(value) ?? undefined;
  const s = cellText(value);
  if (!s) return null;
  return parse(s) ?? undefined;
}

/**
 * The rows of a CSV or XLSX table with the importer's limits checked while reading, and where its issues
 * are (lines of a CSV, rows of a sheet). Other tables a person fills in (implementation plans) read theirs here.
 */
export async function readTable(input: Buffer): Promise<{ rows: TableRow[]; place: IssuePlace }> {
  return isZip(input) ? xlsxRows(input) : { rows: csvRows(input), place: { unit: 'line' } };
}

function csvRows(input: Buffer): TableRow[] {
  checkLineLengths(input);
  const decoded = decodeUnicode(input);
  if (!decoded) throw new ImportFileError(importReason('csv_not_utf8'));
  return parseCsv(decoded.text, detectDelimiter(decoded.text));
}

async function xlsxRows(input: Buffer): Promise<{ rows: TableRow[]; place: IssuePlace }> {
  const { sheet, rows } = await readFirstSheet(input);
  return { rows: rows.map(({ row, cells }) => ({ line: row, cells })), place: { unit: 'row', sheet } };
}
