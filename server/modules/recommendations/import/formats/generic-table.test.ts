import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../types';
import { parseGenericTable } from './generic-table';
import { importReason } from '../reasons';
import { inEnglish } from '../../../../test/import-issues';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const HEADER = 'mechanism,country,language,date,paragraph,symbol,text';
const parse = (input: Buffer | string, name = 'table.csv') => parseGenericTable(Buffer.from(input), name);

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Recommendations');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('parseGenericTable, CSV', () => {
  it('reads the fixture: BOM, header in any case, optional columns, pipes, a multi-line cell', async () => {
    const { records, issues } = await parse(readFileSync(`${FIXTURES}generic-sample.csv`));
    expect(issues).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([2, 3, 6, 7]);
    expect(records[0]).toEqual({
      line: 2,
      externalId: { scheme: 'csv', value: 'iachr-pry-2021-4' },
      mechanism: 'IACHR',
      kind: 'recommendation',
      countries: ['PRY'],
      symbol: 'OEA/Ser.L/V/II Doc. 51/21',
      paragraph: '4',
      date: '2021-03-15',
      cycle: null,
      session: null,
      position: null,
      positionSource: null,
      recommendingStates: [],
      language: 'en',
      text: 'Adopt the legislative measures needed to guarantee the right to prior consultation of indigenous peoples, with the participation of their representative organisations.',
      themes: ['Indigenous peoples', 'Land & property rights'],
      affectedPersons: ['Indigenous peoples'],
      sdgs: ['16.7', '10'],
    });
    expect(records[1]).toMatchObject({
      kind: 'observation',
      countries: ['Paraguay'],
      date: null,
      externalId: null,
      text: 'Ensure universal, free birth registration, including:\n(a) late registration in rural areas;\n(b) mobile registration units.',
    });
    expect(records[2]).toMatchObject({ position: 'supported_in_part', recommendingStates: ['Chile', 'Argentina'], cycle: 3 });
    expect(records[3]).toMatchObject({ kind: 'operative_point', language: 'es', paragraph: 'Art. 5', mechanism: 'National Congress' });
  });

  it('reads a semicolon-delimited file with Spanish position words', async () => {
    const { records, issues } = await parse(readFileSync(`${FIXTURES}generic-sample-semicolon.csv`));
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.mechanism, r.position, r.recommendingStates, r.sdgs, r.language])).toEqual([
      ['UPR', 'supported', ['Uruguay'], ['16.9'], 'es'],
      ['CIDH', null, [], ['5.2', '16.3'], 'es'],
    ]);
    expect(records[0].text).toBe('Ratificar la Convención sobre la reducción de los casos de apatridia; y adoptar su reglamentación (Uruguay);');
  });

  it('reports row problems with the line the user sees, and leaves those rows out', async () => {
    const csv = [
      `${HEADER},position,kind,sdgs,cycle,external_id`,
      'CRC,PRY,en,03/04/2023,1,CRC/C/PRY/CO/6,"A text",,,,,a',
      ',PRY,en,2023-04-03,2,S,"Another",,,,,b',
      'CRC,,en,2023-04-03,3,S,"Multi',
      'line",,,,,c',
      'CRC,PRY,,2023-04-03,4,S,,Maybe,advice,PEACE,third,a',
      'CRC,PRY,english,2023-02-30,5,S,Fine text,Tomada nota,pledge,16,2,d',
      'CRC,PRY,gn-PY,,6,S,Last text,,,,,',
      'CRC,PRY,xx,,7,S,Made-up language,,,,,',
    ].join('\r\n');
    const { records, issues } = await parse(csv);
    expect(inEnglish(issues)).toEqual([
      { line: 2, field: 'date', reason: '"03/04/2023" is ambiguous: write dates as YYYY-MM-DD' },
      { line: 3, field: 'mechanism', reason: 'the mechanism is empty' },
      { line: 4, field: 'country', reason: 'the country is empty' },
      { line: 6, field: 'language', reason: 'the language is empty (a two-letter code such as en, es or fr)' },
      { line: 6, field: 'text', reason: 'the text is empty' },
      { line: 6, field: 'kind', reason: 'unknown kind "advice" (expected recommendation, observation, pledge or operative_point)' },
      { line: 6, field: 'position', reason: 'unknown position "Maybe" (expected supported, noted or supported in part)' },
      { line: 6, field: 'sdgs', reason: 'no SDG goal or target code in "PEACE" (write 16 or 16.2)' },
      { line: 6, field: 'cycle', reason: '"third" is not a cycle number' },
      { line: 6, field: 'external_id', reason: 'external_id "a" is already used on line 2' },
      { line: 7, field: 'date', reason: '"2023-02-30" is not a real date' },
      { line: 9, field: 'language', reason: '"xx" is not a language code (such as en, es or fr)' },
    ]);
    expect(records.map((r) => [r.line, r.language])).toEqual([[8, 'gn']]);
  });

  it('names the missing required columns', async () => {
    const error = await parse('Mechanism,Country,Text\nCRC,PRY,x\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(/^the header lacks the required columns language, date, paragraph, symbol \(expected /);
  });

  it('refuses a file that is not UTF-8, and one that ends inside a quoted cell', async () => {
    const latin = iconv.encode(`${HEADER}\nCRC,PRY,es,,1,S,Recomendación\n`, 'latin1');
    await expect(parse(latin)).rejects.toThrow(/not UTF-8 text/);
    await expect(parse(`${HEADER}\nCRC,PRY,en,,1,S,"unclosed\n`)).rejects.toThrow(/quoted cell that starts on line 2/);
  });

  it('returns no records for a header alone, and refuses an empty file', async () => {
    expect(await parse(`${HEADER}\n`)).toEqual({ records: [], issues: [], place: { unit: 'line' } });
    await expect(parse('\n\n')).rejects.toThrow(new ImportFileError(importReason('file_empty')));
  });

  it('reads UTF-16 text with a BOM (Excel "Unicode text")', async () => {
    const text = `${HEADER.replaceAll(',', '\t')}\r\nCRC\tPRY\ten\t2023-04-03\t12\tCRC/C/PRY/CO/6\tEnsure access\r\n`;
    const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { records } = await parse(input, 'table.txt');
    expect(records.map((r) => [r.paragraph, r.text, r.date])).toEqual([['12', 'Ensure access', '2023-04-03']]);
  });
});

