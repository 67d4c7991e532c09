/**
 * Reading XLSX workbooks: a peek into the ZIP container with jszip (for
 * format detection, without unpacking the whole workbook) and the rows of the
 * first worksheet, read with exceljs' streaming reader (a UHRI export can hold
 * hundreds of thousands of rows).
 *
 * Before exceljs sees a workbook, every part of it is unpacked once with
 * fflate's streaming inflater, keeping nothing, to check the limits
 * (limits.ts) as the bytes come: what the parts unpack to in all, how many
 * times its packed size each part unpacks to, and how long a run of text
 * (a cell) is. A ZIP bomb or a workbook with one 150 MB cell is refused
 * after reading a few MB of it, in constant memory; exceljs, which would
 * build such a cell whole, reads only workbooks that passed.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate } from 'fflate';
import JSZip from 'jszip';
import { cellTooLong, checkCell, checkRowCount, IMPORT_LIMITS } from '../limits';
import { importReason } from '../reasons';
import { ImportFileError } from '../types';

export const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // PK\x03\x04

export function isZip(input: Buffer): boolean {
  return input.length >= 4 && input.subarray(0, 4).equals(ZIP_SIGNATURE);
}

/** How much of an entry's text the peek reads: enough for a header row. */
const PEEK_BYTES = 256 * 1024;

export interface XlsxPeek {
  /** True when the archive holds an Excel workbook (`xl/workbook.xml`). */
  isWorkbook: boolean;
  /** The first text of the shared strings and of the first worksheet: enough to see a header row. */
  headText: string;
}

/**
 * Look inside a ZIP without reading it all: is it a workbook, and what does
 * its start say? Throws an ImportFileError when the archive cannot be read
 * (a truncated download, a damaged file).
 */
export async function peekXlsx(input: Buffer): Promise<XlsxPeek> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(input); // reads the central directory only; entries are inflated on demand
  } catch (error) {
    throw new ImportFileError(importReason('workbook_damaged', { detail: oneLine(error) }));
  }
  const isWorkbook = zip.file('xl/workbook.xml') !== null;
  if (!isWorkbook) return { isWorkbook, headText: '' };
  const parts: string[] = [];
  const shared = zip.file('xl/sharedStrings.xml');
  if (shared) parts.push(await entryPrefix(shared, PEEK_BYTES));
  const [sheet] = zip
    .file(/^xl\/worksheets\/sheet\d+\.xml$/)
    .sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  if (sheet) parts.push(await entryPrefix(sheet, PEEK_BYTES));
  return { isWorkbook, headText: xmlText(parts.join('\n')) };
}

/**
 * About the first `maxBytes` of an entry, as text, from jszip's stream: a
 * 100 MB sharedStrings.xml is not inflated whole to read its first strings.
 * A damaged entry gives what could be read (it is only sniffed).
 */
function entryPrefix(entry: JSZip.JSZipObject, maxBytes: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let stream: NodeJS.ReadableStream;
    try {
      stream = entry.nodeStream('nodebuffer');
    } catch {
      resolve('');
      return;
    }
    const done = () => {
      stream.removeAllListeners('data');
      stream.pause(); // the rest of the entry is not inflated
      resolve(Buffer.concat(chunks).toString('utf8', 0, Math.min(length, maxBytes)));
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= maxBytes) done();
    });
    stream.on('end', done);
    stream.on('error', done);
  });
}

function sheetNumber(name: string): number {
  return Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
}

/** Text content of XML: tags become line breaks, the five XML entities decoded. */
function xmlText(xml: string): string {
  return xml
    .replace(/<[^>]*>/g, '\n')
    .replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}

// ---------------------------------------------------------------------------
// Rows

/** A cell as the parsers see it: text, number, boolean, a date, or empty. */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** Spreadsheet row number (1-based, as Excel shows it). */
  row: number;
  /** Cells by 0-based column index. */
  cells: CellValue[];
}

/** exceljs cell value → plain value: rich text joined, formula result, hyperlink text, errors empty. */
export function plainCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return plainCellValue(v.result);
    if ('hyperlink' in v && 'text' in v) return plainCellValue(v.text);
    if ('error' in v) return null;
    if (typeof v.text === 'string') return v.text;
  }
  return null;
}

/** A cell as text: trimmed string; numbers written as JavaScript writes them; dates as ISO dates. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString().slice(0, 10) : '';
  return String(value);
}

/**
 * The name and non-empty rows of the first worksheet. Throws ImportFileError
 * when the file is not a readable workbook.
 */
