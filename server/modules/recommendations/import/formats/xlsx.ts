/**
 * Reading XLSX workbooks: a synchronous peek into the ZIP container (for
 * format detection, without unpacking the whole workbook) and the rows of the
 * first worksheet, read with exceljs' streaming reader (a UHRI export can hold
 * hundreds of thousands of rows).
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { ImportFileError } from '../types';

export const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // PK\x03\x04

export function isZip(input: Buffer): boolean {
  return input.length >= 4 && input.subarray(0, 4).equals(ZIP_SIGNATURE);
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/**
 * The entries of a ZIP archive, from its central directory. Throws an
 * ImportFileError when the directory is missing (a truncated download) or damaged.
 */
export function zipEntries(input: Buffer): ZipEntry[] {
  // End of central directory: 22 bytes + a comment of up to 65,535 bytes.
  const min = Math.max(0, input.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = input.length - 22; i >= min; i--) {
    if (input.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportFileError('the workbook is truncated or damaged (its ZIP directory is missing)');
  const count = input.readUInt16LE(eocd + 10);
  let offset = input.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (offset + 46 > input.length || input.readUInt32LE(offset) !== 0x02014b50) {
      throw new ImportFileError('the workbook is damaged (its ZIP directory cannot be read)');
    }
    const method = input.readUInt16LE(offset + 10);
    const compressedSize = input.readUInt32LE(offset + 20);
    const nameLength = input.readUInt16LE(offset + 28);
    const extraLength = input.readUInt16LE(offset + 30);
    const commentLength = input.readUInt16LE(offset + 32);
    const localHeaderOffset = input.readUInt32LE(offset + 42);
    const name = input.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, method, compressedSize, localHeaderOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The first `maxBytes` (about) of an entry, decompressed. A partial inflate:
 * a 100 MB sharedStrings.xml is not unpacked to read its first strings.
 */
export function readZipEntryPrefix(input: Buffer, entry: ZipEntry, maxBytes = 256 * 1024): string {
  const at = entry.localHeaderOffset;
  if (at + 30 > input.length || input.readUInt32LE(at) !== 0x04034b50) return '';
  const start = at + 30 + input.readUInt16LE(at + 26) + input.readUInt16LE(at + 28);
  // The central directory's size is authoritative; a local header may say 0 (data descriptor).
  const end = Math.min(input.length, start + (entry.compressedSize || input.length));
  if (entry.method === 0) return input.toString('utf8', start, Math.min(end, start + maxBytes));
  if (entry.method !== 8) return '';
  try {
    // Enough compressed input for maxBytes of XML (XML compresses well, ~10:1 at most here).
    const slice = input.subarray(start, Math.min(end, start + maxBytes));
    const out = zlib.inflateRawSync(slice, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    return out.toString('utf8', 0, Math.min(out.length, maxBytes * 4));
  } catch {
    return '';
  }
}

export interface XlsxPeek {
  /** True when the archive holds an Excel workbook (`xl/workbook.xml`). */
  isWorkbook: boolean;
  /** The first text of the shared strings and of the first worksheet: enough to see a header row. */
  headText: string;
}

/** Look inside a ZIP without reading it all: is it a workbook, and what does its start say? */
export function peekXlsx(input: Buffer): XlsxPeek {
  const entries = zipEntries(input);
  const isWorkbook = entries.some((e) => e.name === 'xl/workbook.xml');
  if (!isWorkbook) return { isWorkbook, headText: '' };
  const parts: string[] = [];
  const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (shared) parts.push(readZipEntryPrefix(input, shared, 64 * 1024));
  const sheets = entries
    .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
    .sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  if (sheets[0]) parts.push(readZipEntryPrefix(input, sheets[0], 64 * 1024));
  return { isWorkbook, headText: xmlText(parts.join('\n')) };
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
 * The non-empty rows of the first worksheet. Throws ImportFileError when the
 * file is not a readable workbook.
 */
export async function readFirstSheet(input: Buffer): Promise<SheetRow[]> {
  if (!isZip(input)) throw new ImportFileError('the file is not an Excel workbook (.xlsx)');
  const { isWorkbook } = peekXlsx(input); // fails early, and clearly, on a truncated archive
  if (!isWorkbook) throw new ImportFileError('the file is a ZIP archive but not an Excel workbook (.xlsx)');
  const rows: SheetRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([input]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // needed to tell date cells from numbers
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        let any = false;
        for (let i = 1; i < values.length; i++) {
          const v = plainCellValue(values[i]);
          cells[i - 1] = v;
          if (v !== null && !(typeof v === 'string' && v.trim() === '')) any = true;
        }
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        if (any) rows.push({ row: row.number, cells });
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`the workbook cannot be read (${oneLine(error)})`);
  }
  return rows;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 200);
}
