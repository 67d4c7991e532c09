/**
 * What a file may hold before the importer refuses it, checked while the file
 * is read (never after building something huge): a hostile or broken file —
 * one 150 MB cell, a ZIP bomb, a CSV whose one line is 100 MB — is refused
 * with a clear reason, and reading it never takes more memory than a few
 * times these limits.
 *
 * The limits are far above any real export (the longest recommendation text
 * in the UHRI is about 15,000 characters; the whole UHRI is about 270,000
 * records) and the same for every format, on the web and on the command line.
 */
import { importReason } from './reasons';
import { ImportFileError } from './types';

export const IMPORT_LIMITS = {
  /** Characters in one cell (CSV, XLSX) or one field (JSON). */
  maxCellChars: 100_000,
  /** Bytes of one record: a CSV or JSON line, a JSON array element. */
  maxRecordBytes: 2 * 1024 * 1024,
  /** Records (rows, lines, array elements) in one file. */
  maxRows: 1_000_000,
  /** Bytes an XLSX workbook unpacks to, all its parts together. */
  maxUncompressedBytes: 1024 * 1024 * 1024,
  /** How many times its packed size one part of a workbook may unpack to… */
  maxCompressionRatio: 200,
  /** …once it is past this size (small parts are harmless at any ratio). */
  ratioGraceBytes: 8 * 1024 * 1024,
} as const;

const thousands = (n: number) => n.toLocaleString('en-US').replace(/,/g, ' ');
const megabytes = (n: number) => String(Math.round(n / 1024 / 1024));

export function cellTooLong(): ImportFileError {
  return new ImportFileError(importReason('limit_cell_chars', { max: thousands(IMPORT_LIMITS.maxCellChars) }));
}

export function recordTooLarge(where: 'line' | 'record', at: number): ImportFileError {
  return new ImportFileError(
    where === 'line'
      ? importReason('limit_line_bytes', { line: at, max: megabytes(IMPORT_LIMITS.maxRecordBytes) })
      : importReason('limit_record_bytes', { record: at, max: megabytes(IMPORT_LIMITS.maxRecordBytes) }),
  );
}

export function tooManyRows(): ImportFileError {
  return new ImportFileError(importReason('limit_rows', { max: thousands(IMPORT_LIMITS.maxRows) }));
}

/** Throws when a cell is longer than the limit. */
export function checkCell(value: string): void {
  if (value.length > IMPORT_LIMITS.maxCellChars) throw cellTooLong();
}

/** Throws when there are more records than the limit (`count` is the number read so far). */
export function checkRowCount(count: number): void {
  if (count > IMPORT_LIMITS.maxRows) throw tooManyRows();
}

/**
 * Before a text file is decoded: no line may be longer than a record may be
 * (a record is at least a line), so a file with one 100 MB line is refused
 * by scanning its bytes, without making a 100 MB string. Works for UTF-8,
 * single-byte encodings and UTF-16 (LF and CR are found in either byte order).
 */
export function checkLineLengths(input: Buffer): void {
  const max = IMPORT_LIMITS.maxRecordBytes;
  if (input.length <= max) return;
  let start = 0;
  let line = 1;
  while (start < input.length) {
    const lf = input.indexOf(0x0a, start);
    const end = lf < 0 ? input.length : lf;
    if (end - start > max) {
      // A long run without LF may still be short lines ended by CR alone (old Mac files).
      let from = start;
      for (;;) {
        const cr = input.indexOf(0x0d, from);
        const stop = cr < 0 || cr > end ? end : cr;
        if (stop - from > max) throw recordTooLarge('line', line);
        if (stop === end) break;
        line++;
        from = stop + 1;
      }
    }
    line++;
    start = end + 1;
  }
}
