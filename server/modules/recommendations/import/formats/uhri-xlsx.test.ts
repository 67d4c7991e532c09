import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../types';
import { parseUhriXlsx } from './uhri-xlsx';
import { inEnglish } from '../../../../test/import-issues';

/** The columns of the UHRI "Export to Excel", in its order and with its spelling. */
const UHRI_COLUMNS = [
  'Text',
  'Countries Concerned',
  'Reccomending Body',
  'Document Symbol',
  'Themes',
  'Affected Persons',
  'Sdgs',
  'Document Publication Date',
  'UPR Reccomending States',
  'UPR Position',
  'Type',
  'OHCHR Annotation Id',
  'UPR Session',
  'Regions Concerned',
  'Recommending Regions',
  'Date of publication on UHRI',
] as const;
type UhriRow = Partial<Record<(typeof UHRI_COLUMNS)[number], ExcelJS.CellValue>>;

const UPR_ROW: UhriRow = {
  Text: '136.12 Adopt a comprehensive law against all forms of discrimination (Chile);',
  'Countries Concerned': '- Paraguay',
  'Reccomending Body': '- UPR',
  'Document Symbol': 'A/HRC/48/9',
  Themes: '- Equality & non-discrimination\n- Legal, institutional & policy framework',
  'Affected Persons': '- General',
  Sdgs: '- 10.3 - Ensure equal opportunity and end discrimination\n- 16.b - Promote and enforce non-discriminatory laws and policies',
  'Document Publication Date': 44389, // 2021-07-12
  'UPR Reccomending States': '- Chile\n- Argentina',
  'UPR Position': '- Supported\n- Noted',
  Type: '- Recommendations',
  'OHCHR Annotation Id': '5b0e7d3a-2c4f-4e8a-9b1c-6d7e8f9a0b01',
  'UPR Session': '- 38th Session',
  'Regions Concerned': '- Latin America and the Caribbean',
  'Recommending Regions': '- Latin America and the Caribbean',
  'Date of publication on UHRI': 44442.4996282407,
};

const CO_ROW: UhriRow = {
  Text: 'Rural women 49.The Committee notes with concern the limited access of rural women to land titles.',
  'Countries Concerned': '- Paraguay',
  'Reccomending Body': '- CEDAW',
  'Document Symbol': 'CEDAW/C/PRY/CO/8',
  Themes: '- Discrimination against women\n- Land & property rights',
  'Affected Persons': '- Persons living in rural areas\n- Women & girls',
  Sdgs: '- 5.a - Equal rights to economic resources, property ownership and financial services',
  'Document Publication Date': new Date(Date.UTC(2023, 4, 31)),
  Type: '- Concerns/Observations',
  'OHCHR Annotation Id': '5b0e7d3a-2c4f-4e8a-9b1c-6d7e8f9a0b02',
  'Regions Concerned': '- Latin America and the Caribbean',
  'Date of publication on UHRI': '45108.375',
};

interface BookOptions {
  header?: readonly string[];
  /** Rows written above the header (a title, a note). */
  preamble?: string[];
  /** Write strings inline instead of in the shared-strings table. */
  inlineStrings?: boolean;
}

