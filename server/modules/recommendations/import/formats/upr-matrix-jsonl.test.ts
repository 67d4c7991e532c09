import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../types';
import { parseUprMatrixJsonl, recommendingStates } from './upr-matrix-jsonl';
import { importReason } from '../reasons';
import { inEnglish } from '../../../../test/import-issues';

const FIXTURE = new URL('./fixtures/upr-matrix-sample.jsonl', import.meta.url).pathname;
const SLOVENIA = new URL('../../../../../../shared/data/uhri-thematic-slovenia/slovenia_upr_thematic_cycles2-3.jsonl', import.meta.url)
  .pathname;

const parse = (input: Buffer | string) => parseUprMatrixJsonl(Buffer.from(input), 'matrix.jsonl');

function line(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    cycle: 3,
    session: 34,
    state_under_review: 'Slovenia',
    paragraph: '121.1',
    text: 'Ratify the Convention (Chile);',
    heading_theme: 'Acceptance of international norms',
    source_of_position: 'A/HRC/43/15/Add.1 - Para.3',
    position: 'Supported',
    themes: ['Acceptance of international norms'],
    affected_persons: ['general'],
    sdgs: [],
    recommending_states_raw: ['Chile'],
    ...overrides,
  });
}

describe('parseUprMatrixJsonl on the fixture', () => {
  it('reads every line, with line numbers counting the blank line', async () => {
    const { records, issues } = await parse(readFileSync(FIXTURE));
    expect(issues).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5, 6]);
    expect(records[0]).toEqual({
      line: 1,
      externalId: null,
      mechanism: 'UPR',
      kind: 'recommendation',
      countries: ['Paraguay'],
      symbol: 'A/HRC/32/9',
      paragraph: '102.1',
      date: null,
      cycle: 2,
      session: 22,
      position: 'supported',
      positionSource: 'A/HRC/32/9/Add.1 - Para. 3',
      recommendingStates: ['Brazil', 'Uruguay'],
      language: 'en',
      text: 'Consider ratifying the Convention relating to the Status of Stateless Persons (Brazil, Uruguay);',
      themes: ['A12 Acceptance of international norms'],
      affectedPersons: ['stateless persons'],
      sdgs: [],
    });
  });

  it('keeps coded themes, reads SDG goals, drops treaty references from the recommending States', async () => {
    const { records } = await parse(readFileSync(FIXTURE));
    expect(records[1].themes).toEqual(['A12 Acceptance of international norms', 'D41 Right to work']);
    expect(records[1].recommendingStates).toEqual(['Philippines']); // "No. 189" is a convention
    expect(records[2].sdgs).toEqual(['16', '17']);
    expect(records[2].recommendingStates).toEqual(['Bolivia (Plurinational State of)', 'Portugal']);
    expect(records[2].symbol).toBe('A/HRC/48/9');
    // No raw States (the text ends with ")." not ");"): taken from the end of the text.
    expect(records[3].recommendingStates).toEqual(['Venezuela (Bolivarian Republic of)', 'Peru', 'Mexico']);
    expect(records[3].position).toBe('noted');
    expect(records[4].recommendingStates).toEqual(['United Kingdom of Great Britain and Northern Ireland']); // not "OP-ICESCR"
    expect(records[4].position).toBe('supported_in_part');
    expect(records[4].affectedPersons).toEqual([]);
  });
});

