/**
 * UHRI JSON export: an array of objects (data-formats.md §1a).
 *
 * The array is split into its elements by a byte scanner and each element is
 * parsed on its own, so a full export (≈270,000 records, several hundred MB,
 * more than fits in one JavaScript string) can be read, and a truncated file
 * is told apart from a record we cannot use.
 *
 * - a record with a missing id, Text, Body, State, an unknown type or
 *   position, a bad date or SDG label → a RowIssue (line = index + 1), record left out;
 * - not JSON, truncated JSON, not an array, no element with AnnotationId,
 *   Body and Text → ImportFileError.
 */
import { checkCell, checkRowCount, IMPORT_LIMITS, recordTooLarge } from '../limits';
import { importReason } from '../reasons';
import { ImportFileError, type ParseResult, type Parser } from '../types';
import { buildUhriRecord, type UhriFieldNames } from './uhri-record';
import { splitDashList } from './text';

const NAMES: UhriFieldNames = {
  annotationId: 'AnnotationId',
  type: 'AnnotationType',
  body: 'Body',
  countries: 'Countries',
  publicationDate: 'PublicationDate',
  text: 'Text',
  sdgs: 'Sdgs',
  cycle: 'UprCycle',
  sessions: 'UprSession',
  positions: 'UprPositions',
};

/** How many leading elements may lack the UHRI fields before we decide the file is something else. */
const SNIFF_ELEMENTS = 20;

export const parseUhriJson: Parser = async (input) => {
  const result: ParseResult = { records: [], issues: [], place: { unit: 'record' } };
  let index = 0;
  let uhriLike = 0;
  for (const element of jsonArrayElements(input)) {
    index++;
    let value: unknown;
    try {
      value = JSON.parse(element);
    } catch (error) {
      throw new ImportFileError(importReason('json_invalid_record', { record: index, detail: jsonErrorMessage(error) }));
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      result.issues.push({ line: index, field: 'record', reason: importReason('not_json_object') });
    } else {
      const obj = value as Record<string, unknown>;
      checkStrings(obj);
      if ('AnnotationId' in obj && 'Body' in obj && 'Text' in obj) uhriLike++;
      const built = buildUhriRecord(index, fieldsOf(obj), NAMES);
      if (built.record) result.records.push(built.record);
      else result.issues.push(...built.issues);
    }
    if (index === SNIFF_ELEMENTS && uhriLike === 0) throw new ImportFileError(importReason('not_uhri_json'));
  }
  if (index > 0 && uhriLike === 0) throw new ImportFileError(importReason('not_uhri_json'));
  return result;
};

/** Every string field of the record (or string in a list field) is a cell: none may pass the limit. */
function checkStrings(record: Record<string, unknown>): void {
  for (const value of Object.values(record)) {
    if (typeof value === 'string') checkCell(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') checkCell(item);
  }
}

function fieldsOf(o: Record<string, unknown>) {
  return {
    annotationId: asText(o.AnnotationId),
    type: asText(o.AnnotationType),
    body: asText(o.Body),
    countries: asList(o.Countries),
    symbol: asText(o.Symbol),
    publicationDate: typeof o.PublicationDate === 'number' ? o.PublicationDate : asText(o.PublicationDate),
    text: asText(o.Text),
    themes: asList(o.Themes),
    affectedPersons: asList(o.AffectedPersons),
    sdgs: asList(o.Sdgs),
    cycle: typeof o.UprCycle === 'number' ? o.UprCycle : asText(o.UprCycle) || null,
    sessions: asList(o.UprSession),
    positions: asList(o.UprPositions),
    recommendingStates: asList(o.UprRecommendingCountry),
  };
}

/** A scalar field: a string, a number, or the first non-empty string of an array. */
function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = asText(item);
      if (s.trim()) return s;
    }
  }
  return '';
}

/** A list field: an array of strings, or a string holding one value a line. */
function asList(v: unknown): string[] {
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const item of v) {
      const s = asText(item);
      if (s.trim()) out.push(s);
    }
    return out;
  }
  const s = asText(v);
  return s ? splitDashList(s) : [];
}

function jsonErrorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160);
}

