import { existsSync, readdirSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportFileError, type ParsedRecommendation } from '../types';
import { parseCsv } from './csv';
import { parseUprInfoCsv, splitIssues } from './upr-info-csv';
import { inEnglish } from '../../../../test/import-issues';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const UPR_INFO = new URL('../../../../../../shared/data/upr-info-2008-2014/', import.meta.url).pathname;

/**
 * The fixtures, as UTF-8 source lines. The committed files are these lines
 * joined with CR and encoded in MacRoman, exactly as UPR Info published its
 * export (the test below checks it); they were written with
 * `writeFileSync(file, iconv.encode(lines.join('\r'), 'macintosh'))`.
 */
const RECOMMENDATION_LINES = [
  'To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session',
  'Paraguay,GRULAC,"OAS, OEI","Adopt a comprehensive law against discrimination, in line with the Constitution. ",Chile,GRULAC,"OAS, OEI",Accepted,5,"Racial discrimination,Women\'s rights",10',
  'Paraguay,GRULAC,"OAS, OEI",Strengthen the Ombudsman&#40;Defensoría del Pueblo&#41; in accordance with the Paris Principles,Côte d\'Ivoire,Africa,"AU, OIF",Accepted,4,NHRI,10',
  'Paraguay,GRULAC,"OAS, OEI","Consider the ""zero tolerance"" policy on torture &#40;including in police stations&#41;",&#40;Unknown&#41;,&#40;Unknown&#41;,,Noted,2,"Torture and other CID treatment,Detention,Justice",10',
  'Cabo Verde,Africa,"AU, OIF",Ratify the Convention on the Rights of Persons with Disabilities,Brazil,GRULAC,"OAS, OEI",Accepted,5,"Disabilities,International instruments",17',
  'Cabo Verde,Africa,"AU, OIF",Continue efforts to reduce poverty,Angola,Africa,AU,Accepted,1,"Poverty,ESC rights - general",17',
  'Cabo Verde,Africa,"AU, OIF",Abolish the death penalty  for all crimes,Australia,WEOG,"PIF, Commonwealth",Noted,5,Death penalty,28',
];
const PLEDGE_LINES = [
  'To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session',
  'Paraguay,GRULAC,"OAS, OEI","The Government commits to submitting its overdue reports to the treaty bodies before the end of 2012. ",Paraguay,GRULAC,"OAS, OEI",Voluntary Pledge,4,"Treaty bodies,UPR process",10',
  'Cabo Verde,Africa,"AU, OIF",Cabo Verde pledges to establish a national human rights institution fully compliant with the Paris Principles&#40;2014&#41;,Cabo Verde,Africa,"AU, OIF",Voluntary Pledge,5,NHRI,17',
];
const read = (name: string) => readFileSync(`${FIXTURES}${name}`);
const parse = (input: Buffer) => parseUprInfoCsv(input, 'upr-info.csv');

describe('UPR Info fixtures', () => {
  it('are in the published shape: MacRoman, CR line endings, no final line break', () => {
    for (const [name, lines] of [
      ['upr-info-sample.csv', RECOMMENDATION_LINES],
      ['upr-info-voluntary-sample.csv', PLEDGE_LINES],
    ] as const) {
      const bytes = read(name);
      expect(bytes.equals(iconv.encode(lines.join('\r'), 'macintosh'))).toBe(true);
      expect(bytes.includes(0x0a)).toBe(false);
    }
    const bytes = read('upr-info-sample.csv');
    expect(bytes.some((b) => b >= 0x80)).toBe(true); // í, ô in MacRoman
    expect(bytes.includes(Buffer.from('Defensor\x92a', 'latin1'))).toBe(true); // í is 0x92 in MacRoman
  });
});