export async function readFirstSheet(input: Buffer): Promise<{ sheet: string; rows: SheetRow[] }> {
  if (!isZip(input)) throw new ImportFileError(importReason('not_xlsx'));
  const { isWorkbook } = await peekXlsx(input); // fails early, and clearly, on a truncated archive
  if (!isWorkbook) throw new ImportFileError(importReason('zip_not_workbook'));
  checkWorkbookParts(input);
  const rows: SheetRow[] = [];
  let sheet = 'Sheet1';
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([input]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // needed to tell date cells from numbers
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      sheet = (worksheet as unknown as { name?: string }).name ?? sheet;
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        let any = false;
        for (let i = 1; i < values.length; i++) {
          const v = plainCellValue(values[i]);
          if (typeof v === 'string') checkCell(v);
          cells[i - 1] = v;
          if (v !== null && !(typeof v === 'string' && v.trim() === '')) any = true;
        }
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        if (any) {
          rows.push({ row: row.number, cells });
          checkRowCount(rows.length);
        }
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(importReason('workbook_unreadable', { detail: oneLine(error) }));
  }
  return { sheet, rows };
}

const LT = 0x3c; // <
const GT = 0x3e; // >
/** Bytes a run of text between two tags may take: a cell's characters at up to 4 bytes each in UTF-8. */
const MAX_TEXT_RUN_BYTES = IMPORT_LIMITS.maxCellChars * 4;
/** Packed bytes handed to the inflater at a time: what one step may unpack to is about 1000 times this. */
const CHUNK = 16 * 1024;

/**
 * Unpacks every part of the workbook, keeping nothing, and throws an
 * ImportFileError as soon as a limit is passed (see the top of this file).
 * The archive is read as exceljs reads it: entry after entry, from the local
 * headers. The ratio is that of what a part unpacked to so far against the
 * packed bytes read for it so far, so a bomb is caught within its first MB.
 */
export function checkWorkbookParts(input: Buffer): void {
  let total = 0;
  let pushed = 0; // packed bytes handed to the inflater before the current chunk
  let failure: ImportFileError | null = null;
  const unzip = new Unzip((file) => {
    const startedAt = pushed;
    let unpacked = 0;
    let run = 0; // bytes since the last < or > at the end of the previous chunk
    const xml = file.name.endsWith('.xml') || file.name.endsWith('.rels');
    file.ondata = (error, data) => {
      if (failure) return;
      if (error) {
        failure = new ImportFileError(importReason('workbook_damaged', { detail: oneLine(error) }));
        return;
      }
      unpacked += data.length;
      total += data.length;
      const packed = Math.max(1, pushed + CHUNK - startedAt);
      if (xml) {
        run = textRunAfter(data, run);
        if (run < 0) failure = cellTooLong();
      }
      if (failure) {
        // reported below
      } else if (unpacked > IMPORT_LIMITS.ratioGraceBytes && unpacked > packed * IMPORT_LIMITS.maxCompressionRatio) {
        failure = new ImportFileError(importReason('limit_ratio', { max: String(IMPORT_LIMITS.maxCompressionRatio) }));
      } else if (total > IMPORT_LIMITS.maxUncompressedBytes) {
        failure = new ImportFileError(importReason('limit_uncompressed', { max: String(IMPORT_LIMITS.maxUncompressedBytes / 1024 / 1024) }));
      }
      if (failure) file.terminate();
    };
    try {
      file.start();
    } catch (error) {
      failure ??= new ImportFileError(importReason('workbook_unreadable', { detail: oneLine(error) }));
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (; pushed < input.length && !failure; pushed += CHUNK) {
      const end = Math.min(pushed + CHUNK, input.length);
      unzip.push(input.subarray(pushed, end), end === input.length);
    }
  } catch (error) {
    failure ??= new ImportFileError(importReason('workbook_damaged', { detail: oneLine(error) }));
  }
  if (failure) throw failure;
}

/**
 * The length of the run of bytes without `<` or `>` at the end of `data`,
 * given the run before it; -1 when a run anywhere passes the limit. Jumps a
 * whole limit ahead and looks back for a bracket, so markup costs a few
 * native scans per 400 KB rather than a step per byte.
 */
function textRunAfter(data: Uint8Array, runBefore: number): number {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let last = -1 - runBefore; // index of the last bracket (before the chunk when negative)
  for (;;) {
    const target = last + MAX_TEXT_RUN_BYTES + 1; // the byte that would make the run too long
    if (target >= bytes.length) return bytes.length - 1 - last;
    const bracket = Math.max(bytes.lastIndexOf(LT, target), bytes.lastIndexOf(GT, target));
    if (bracket <= last) return -1;
    last = bracket;
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 200);
}
