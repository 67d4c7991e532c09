/**
 * Every import format stops at the limits of limits.ts while it reads the
 * file, with a clear reason (the web import's hostile-file tests send the
 * large cases through the API).
 */
import { describe, expect, it } from 'vitest';
import { xlsxWithHugeCell, xlsxZipBomb } from '../../../test/hostile-files';
import { IMPORT_LIMITS } from './limits';
import { parseFile } from './parse-file';
import { ImportFileError, type ImportFormat } from './types';

const longText = 'x'.repeat(IMPORT_LIMITS.maxCellChars + 1);
const longLine = 'x'.repeat(IMPORT_LIMITS.maxRecordBytes + 1);
const uhriRecord = (text: string) => ({ AnnotationId: 'a1', AnnotationType: 'Recommendation', Body: '- CRC', Countries: ['- Peru'], PublicationDate: '2021-03-01', Text: text });

async function refusal(bytes: Buffer, fileName: string, format?: ImportFormat): Promise<string> {
  const error = await parseFile(bytes, fileName, format).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportFileError);
  return (error as ImportFileError).message;
}

describe('import limits, for every format', () => {
  it('UHRI JSON: a field longer than a cell may be, and a record larger than a record may be', async () => {
    expect(await refusal(Buffer.from(JSON.stringify([uhriRecord('ok'), uhriRecord(longText)])), 'uhri.json'))
      .toBe('a cell holds more than 100 000 characters, more than any recommendation: the file is damaged or not a file of recommendations');
    const big = { ...uhriRecord('ok'), Themes: Array.from({ length: 30 }, () => 'y'.repeat(IMPORT_LIMITS.maxCellChars)) };
    expect(await refusal(Buffer.from(JSON.stringify([uhriRecord('ok'), big])), 'uhri.json'))
      .toBe('record 2 is larger than 2 MB: the file is damaged or not a file of recommendations');
  });

  it('UPR matrix JSON lines and UPR Info CSV: a line longer than a record may be', async () => {
    const jsonl = `{"state_under_review":"Peru","text":"ok","position":"Supported"}\n{"state_under_review":"Peru","text":"${longLine}"}\n`;
    expect(await refusal(Buffer.from(jsonl), 'matrix.jsonl', 'upr-matrix-jsonl')).toMatch(/^line 2 is longer than 2 MB/);
    const csv = `To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\nPeru,,,ok,Chile,,,Accepted,3,,10\n\nPeru,,,${longLine},Chile,,,Accepted,3,,10\n`;
    expect(await refusal(Buffer.from(csv), 'upr-info.csv', 'upr-info-csv')).toMatch(/^line 4 is longer than 2 MB/);
  });

  it('generic CSV: a cell longer than a cell may be, and a quoted record over many lines larger than a record may be', async () => {
    const header = 'mechanism,country,language,date,paragraph,symbol,text\n';
    expect(await refusal(Buffer.from(`${header}UPR,PER,es,2021-03-01,1,A/HRC/1,${longText}\n`), 'table.csv'))
      .toMatch(/^a cell holds more than 100 000 characters/);
    const manyLines = Array.from({ length: 40 }, () => 'z'.repeat(IMPORT_LIMITS.maxRecordBytes / 30)).join('\n');
    expect(await refusal(Buffer.from(`${header}UPR,PER,es,2021-03-01,1,A/HRC/1,"${manyLines}"\n`), 'table.csv'))
      .toMatch(/^line \d+ is longer than 2 MB/);
  });

  it('XLSX (UHRI and generic tables): a cell of 150 MB and a ZIP bomb are refused without unpacking them', async () => {
    expect(await refusal(xlsxWithHugeCell(), 'celda.xlsx')).toMatch(/^a cell holds more than 100 000 characters/);
    expect(await refusal(xlsxWithHugeCell(), 'celda.xlsx', 'uhri-xlsx')).toMatch(/^a cell holds more than 100 000 characters/);
    expect(await refusal(xlsxZipBomb(), 'bomb.xlsx')).toMatch(/^a part of the workbook unpacks to more than 200 times its packed size/);
  });
});