describe('parseUprInfoCsv', () => {
  it('reads the published shape: MacRoman, CR, entities, quoted cells', async () => {
    const { records, issues } = await parse(read('upr-info-sample.csv'));
    expect(issues).toEqual([]);
    expect(records).toHaveLength(6);
    expect(records[0]).toEqual({
      line: 2,
      externalId: null,
      mechanism: 'UPR',
      kind: 'recommendation',
      countries: ['Paraguay'],
      symbol: null,
      paragraph: null,
      date: null,
      cycle: 1,
      session: 10,
      position: 'supported',
      positionSource: null,
      recommendingStates: ['Chile'],
      language: 'en',
      text: 'Adopt a comprehensive law against discrimination, in line with the Constitution.',
      uprInfoIssues: ['Racial discrimination', "Women's rights"],
      uprInfoAction: 5,
    });
    expect(records[1].text).toBe('Strengthen the Ombudsman(Defensoría del Pueblo) in accordance with the Paris Principles');
    expect(records[1].recommendingStates).toEqual(["Côte d'Ivoire"]);
    expect(records[2].text).toBe('Consider the "zero tolerance" policy on torture (including in police stations)');
    expect(records[2].position).toBe('noted');
    expect(records[2].recommendingStates).toEqual([]); // "(Unknown)" recommends nothing
    expect(records[2].uprInfoIssues).toEqual(['Torture and other CID treatment', 'Detention', 'Justice']);
    expect(records[4].uprInfoIssues).toEqual(['Poverty', 'ESC rights - general']);
    expect(records.map((r) => [r.session, r.cycle, r.uprInfoAction])).toEqual([
      [10, 1, 5],
      [10, 1, 4],
      [10, 1, 2],
      [17, 2, 5],
      [17, 2, 1],
      [28, 3, 5],
    ]);
    expect(records[5].text).toBe('Abolish the death penalty  for all crimes'); // inner spacing kept as published
  });

  it('reads voluntary pledges: kind pledge, no position, no recommending State', async () => {
    const { records, issues } = await parse(read('upr-info-voluntary-sample.csv'));
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.kind, r.position, r.recommendingStates, r.countries[0]])).toEqual([
      ['pledge', null, [], 'Paraguay'],
      ['pledge', null, [], 'Cabo Verde'],
    ]);
    expect(records[1].text).toBe('Cabo Verde pledges to establish a national human rights institution fully compliant with the Paris Principles(2014)');
  });

  it('reads the same data in UTF-8 with LF or CRLF endings', async () => {
    const expected = (await parse(read('upr-info-sample.csv'))).records;
    for (const eol of ['\n', '\r\n']) {
      const utf8 = Buffer.from(`\ufeff${RECOMMENDATION_LINES.join(eol)}${eol}`, 'utf8');
      expect((await parse(utf8)).records).toEqual(expected);
    }
  });

  it('reads the decoded copy\'s columns, with "|"-joined issues', async () => {
    const copy = [
      'source_file,row,session,state_under_review,sur_regional_group,sur_organizations,text,recommending_state,rs_regional_group,rs_organizations,response,action_category,issues',
      '10-13.csv,4771,10,Paraguay,GRULAC,"OAS, OEI",Strengthen the Ombudsman,Chile,GRULAC,"OAS, OEI",Accepted,5,Justice|NHRI',
      'voluntary.csv,20,10,Paraguay,GRULAC,"OAS, OEI",Paraguay pledges to report on time,Paraguay,GRULAC,"OAS, OEI",Voluntary Pledge,4,Treaty bodies',
    ].join('\n');
    const { records, issues } = await parse(Buffer.from(copy));
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.line, r.countries, r.recommendingStates, r.position, r.kind, r.uprInfoIssues, r.uprInfoAction])).toEqual([
      [2, ['Paraguay'], ['Chile'], 'supported', 'recommendation', ['Justice', 'NHRI'], 5],
      [3, ['Paraguay'], [], null, 'pledge', ['Treaty bodies'], 4],
    ]);
  });

  it('reports unreadable rows with the published column names, and keeps the rest', async () => {
    const lines = [
      RECOMMENDATION_LINES[0],
      ',GRULAC,,Some text,Chile,GRULAC,,Accepted,5,Justice,10',
      'Paraguay,GRULAC,,,Chile,GRULAC,,Accepted,5,Justice,10',
      'Paraguay,GRULAC,,Some text,Chile,GRULAC,,Rejected?,7,Justice,ten',
      RECOMMENDATION_LINES[1],
    ];
    const { records, issues } = await parse(iconv.encode(lines.join('\r'), 'macintosh'));
    expect(records.map((r) => r.line)).toEqual([5]);
    expect(inEnglish(issues)).toEqual([
      { line: 2, field: 'To', reason: 'To (the State under review) is empty' },
      { line: 3, field: 'Text', reason: 'Text is empty' },
      { line: 4, field: 'Response', reason: 'unknown response "Rejected?" (expected Accepted, Noted or Voluntary Pledge)' },
      { line: 4, field: 'Action', reason: 'action category must be 1 to 5, got "7"' },
      { line: 4, field: 'Session', reason: '"ten" is not a UPR session number' },
    ]);
  });

  it('names the missing columns of a file that is not a UPR Info export', async () => {
    const error = await parse(Buffer.from('To,From,Whatever\nA,B,C\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toBe('not a UPR Info CSV: missing columns Text, Response');
  });
});

describe('splitIssues', () => {
  it('splits on commas; a piece in lower case continues the previous name', () => {
    expect(splitIssues("Rights of the Child,Women's rights")).toEqual(['Rights of the Child', "Women's rights"]);
    expect(splitIssues('Justice, Detention')).toEqual(['Justice', 'Detention']);
    expect(splitIssues('Torture, cruel treatment,Detention')).toEqual(['Torture, cruel treatment', 'Detention']);
    expect(splitIssues('NHRI')).toEqual(['NHRI']);
    expect(splitIssues('HIV - Aids,ESC rights - general')).toEqual(['HIV - Aids', 'ESC rights - general']);
    expect(splitIssues('')).toEqual([]);
    expect(splitIssues('Justice|NHRI', '|')).toEqual(['Justice', 'NHRI']);
  });
});

