import { existsSync, readdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { IMPORT_FORMATS, ImportFileError, type ImportFormat } from '../types';
import { detectFormat, isImportFormat, parsers } from './detect';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const DATA = new URL('../../../../../../shared/data/', import.meta.url).pathname;

async function detectError(input: Buffer | string, name: string): Promise<string> {
  try {
    await detectFormat(Buffer.from(input), name);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error(`detectFormat accepted ${name}`);
}

async function xlsx(rows: string[][], useSharedStrings = true): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
}

/** A ZIP archive with stored (uncompressed) entries; the CRC is not checked by the reader. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('detectFormat on the fixtures', () => {
  const cases: [string, ImportFormat][] = [
    ['uhri-export.json', 'uhri-json'],
    ['upr-info-sample.csv', 'upr-info-csv'],
    ['upr-info-voluntary-sample.csv', 'upr-info-csv'],
    ['upr-matrix-sample.jsonl', 'upr-matrix-jsonl'],
    ['generic-sample.csv', 'csv'],
    ['generic-sample-semicolon.csv', 'csv'],
  ];
  it.each(cases)('%s → %s, and the parser reads it without issues', async (name, format) => {
    const input = readFileSync(`${FIXTURES}${name}`);
    expect(await detectFormat(input, name)).toBe(format);
    const { records, issues } = await parsers[format](input, name);
    expect(issues).toEqual([]);
    expect(records.length).toBeGreaterThan(0);
  });

  it('every fixture is under 50 KB', () => {
    for (const name of readdirSync(FIXTURES)) expect(readFileSync(`${FIXTURES}${name}`).length, name).toBeLessThan(50_000);
  });
});

describe('detectFormat by content', () => {
  it('goes by content before the extension', async () => {
    expect(await detectFormat(readFileSync(`${FIXTURES}uhri-export.json`), 'export.csv')).toBe('uhri-json');
    expect(await detectFormat(readFileSync(`${FIXTURES}generic-sample.csv`), 'table.json')).toBe('csv');
    expect(await detectFormat(readFileSync(`${FIXTURES}upr-matrix-sample.jsonl`), 'matrix.txt')).toBe('upr-matrix-jsonl');
    expect(await detectFormat(Buffer.from('\ufeff \r\n [{"AnnotationId": '), 'x')).toBe('uhri-json'); // even truncated
  });

  it('reads the header of CSV variants', async () => {
    expect(await detectFormat(Buffer.from('MECHANISM;Country;Language;Date;Paragraph;Symbol;Text\r\n'), 'x')).toBe('csv');
    expect(await detectFormat(Buffer.from('"mechanism"\t"text"\n'), 'x')).toBe('csv');
    expect(await detectFormat(Buffer.from('source_file,row,session,state_under_review,text,recommending_state,response\n'), 'x')).toBe('upr-info-csv');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('mechanism\tcountry\ttext\r\n', 'utf16le')]);
    expect(await detectFormat(utf16, 'table.txt')).toBe('csv');
    expect(await detectFormat(iconv.encode('To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response\rCôte', 'macintosh'), 'x')).toBe('upr-info-csv');
  });

  it('lets the extension decide when the content does not', async () => {
    expect(await detectFormat(Buffer.from('Recommendation,State\nx,y\n'), 'list.CSV')).toBe('csv'); // the parser names the missing columns
    expect(await detectError('Recommendation,State\nx,y\n', 'list.dat')).toMatch(/^cannot tell the format of the file: expected /);
    expect(await detectFormat(Buffer.from('{"cycle": 3, "text": "cut off'), 'matrix.jsonl')).toBe('upr-matrix-jsonl');
  });

  it('tells workbooks apart by their header', async () => {
    const uhri = [['Text', 'Countries Concerned', 'Reccomending Body', 'OHCHR Annotation Id', 'Type'], ['x', '- Peru', '- CRC', 'id', '- Recommendations']];
    expect(await detectFormat(await xlsx(uhri), 'export.xlsx')).toBe('uhri-xlsx');
    expect(await detectFormat(await xlsx(uhri, false), 'export.xlsx')).toBe('uhri-xlsx'); // inline strings
    const generic = [['mechanism', 'country', 'language', 'date', 'paragraph', 'symbol', 'text'], ['CRC', 'PRY', 'en', '', '1', 'S', 'x']];
    expect(await detectFormat(await xlsx(generic), 'table.xlsx')).toBe('csv');
    expect(await detectFormat(await xlsx(generic), 'table.csv')).toBe('csv');
  });
});

describe('detectFormat refusals', () => {
  it('refuses an empty file', async () => {
    expect(await detectError('', 'x.csv')).toBe('the file is empty');
    expect(await detectError(' \r\n\t ', 'x.json')).toBe('the file is empty');
    expect(await detectError('\ufeff', 'x.csv')).toBe('the file is empty');
  });

  it('refuses binary files', async () => {
    expect(await detectError(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'image.csv')).toMatch(
      /^the file is binary, not a UHRI export/,
    );
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await detectError(xls, 'export.xls')).toMatch(/old Excel 97–2003 workbook \(\.xls\).*save it as \.xlsx/);
  });

  it('refuses ZIP archives that are not workbooks, and truncated workbooks', async () => {
    expect(await detectError(zip({ 'word/document.xml': '<w:document/>' }), 'report.docx')).toMatch(/ZIP archive but not an Excel workbook/);
    const book = await xlsx([['Text', 'Reccomending Body']]);
    expect(await detectError(book.subarray(0, book.length - 30), 'export.xlsx')).toMatch(/truncated or damaged/);
  });

  it('refuses JSON that is neither an array nor JSON lines of the matrix', async () => {
    expect(await detectError('{\n  "records": []\n}', 'export.json')).toMatch(/JSON object, not a UHRI JSON export/);
    expect(await detectError('{"AnnotationId": "a", "Body": "- CRC"}\n', 'x.jsonl')).toMatch(/UHRI records one a line/);
    expect(await detectError('{"id": 1}\n{"id": 2}\n', 'x.txt')).toMatch(/without state_under_review/);
    expect(await detectError('<html><body>Not found</body></html>', 'export.json')).toMatch(/not a UHRI JSON export/);
  });
});

describe('parsers', () => {
  it('has a parser for every import format', () => {
    expect(Object.keys(parsers).sort()).toEqual([...IMPORT_FORMATS].sort());
    expect(isImportFormat('csv')).toBe(true);
    expect(isImportFormat('xls')).toBe(false);
  });
});

describe.skipIf(!existsSync(DATA))('detectFormat on the real data files (needs ../shared/data)', () => {
  const files: [string, ImportFormat][] = [
    ['upr-info-2008-2014/original/1-5.csv', 'upr-info-csv'],
    ['upr-info-2008-2014/original/voluntary.csv', 'upr-info-csv'],
    ['upr-info-2008-2014/upr_info_sessions_1-20.utf8.csv', 'upr-info-csv'],
    ['upr-info-2008-2014/paraguay_subset.utf8.csv', 'upr-info-csv'],
    ['uhri-thematic-slovenia/slovenia_upr_thematic_cycles2-3.jsonl', 'upr-matrix-jsonl'],
  ];
  it.each(files)('%s → %s', async (path, format) => {
    if (!existsSync(`${DATA}${path}`)) return;
    expect(await detectFormat(readFileSync(`${DATA}${path}`), path.split('/').pop()!)).toBe(format);
  });

  it('refuses the real files that are not recommendation exports', async () => {
    const path = `${DATA}sdg/sdg_goals.csv`;
    if (!existsSync(path)) return;
    expect(await detectFormat(readFileSync(path), 'sdg_goals.csv')).toBe('csv'); // a .csv: the generic parser will name the missing columns
    expect(await detectError(readFileSync(path), 'sdg_goals')).toMatch(/^cannot tell the format/);
  });
});
