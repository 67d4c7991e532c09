import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../types';
import { jsonArrayElements, parseUhriJson } from './uhri-json';
import { inEnglish } from '../../../../test/import-issues';

const FIXTURE = new URL('./fixtures/uhri-export.json', import.meta.url).pathname;
const fixture = () => readFileSync(FIXTURE);

/** A UHRI record shaped like the published export, with overrides. */
function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AffectedPersons: ['Children'],
    AnnotationId: 'a1b2c3d4-0000-4000-8000-000000000001',
    AnnotationType: '- Recommendations',
    Body: '- CRC',
    Countries: ['Paraguay'],
    DocumentId: 'd0c00000-0000-4000-8000-000000000001',
    PublicationDate: '2022-10-25T00:00:00',
    PublicationDateOnUhri: '2022-11-30T14:12:00',
    Regions: ['Latin America and the Caribbean'],
    Sdgs: [],
    Symbol: 'CRC/C/PRY/CO/6',
    Text: '20. The Committee recommends that the State party strengthen its child protection system.',
    Themes: ['Children: protection against exploitation'],
    UprCycle: null,
    UprPositions: [],
    UprRecommendingCountry: [],
    UprRecommendingRegions: [],
    UprSession: [],
    ...overrides,
  };
}
const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2));

async function fileError(input: Buffer): Promise<ImportFileError> {
  const error = await parseUhriJson(input, 'export.json').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe('parseUhriJson on the fixture export', () => {
  it('reads every record without issues', async () => {
    const { records, issues } = await parseUhriJson(fixture(), 'uhri-export.json');
    expect(issues).toEqual([]);
    expect(records).toHaveLength(7);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const r of records) {
      expect(r.externalId?.scheme).toBe('uhri');
      expect(r.language).toBe('en');
      expect(r.mechanism).not.toMatch(/^-/);
      expect(r.text).not.toMatch(/<|&[a-z]+;|\s{2}|^\s|\s$/);
      expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('maps a supported UPR recommendation', async () => {
    const [r] = (await parseUhriJson(fixture(), 'uhri-export.json')).records;
    expect(r).toEqual({
      line: 1,
      externalId: { scheme: 'uhri', value: '3f6c2a1e-8b4d-4c1a-9e2f-0a1b2c3d4e01' },
      mechanism: 'UPR',
      kind: 'recommendation',
      countries: ['Paraguay'],
      symbol: 'A/HRC/48/9',
      paragraph: '136.12',
      date: '2021-07-12',
      cycle: 3,
      session: 38,
      position: 'supported',
      positionSource: null,
      recommendingStates: ['Chile'],
      language: 'en',
      text: 'Adopt a comprehensive law against all forms of discrimination, including a clear definition of direct and indirect discrimination (Chile);',
      themes: ['Equality & non-discrimination', 'Legal, institutional & policy framework'],
      affectedPersons: ['General', 'Persons with disabilities'],
      sdgs: ['10.3', '16.b'],
    });
  });

  it('strips "- " prefixes everywhere and reads both positions as supported in part', async () => {
    const r = (await parseUhriJson(fixture(), 'uhri-export.json')).records[1];
    expect(r.countries).toEqual(['Paraguay']);
    expect(r.themes).toEqual(['Indigenous peoples', 'Land & property rights']);
    expect(r.affectedPersons).toEqual(['Indigenous peoples']);
    expect(r.recommendingStates).toEqual(['Portugal', 'Argentina']);
    expect(r.position).toBe('supported_in_part');
    expect(r.session).toBe(38);
    expect(r.cycle).toBe(3); // UprCycle is null: derived from the session
    expect(r.text).toContain('consultation & consent (Portugal) (Argentina);');
  });

  it('derives the cycle from the session when UprCycle is absent', async () => {
    const r = (await parseUhriJson(fixture(), 'uhri-export.json')).records[2];
    expect([r.session, r.cycle, r.position, r.paragraph]).toEqual([41, 4, 'noted', '97.101']);
  });

  it('reads a treaty-body observation with a heading before its paragraph number', async () => {
    const r = (await parseUhriJson(fixture(), 'uhri-export.json')).records[3];
    expect(r.kind).toBe('observation');
    expect(r.mechanism).toBe('CRC');
    expect(r.paragraph).toBe('18');
    expect(r.text).toBe(
      'The Committee notes with concern that “late registration” remains frequent in rural areas and that fees are still charged for birth certificates.',
    );
    expect([r.session, r.cycle, r.position]).toEqual([null, null, null]);
    expect(r.recommendingStates).toEqual([]);
    expect(r.sdgs).toEqual(['16.9']);
  });

  it('reads sub-paragraphs, "para. N: M" references, goal-level SDGs and dirty country labels', async () => {
    const { records } = await parseUhriJson(fixture(), 'uhri-export.json');
    expect([records[4].paragraph, records[4].text]).toEqual([
      '49 (b)',
      'Ensure that rural women have equal access to land titles, credit and technical assistance;',
    ]);
    expect(records[4].sdgs).toEqual(['1.4', '5.a']);
    expect([records[5].mechanism, records[5].paragraph, records[5].date, records[5].sdgs]).toEqual([
      'SR Torture',
      '96: 21',
      '2020-02-14',
      ['16'],
    ]);
    expect(records[5].text).toMatch(/^The Special Rapporteur recommends/);
    // "2030 Agenda …" does not start with a paragraph number; "PY*" is passed on for the resolver.
    expect([records[6].paragraph, records[6].countries, records[6].mechanism]).toEqual([null, ['PY*'], 'WG Arbitrary detention']);
    expect(records[6].text).toMatch(/^2030 Agenda/);
  });
});

describe('parseUhriJson row issues', () => {
  it('reports a record without Text or Body and keeps the others', async () => {
    const input = json([
      record(),
      record({ AnnotationId: 'x-2', Text: '' }),
      record({ AnnotationId: 'x-3', Body: null }),
      record({ AnnotationId: 'x-4' }),
    ]);
    const { records, issues } = await parseUhriJson(input, 'export.json');
    expect(records.map((r) => r.line)).toEqual([1, 4]);
    expect(inEnglish(issues)).toEqual([
      { line: 2, field: 'Text', reason: 'Text is empty', recordId: 'x-2' },
      { line: 3, field: 'Body', reason: 'Body (the recommending body) is missing', recordId: 'x-3' },
    ]);
  });

  it('reports each unreadable field of a record, with the source field name', async () => {
    const input = json([
      record({
        AnnotationId: '',
        AnnotationType: '- Good practices',
        Countries: [],
        PublicationDate: '25/10/2022',
        Sdgs: ['PEACE'],
        UprSession: ['Spring Session'],
        UprPositions: ['Pending'],
        Text: '12.',
      }),
    ]);
    const { records, issues } = await parseUhriJson(input, 'export.json');
    expect(records).toEqual([]);
    expect(issues.map((i) => i.field)).toEqual([
      'AnnotationId',
      'AnnotationType',
      'Countries',
      'Text',
      'PublicationDate',
      'Sdgs',
      'UprSession',
      'UprPositions',
    ]);
    expect(inEnglish(issues).every((i) => i.line === 1 && i.reason.length > 5 && !i.reason.includes('\n'))).toBe(true);
    expect(inEnglish(issues).find((i) => i.field === 'UprPositions')?.reason).toBe('unknown UPR position "Pending" (expected Supported or Noted)');
  });

  it('reports an element that is not an object', async () => {
    const { records, issues } = await parseUhriJson(json([record(), 42]), 'export.json');
    expect(records).toHaveLength(1);
    expect(inEnglish(issues)).toEqual([{ line: 2, field: 'record', reason: 'not a JSON object' }]);
  });

  it('accepts single strings where arrays are expected, and numeric cycles as strings', async () => {
    const input = json([
      record({ Body: '- UPR', Countries: '- Paraguay', UprSession: '- 22nd Session', UprCycle: '2', UprPositions: 'Supported' }),
    ]);
    const [r] = (await parseUhriJson(input, 'export.json')).records;
    expect([r.countries, r.session, r.cycle, r.position]).toEqual([['Paraguay'], 22, 2, 'supported']);
  });

  it('strips a "- " prefix from Text too', async () => {
    const [r] = (await parseUhriJson(json([record({ Text: '- 20. The Committee recommends more.' })]), 'export.json')).records;
    expect([r.paragraph, r.text]).toEqual(['20', 'The Committee recommends more.']);
  });

  it('returns nothing for an empty array', async () => {
    expect(await parseUhriJson(Buffer.from(' [ ] \n'), 'export.json')).toEqual({ records: [], issues: [], place: { unit: 'record' } });
  });
});

describe('parseUhriJson file errors', () => {
  it('refuses a truncated file', async () => {
    const whole = fixture();
    const error = await fileError(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.message).toMatch(/^the file is truncated or not valid JSON \(/);
    expect(error.message).not.toContain('\n');
  });

  it('refuses invalid JSON inside a record', async () => {
    const error = await fileError(Buffer.from('[{"AnnotationId": "a", "Body": "- CRC", "Text": "x",}]'));
    expect(error.message).toMatch(/^the file is truncated or not valid JSON \(record 1: /);
  });

  it('refuses text that is not JSON, and data after the array', async () => {
    expect((await fileError(Buffer.from('AnnotationId,Body,Text\n'))).message).toMatch(/not valid JSON/);
    expect((await fileError(Buffer.from('[] []'))).message).toMatch(/more data after the closing/);
    expect((await fileError(Buffer.from('[{"a":1} {"b":2}]'))).message).toMatch(/expected "," or "\]"/);
  });

  it('refuses JSON that is not an array of UHRI records', async () => {
    const expected = 'not a UHRI JSON export: expected an array of records with AnnotationId, Body and Text';
    expect((await fileError(json({ records: [record()] }))).message).toBe(expected);
    expect((await fileError(json([{ id: 1, name: 'x' }]))).message).toBe(expected);
    expect((await fileError(json(Array.from({ length: 30 }, (_, i) => ({ id: i }))))).message).toBe(expected);
  });

  it('refuses an empty file', async () => {
    expect((await fileError(Buffer.from('  \n'))).message).toBe('the file is empty');
  });
});

describe('jsonArrayElements', () => {
  it('splits an array into element sources, whatever the strings hold', () => {
    const elements = [{ a: 'x ] } , " \\ {' }, [1, [2]], 'str"ing', 3.5, null, { nested: { deep: ['}'] } }];
    const text = JSON.stringify(elements);
    expect([...jsonArrayElements(Buffer.from(`\ufeff ${text}`))].map((s) => JSON.parse(s))).toEqual(elements);
  });

  it('reads multi-byte UTF-8 text unchanged', () => {
    const elements = [{ Text: 'Côte d’Ivoire — ñandutí 中文 😀' }];
    expect([...jsonArrayElements(Buffer.from(JSON.stringify(elements)))].map((s) => JSON.parse(s))).toEqual(elements);
  });

  it('splits a large export into every record', async () => {
    const records = Array.from({ length: 20_000 }, (_, i) => record({ AnnotationId: `id-${i}` }));
    const input = json(records);
    const result = await parseUhriJson(input, 'export.json');
    expect(result.records).toHaveLength(20_000);
  });
});