const ORIGINALS = `${UPR_INFO}original/`;
describe.skipIf(!existsSync(ORIGINALS) || !existsSync(`${UPR_INFO}upr_info_sessions_1-20.utf8.csv`))(
  'the real UPR Info export, sessions 1–20 (needs ../shared/data/upr-info-2008-2014)',
  () => {
    const files = existsSync(ORIGINALS) ? readdirSync(ORIGINALS).filter((f) => f.endsWith('.csv')).sort() : [];
    const parsed = new Map<string, ParsedRecommendation[]>();

    it('parses the six original files without issues', async () => {
      for (const file of files) {
        const input = readFileSync(`${ORIGINALS}${file}`);
        const { records, issues } = await parseUprInfoCsv(input, file);
        expect(issues, file).toEqual([]);
        parsed.set(file, records);
      }
      expect(files).toHaveLength(6);
    });

    it('has the counts of stats.json: 41,066 recommendations and 947 voluntary pledges', () => {
      const stats = JSON.parse(readFileSync(`${UPR_INFO}stats.json`, 'utf8')) as {
        total: number;
        recommendations: number;
        voluntary_pledges: number;
        responses: Record<string, number>;
        action_categories: Record<string, number>;
        issues: Record<string, number>;
      };
      const all = [...parsed.values()].flat();
      const recommendations = all.filter((r) => r.kind === 'recommendation');
      const pledges = all.filter((r) => r.kind === 'pledge');
      expect(recommendations.length).toBe(stats.recommendations);
      expect(pledges.length).toBe(stats.voluntary_pledges);
      expect(all.length).toBe(stats.total);
      expect(recommendations.length).toBe(41_066);
      expect(pledges.length).toBe(947);
      expect(parsed.get('voluntary.csv')?.every((r) => r.kind === 'pledge' && r.position === null)).toBe(true);

      const count = <K extends string | number>(keys: K[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
      const positions = count(all.map((r) => r.position ?? 'pledge'));
      expect(positions.get('supported')).toBe(stats.responses.Accepted);
      expect(positions.get('noted')).toBe(stats.responses.Noted);
      expect(positions.get('pledge')).toBe(stats.responses['Voluntary Pledge']);
      const actions = count(all.map((r) => String(r.uprInfoAction)));
      expect(Object.fromEntries(actions)).toEqual(stats.action_categories);
      // Splitting Issue on commas gives exactly UPR Info's 54 issue names, with the published counts.
      const issues = count(all.flatMap((r) => r.uprInfoIssues ?? []));
      expect(issues.size).toBe(54);
      expect(Object.fromEntries(issues)).toEqual(stats.issues);
    });

    it('decodes Text exactly as the UTF-8 copy has it (0 mismatches), and the other fields too', () => {
      const copy = parseCsv(readFileSync(`${UPR_INFO}upr_info_sessions_1-20.utf8.csv`, 'utf8'));
      const header = copy[0].cells;
      const col = (name: string) => header.indexOf(name);
      const [iFile, iRow, iText, iState, iFrom, iSession, iIssues, iAction] = [
        'source_file', 'row', 'text', 'state_under_review', 'recommending_state', 'session', 'issues', 'action_category',
      ].map(col);
      const byKey = new Map<string, ParsedRecommendation>();
      for (const [file, records] of parsed) for (const r of records) byKey.set(`${file}:${r.line}`, r);

      let compared = 0;
      const mismatches: string[] = [];
      for (const { cells } of copy.slice(1)) {
        const key = `${cells[iFile]}:${cells[iRow]}`;
        const r = byKey.get(key);
        compared++;
        if (!r) {
          mismatches.push(`${key}: missing`);
          continue;
        }
        if (r.text !== cells[iText]) mismatches.push(`${key}: text ${JSON.stringify(r.text)} ≠ ${JSON.stringify(cells[iText])}`);
        if (r.countries[0] !== cells[iState]) mismatches.push(`${key}: State under review`);
        if (String(r.session) !== cells[iSession]) mismatches.push(`${key}: session`);
        if (String(r.uprInfoAction) !== cells[iAction]) mismatches.push(`${key}: action`);
        if ((r.uprInfoIssues ?? []).join('|') !== cells[iIssues]) mismatches.push(`${key}: issues`);
        const from = cells[iFrom];
        const expectedFrom = r.kind === 'pledge' || from === '(Unknown)' ? [] : [from];
        if (JSON.stringify(r.recommendingStates) !== JSON.stringify(expectedFrom)) mismatches.push(`${key}: recommending State`);
      }
      expect(compared).toBe(byKey.size);
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(mismatches.length).toBe(0);
    });

    it('reads the UTF-8 copy itself to the same records as the originals', async () => {
      const { records, issues } = await parseUprInfoCsv(readFileSync(`${UPR_INFO}upr_info_sessions_1-20.utf8.csv`), 'copy.csv');
      expect(issues).toEqual([]);
      const strip = ({ line: _line, ...rest }: ParsedRecommendation) => rest;
      const originals = [...parsed.values()].flat().map(strip);
      const fromCopy = records.map(strip);
      expect(fromCopy.length).toBe(originals.length);
      const key = (r: ReturnType<typeof strip>) => JSON.stringify(r);
      expect(fromCopy.map(key).sort()).toEqual(originals.map(key).sort());
    });
  },
);