// ---------------------------------------------------------------------------
// Splitting a JSON array into its elements

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const COMMA = 0x2c;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

function skipSpace(buf: Buffer, i: number): number {
  while (i < buf.length) {
    const c = buf[i];
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) break;
    i++;
  }
  return i;
}

/**
 * The source text of each element of the top-level JSON array in `buf`.
 * Throws ImportFileError when the bytes are not a JSON array or end early.
 */
export function* jsonArrayElements(buf: Buffer): Generator<string> {
  let i = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3; // UTF-8 BOM
  i = skipSpace(buf, i);
  if (i >= buf.length) throw new ImportFileError(importReason('file_empty'));
  if (buf[i] !== OPEN_BRACKET) {
    if (buf[i] === OPEN_BRACE) {
      // Valid JSON but not an array, or not JSON at all?
      try {
        JSON.parse(buf.toString('utf8'));
      } catch (error) {
        throw new ImportFileError(importReason('json_invalid', { detail: jsonErrorMessage(error) }));
      }
      throw new ImportFileError(importReason('not_uhri_json'));
    }
    throw new ImportFileError(importReason('json_no_opening_bracket'));
  }
  i = skipSpace(buf, i + 1);
  if (buf[i] === CLOSE_BRACKET) {
    ensureEnd(buf, i + 1);
    return;
  }
  let count = 0;
  for (;;) {
    if (i >= buf.length) throw truncated(count);
    const start = i;
    const end = valueEnd(buf, i);
    if (end < 0) throw truncated(count);
    count++;
    checkRowCount(count);
    if (end - start > IMPORT_LIMITS.maxRecordBytes) throw recordTooLarge('record', count);
    yield buf.toString('utf8', start, end);
    i = skipSpace(buf, end);
    if (i >= buf.length) throw truncated(count);
    if (buf[i] === COMMA) {
      i = skipSpace(buf, i + 1);
      continue;
    }
    if (buf[i] === CLOSE_BRACKET) {
      ensureEnd(buf, i + 1);
      return;
    }
    throw new ImportFileError(importReason('json_unexpected_after_record', { found: quoteByte(buf[i]), record: count }));
  }
}

function truncated(count: number): ImportFileError {
  return new ImportFileError(
    count === 0 ? importReason('json_ends_before_first_record') : importReason('json_ends_after_record', { record: count }),
  );
}

function ensureEnd(buf: Buffer, i: number): void {
  const j = skipSpace(buf, i);
  if (j < buf.length) {
    throw new ImportFileError(importReason('json_data_after_end'));
  }
}

function quoteByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? JSON.stringify(String.fromCharCode(c)) : `byte 0x${c.toString(16)}`;
}

/** Index just past the JSON value starting at `i`, or -1 when the buffer ends first. */
function valueEnd(buf: Buffer, i: number): number {
  const n = buf.length;
  const first = buf[i];
  if (first === DQUOTE) return stringEnd(buf, i + 1);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A scalar: up to the next delimiter. JSON.parse judges it.
    let j = i;
    while (j < n) {
      const c = buf[j];
      if (c === COMMA || c === CLOSE_BRACKET || c === SPACE || c === LF || c === CR || c === TAB) break;
      j++;
    }
    return j < n ? j : -1;
  }
  let depth = 0;
  for (let j = i; j < n; j++) {
    const c = buf[j];
    if (c === DQUOTE) {
      j = stringEnd(buf, j + 1);
      if (j < 0) return -1;
      j--; // the loop's j++ moves past the closing quote
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return j + 1;
    }
  }
  return -1;
}

/** Index just past the closing quote of a string whose content starts at `i`; -1 if unterminated. */
function stringEnd(buf: Buffer, i: number): number {
  const n = buf.length;
  for (;;) {
    const q = buf.indexOf(DQUOTE, i);
    if (q < 0) return -1;
    // Count the backslashes before the quote: an odd number escapes it.
    let k = q - 1;
    let backslashes = 0;
    while (k >= i && buf[k] === BACKSLASH) {
      backslashes++;
      k--;
    }
    if (backslashes % 2 === 0) return q + 1 <= n ? q + 1 : -1;
    i = q + 1;
  }
}