/** A workbook in the shape of the UHRI export. */
async function uhriWorkbook(rows: UhriRow[], options: BookOptions = {}): Promise<Buffer> {
  const header = options.header ?? UHRI_COLUMNS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const line of options.preamble ?? []) sheet.addRow([line]);
  sheet.addRow([...header]);
  for (const row of rows) {
    sheet.addRow(UHRI_COLUMNS.map((name) => row[name] ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer({ useSharedStrings: !options.inlineStrings } as ExcelJS.XlsxWriteOptions));
}

async function fileError(input: Buffer): Promise<ImportFileError> {
  const error = await parseUhriXlsx(input, 'export.xlsx').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe('parseUhriXlsx', () => {
  it('reads a UPR row: "- " prefixes, multi-value cells, split position, serial date, session', async () => {
    const { records, issues } = await parseUhriXlsx(await uhriWorkbook([UPR_ROW]), 'export.xlsx');
    expect(issues).toEqual([]);
    expect(records).toEqual([
      {
        line: 2,
        externalId: { scheme: 'uhri', value: '5b0e7d3a-2c4f-4e8a-9b1c-6d7e8f9a0b01' },
        mechanism: 'UPR',
        kind: 'recommendation',
        countries: ['Paraguay'],
        symbol: 'A/HRC/48/9',
        paragraph: '136.12',
        date: '2021-07-12',
        cycle: 3,
        session: 38,
        position: 'supported_in_part',
        positionSource: null,
        recommendingStates: ['Chile', 'Argentina'],
        language: 'en',
        text: 'Adopt a comprehensive law against all forms of discrimination (Chile);',
        themes: ['Equality & non-discrimination', 'Legal, institutional & policy framework'],
        affectedPersons: ['General'],
        sdgs: ['10.3', '16.b'],
      },
    ]);
  });

  it('reads a treaty-body row: heading before the paragraph, observation, date cell', async () => {
    const [r] = (await parseUhriXlsx(await uhriWorkbook([CO_ROW]), 'export.xlsx')).records;
    expect(r.kind).toBe('observation');
    expect(r.mechanism).toBe('CEDAW');
    expect(r.paragraph).toBe('49');
    expect(r.text).toBe('The Committee notes with concern the limited access of rural women to land titles.');
    expect(r.date).toBe('2023-05-31');
    expect([r.session, r.cycle, r.position, r.recommendingStates]).toEqual([null, null, null, []]);
    expect(r.affectedPersons).toEqual(['Persons living in rural areas', 'Women & girls']);
  });

  it('accepts a serial written as text, and a single position', async () => {
    const [r] = (
      await parseUhriXlsx(
        await uhriWorkbook([{ ...UPR_ROW, 'Document Publication Date': '46078', 'UPR Position': '- Noted', 'UPR Session': '- 41st Session' }]),
        'export.xlsx',
      )
    ).records;
    expect([r.date, r.position, r.session, r.cycle]).toEqual(['2026-02-25', 'noted', 41, 4]);
  });

  it('accepts the correctly spelled headers, in another order, and inline strings', async () => {
    const header = UHRI_COLUMNS.map((c) => c.replace('Reccomending', 'Recommending'));
    const { records, issues } = await parseUhriXlsx(await uhriWorkbook([UPR_ROW, CO_ROW], { header, inlineStrings: true }), 'x.xlsx');
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.mechanism, r.recommendingStates])).toEqual([
      ['UPR', ['Chile', 'Argentina']],
      ['CEDAW', []],
    ]);
  });

  it('finds the header below a title and uses spreadsheet row numbers as lines', async () => {
    const book = await uhriWorkbook([UPR_ROW, { ...UPR_ROW, Text: '' }, CO_ROW], { preamble: ['UHRI search results', 'Exported 2026-02-04'] });
    const { records, issues, place } = await parseUhriXlsx(book, 'export.xlsx');
    expect(records.map((r) => r.line)).toEqual([4, 6]);
    expect(inEnglish(issues)).toEqual([{ line: 5, field: 'Text', reason: 'Text is empty', recordId: '5b0e7d3a-2c4f-4e8a-9b1c-6d7e8f9a0b01' }]);
    expect(place).toEqual({ unit: 'row', sheet: 'Sheet1' });
  });

  it('reports unreadable cells with the column name as the file spells it', async () => {
    const book = await uhriWorkbook([
      { ...UPR_ROW, 'Reccomending Body': '', 'Document Publication Date': 'last spring', 'UPR Position': '- Deferred', Type: '- Good practice' },
    ]);
    const { records, issues } = await parseUhriXlsx(book, 'export.xlsx');
    expect(records).toEqual([]);
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'Reccomending Body'],
      [2, 'Type'],
      [2, 'Document Publication Date'],
      [2, 'UPR Position'],
    ]);
  });

  it('reads rich-text cells as plain text', async () => {
    const rich: ExcelJS.CellRichTextValue = {
      richText: [{ text: '49. The Committee ' }, { font: { bold: true }, text: 'urges' }, { text: ' the State party to act.' }],
    };
    const [r] = (await parseUhriXlsx(await uhriWorkbook([{ ...CO_ROW, Text: rich }]), 'export.xlsx')).records;
    expect([r.paragraph, r.text]).toEqual(['49', 'The Committee urges the State party to act.']);
  });

  it('names the required columns that are missing', async () => {
    const header = UHRI_COLUMNS.filter((c) => c !== 'Reccomending Body' && c !== 'OHCHR Annotation Id');
    const error = await fileError(await uhriWorkbook([], { header }));
    expect(error.message).toBe('not a UHRI Excel export: missing columns Reccomending Body, OHCHR Annotation Id');
  });

  it('refuses an empty workbook, a truncated one, and files that are not workbooks', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    expect((await fileError(Buffer.from(await empty.xlsx.writeBuffer()))).message).toMatch(/the workbook is empty/);

    const whole = await uhriWorkbook([UPR_ROW]);
    expect((await fileError(whole.subarray(0, whole.length - 200))).message).toMatch(/truncated or damaged/);
    expect((await fileError(Buffer.from('Text,Countries Concerned\n'))).message).toMatch(/not an Excel workbook/);
  });

  it('reads 5,000 rows with their row numbers', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ ...CO_ROW, 'OHCHR Annotation Id': `id-${i}` }));
    const book = await uhriWorkbook(rows);
    const { records } = await parseUhriXlsx(book, 'export.xlsx');
    expect(records).toHaveLength(5000);
    expect(records[4999].line).toBe(5001);
  });
});
