/**
 * Which format a file is in, by its content first; the file name's extension
 * only breaks ties.
 *
 * - empty (or only whitespace) → ImportFileError "the file is empty"
 * - ZIP: an Excel workbook whose header has `Reccomending Body` / `OHCHR
 *   Annotation Id` → uhri-xlsx, any other workbook → csv (the generic table,
 *   which reads XLSX too); a ZIP that is not a workbook → ImportFileError
 * - other binary (NUL bytes, an old .xls) → ImportFileError
 * - `[` → uhri-json; `{` on the first line with `state_under_review` → upr-matrix-jsonl
 * - CSV header with `To`, `From` and `Response` (or the decoded copy's
 *   `state_under_review`, `recommending_state`, `response`) → upr-info-csv;
 *   with `mechanism` and `text` → csv
 */
import { importReason } from '../reasons';
import { IMPORT_FORMATS, ImportFileError, type ImportFormat, type Parser } from '../types';
import { detectDelimiter, headerKey, parseCsv } from './csv';
import { parseGenericTable } from './generic-table';
import { decodeText } from './text';
import { parseUhriJson } from './uhri-json';
import { parseUhriXlsx } from './uhri-xlsx';
import { parseUprInfoCsv } from './upr-info-csv';
import { parseUprMatrixJsonl } from './upr-matrix-jsonl';
import { isZip, peekXlsx } from './xlsx';

export const parsers: Record<ImportFormat, Parser> = {
  'uhri-json': parseUhriJson,
  'uhri-xlsx': parseUhriXlsx,
  'upr-info-csv': parseUprInfoCsv,
  'upr-matrix-jsonl': parseUprMatrixJsonl,
  csv: parseGenericTable,
};

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

const SNIFF_BYTES = 64 * 1024;
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UHRI_XLSX_HEADERS = /\b(?:reccomending body|recommending body|ohchr annotation id)\b/i;

export async function detectFormat(input: Buffer, fileName: string): Promise<ImportFormat> {
  const ext = extension(fileName);
  if (input.length === 0) throw new ImportFileError(importReason('file_empty'));

  if (isZip(input)) {
    const peek = await peekXlsx(input);
    if (!peek.isWorkbook) {
      throw new ImportFileError(importReason('zip_not_importable'));
    }
    return UHRI_XLSX_HEADERS.test(peek.headText) ? 'uhri-xlsx' : 'csv';
  }
  if (input.length >= 8 && input.subarray(0, 8).equals(OLE2_SIGNATURE)) {
    throw new ImportFileError(importReason('old_office_file'));
  }

  const head = input.subarray(0, SNIFF_BYTES);
  const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  if (!utf16 && head.includes(0)) {
    throw new ImportFileError(importReason('binary_file'));
  }
  // Decoding a prefix may cut a character in two; harmless for sniffing.
  const text = decodeText(head, 'macintosh').text.replace(/^\ufeff/, '').trimStart();
  if (text === '') throw new ImportFileError(importReason('file_empty'));

  const first = text[0];
  if (first === '[') return 'uhri-json';
  if (first === '{') return jsonLinesFormat(text, ext);

  const firstLine = text.split(/\r\n|\r|\n/, 1)[0];
  const headerRow = parseCsvHeader(firstLine);
  const keys = new Set(headerRow.map(headerKey));
  if ((keys.has('to') && keys.has('from') && keys.has('response')) ||
      (keys.has('state_under_review') && keys.has('recommending_state') && keys.has('response'))) {
    return 'upr-info-csv';
  }
  if (keys.has('mechanism') && keys.has('text')) return 'csv';

  // Content is not conclusive: the extension decides, when it can.
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv'; // the generic parser names the missing columns
  if (ext === 'json') {
    throw new ImportFileError(importReason('json_no_array'));
  }
  throw new ImportFileError(importReason('unknown_format'));
}

function jsonLinesFormat(text: string, ext: string): ImportFormat {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0].trim();
  let value: unknown;
  try {
    value = JSON.parse(firstLine);
  } catch {
    // A pretty-printed object, or a damaged first line.
    if (ext === 'jsonl' || ext === 'ndjson') return 'upr-matrix-jsonl';
    throw new ImportFileError(importReason('json_single_object'));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if ('state_under_review' in o) return 'upr-matrix-jsonl';
    if ('AnnotationId' in o) {
      throw new ImportFileError(importReason('uhri_json_lines'));
    }
  }
  if (ext === 'jsonl' || ext === 'ndjson') return 'upr-matrix-jsonl'; // the parser says what is missing
  throw new ImportFileError(importReason('unknown_format_json_lines'));
}

function parseCsvHeader(line: string): string[] {
  try {
    return parseCsv(line, detectDelimiter(line))[0]?.cells ?? [];
  } catch {
    return line.split(detectDelimiter(line));
  }
}

function extension(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? m[1].toLowerCase() : '';
}