describe('parseUprMatrixJsonl issues and errors', () => {
  it('reports a line that is not JSON and reads the others', async () => {
    const { records, issues } = await parse([line(), '{"cycle": 3, "text": "cut', line({ paragraph: '121.2' })].join('\n'));
    expect(records.map((r) => [r.line, r.paragraph])).toEqual([
      [1, '121.1'],
      [3, '121.2'],
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 2, field: 'line' });
    expect(inEnglish(issues)[0].reason).toMatch(/^not valid JSON \(/);
  });

  it('reports unreadable fields', async () => {
    const { records, issues } = await parse(
      [
        line({ position: 'Pending' }),
        line({ state_under_review: '', text: '  ' }),
        line({ sdgs: ['PEACE'], session: 'spring', cycle: 'x' }),
        '[1, 2]',
      ].join('\r\n'),
    );
    expect(records).toEqual([]);
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [1, 'position'],
      [2, 'state_under_review'],
      [2, 'text'],
      [3, 'session'],
      [3, 'cycle'],
      [3, 'sdgs'],
      [4, 'line'],
    ]);
  });

  it('derives the cycle from the session and the paragraph from the text when they are missing', async () => {
    const { records } = await parse(line({ cycle: null, session: '41st session', paragraph: '', text: '97.3 Ratify the Convention (Chile);' }));
    expect([records[0].cycle, records[0].session, records[0].paragraph, records[0].text]).toEqual([4, 41, '97.3', 'Ratify the Convention (Chile);']);
  });

  it('throws a file error when no line parses, when no object is a matrix record, or when the file is empty', async () => {
    await expect(parse('not json\nnor this\n')).rejects.toThrow(new ImportFileError(importReason('not_json_lines')));
    await expect(parse('{"AnnotationId": "x"}\n')).rejects.toThrow(/not UPR matrix JSON lines/);
    await expect(parse('\n\n')).rejects.toThrow(/the file is empty/);
    await expect(parseUprMatrixJsonl(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'x.jsonl')).rejects.toThrow(/not UTF-8/);
  });
});

describe('recommendingStates', () => {
  it('splits and filters the raw parentheticals, else reads the end of the text', () => {
    expect(recommendingStates(['Senegal, Sierra Leone, Venezuela (Bolivarian Republic of),Peru, Uruguay'], '')).toEqual([
      'Senegal',
      'Sierra Leone',
      'Venezuela (Bolivarian Republic of)',
      'Peru',
      'Uruguay',
    ]);
    expect(recommendingStates(['ICRMW', 'Iran (Islamic Republic of)'], '')).toEqual(['Iran (Islamic Republic of)']);
    expect(recommendingStates([], 'Establish a procedure (Costa Rica).')).toEqual(['Costa Rica']);
    expect(recommendingStates([], 'No State named here.')).toEqual([]);
  });
});

describe.skipIf(!existsSync(SLOVENIA))('the real Slovenia UPR matrix, cycles 2–3 (needs ../shared/data/uhri-thematic-slovenia)', () => {
  it('reads all 378 recommendations without issues, with consistent fields', async () => {
    const content = readFileSync(SLOVENIA);
    const raw = content
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const { records, issues } = await parseUprMatrixJsonl(content, 'slovenia.jsonl');
    expect(issues).toEqual([]);
    expect(records).toHaveLength(raw.length);
    expect(records.length).toBe(378);

    const byCycle = (c: number) => records.filter((r) => r.cycle === c).length;
    expect(byCycle(2)).toBe(raw.filter((r) => r.cycle === 2).length);
    expect(byCycle(3)).toBe(raw.filter((r) => r.cycle === 3).length);
    expect(byCycle(2) + byCycle(3)).toBe(378);

    records.forEach((r, i) => {
      const source = raw[i];
      expect(r.countries).toEqual(['Slovenia']);
      expect(r.paragraph).toBe(source.paragraph);
      expect(r.paragraph).toMatch(/^\d{1,3}\.\d{1,3}$/);
      expect(r.position).toBe(String(source.position).toLowerCase());
      expect(r.positionSource).toBe(source.source_of_position);
      expect(r.symbol).toMatch(/^A\/HRC\/(28|43)\/15$/);
      expect(r.session).toBe(r.cycle === 2 ? 20 : 34);
      // Every recommendation names at least one recommending State, each found in its text, none a treaty.
      expect(r.recommendingStates?.length, r.paragraph ?? '').toBeGreaterThan(0);
      for (const state of r.recommendingStates ?? []) {
        expect(r.text).toContain(state);
        expect(state).not.toMatch(/\d|^[A-Z-]+$/);
      }
      // SDGs are goal codes (cycle 2 had none); themes pass through as written, coded ones included.
      for (const code of r.sdgs ?? []) expect(Number(code)).toBeGreaterThanOrEqual(1);
      // (the source lists a goal twice in two records: codes are kept once)
      expect(r.sdgs).toEqual([...new Set((source.sdgs as string[]).map((s) => s.split(' - ')[0]))]);
      if (r.cycle === 2) expect(r.sdgs).toEqual([]);
      expect(r.themes).toEqual(source.themes);
    });
    expect(records.some((r) => (r.themes ?? []).some((t) => /^[A-Z]\d{1,2} /.test(t)))).toBe(true);
    expect(records.some((r) => r.recommendingStates!.length > 1)).toBe(true);
  });
});