describe('parseGenericTable, XLSX', () => {
  it('reads date cells, serials and text, with row numbers as lines', async () => {
    const input = await workbook([
      ['Mechanism', 'Country', 'Language', 'Date', 'Paragraph', 'Symbol', 'Text', 'Themes', 'Cycle'],
      ['CRC', 'Paraguay', 'en', new Date(Date.UTC(2022, 9, 25)), 18, 'CRC/C/PRY/CO/6', 'Ensure birth registration.\nIn all districts.', 'Children|Birth registration', 4],
      [],
      ['CAT', 'PRY', 'EN', 44927, '7 (a)', 'CAT/C/PRY/CO/7', 'Investigate all allegations.', null, null],
      ['CAT', 'PRY', 'en', '2023-01-01', '8', 'CAT/C/PRY/CO/7', { richText: [{ text: 'Rich ' }, { text: 'text' }] }, null, null],
      ['CAT', 'PRY', 'en', 12, '9', 'S', 'A date that is not one', null, null],
    ]);
    const { records, issues } = await parseGenericTable(input, 'table.xlsx');
    expect(records.map((r) => [r.line, r.date, r.paragraph, r.language, r.text])).toEqual([
      [2, '2022-10-25', '18', 'en', 'Ensure birth registration.\nIn all districts.'],
      [4, '2023-01-01', '7 (a)', 'en', 'Investigate all allegations.'],
      [5, '2023-01-01', '8', 'en', 'Rich text'],
    ]);
    expect(records[0].themes).toEqual(['Children', 'Birth registration']);
    expect(records[0].cycle).toBe(4);
    expect(inEnglish(issues)).toEqual([{ line: 6, field: 'date', reason: '"12" is not a date (write dates as YYYY-MM-DD)' }]);
  });

  it('names the missing columns of a workbook', async () => {
    const input = await workbook([['Recommendation', 'State'], ['x', 'y']]);
    await expect(parseGenericTable(input, 'table.xlsx')).rejects.toThrow(/lacks the required columns mechanism, country, language/);
  });
});
