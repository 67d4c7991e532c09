import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parallelReferenceTexts } from '../learning/reference-texts';
import { type Lexicon, learnLexicon, normalise } from '../learning/text';
import {
  blocksOf, nearestAcrossLanguages, pairSimilarity, SCAN_SETTINGS, scanBlock, scanRecords, type ScanRecord, wordVectors,
} from './related.scan';

const record = (id: number, text: string, extra: Partial<ScanRecord> = {}): ScanRecord => ({
  id, countries: ['PRY'], mechanismId: 1, document: 'A/HRC/32/9', language: 'en', text, ...extra,
});

describe('the related scan', () => {
  it('links an acronym to the full name of its treaty, across cycles, and tells duplicates, recurrences and similar apart', () => {
    const records = [
      record(1, 'Ratify the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment', { document: 'A/HRC/17/18' }),
      record(2, 'Ratify CAT'),
      record(3, 'Ratify the CAT', { mechanismId: 2, document: 'CCPR/C/PRY/CO/4' }),
      record(4, 'Ratify the Convention against Torture'),
      record(5, 'Ratify the Optional Protocol to the Convention on the Rights of Persons with Disabilities'),
      record(6, 'Adopt a comprehensive law against all forms of discrimination'),
      record(7, 'Ratify CAT', { countries: ['URY'] }),
    ];
    const pairs = new Map(scanRecords(records).map((p) => [`${p.low}:${p.high}`, p]));
    expect(pairs.get('1:2')).toMatchObject({ kind: 'recurrence', state: 'linked' });
    expect(pairs.get('2:4')).toMatchObject({ kind: 'duplicate', state: 'linked' });
    expect(pairs.get('2:3')).toMatchObject({ kind: 'similar', state: 'linked' });
    // Another treaty, another ask; another State, another block.
    expect(pairs.has('2:5')).toBe(false);
    expect(pairs.has('5:6')).toBe(false);
    expect([...pairs.keys()].some((key) => key.split(':').includes('7'))).toBe(false);
  });

  it('finds through its inverted index exactly the pairs that comparing every pair finds', () => {
    const words = ['ratify', 'torture', 'women', 'children', 'education', 'violence', 'police', 'prison', 'disability', 'law', 'plan', 'justice'];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const block = Array.from({ length: 120 }, (_, k) => record(k + 1,
      Array.from({ length: 3 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)]).join(' '),
      { document: `doc-${k % 4}`, mechanismId: 1 + (k % 2) }));
    const settings = { ...SCAN_SETTINGS, perRecord: 1000 };
    const found = new Map(scanBlock(block, settings).map((p) => [`${p.low}:${p.high}`, p.similarity]));
    const vectors = wordVectors(block);
    const expected = new Map<string, number>();
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const similarity = pairSimilarity(vectors[i], vectors[j]);
        if (similarity >= settings.floor) expected.set(`${block[i].id}:${block[j].id}`, similarity);
      }
    }
    expect(expected.size).toBeGreaterThan(100);
    expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, similarity] of expected) expect(found.get(key)).toBeCloseTo(similarity, 3);
  });

  it('gives a State rescanned alone the same links as a scan of everything (what the job does after an edit)', () => {
    const texts = ['Ratify CAT', 'Ratify the Convention against Torture', 'Establish a national human rights institution in line with the Paris Principles',
      'Set up a national human rights institution complying with the Paris Principles', 'Abolish the death penalty', 'Consider abolishing the death penalty'];
    const records = texts.flatMap((text, k) => [
      record(k + 1, text, { document: `doc-${k % 2}` }),
      record(k + 101, text, { countries: ['URY'], document: `doc-${k % 3}` }),
      record(k + 201, `${text} and report on it`, { countries: ['PRY', 'URY'], document: 'joint' }),
    ]);
    const everything = scanRecords(records);
    const paraguay = blocksOf(records).get('PRY')!;
    const alone = scanBlock(paraguay);
    const ids = new Set(paraguay.map((r) => r.id));
    const ofParaguay = everything.filter((p) => ids.has(p.low) && ids.has(p.high));
    // A pair of two records about both States is met in both blocks; the whole scan keeps its best.
    expect(alone.filter((p) => !(p.low > 200 && p.high > 200)).sort((a, b) => a.low - b.low || a.high - b.high))
      .toEqual(ofParaguay.filter((p) => !(p.low > 200 && p.high > 200)).sort((a, b) => a.low - b.low || a.high - b.high));
    expect(alone.length).toBeGreaterThan(3);
  });

  it('finds the Spanish and French counterparts of the official SDG target texts (acc@1 ≥ 0.95), and proposes such pairs only as candidates', () => {
    const rows = parseCsv(fs.readFileSync(path.resolve(import.meta.dirname, '../../db/seeds/reference/sdg_targets.csv')), { columns: true }) as Record<string, string>[];
    const block: ScanRecord[] = [];
    for (const language of ['en', 'es', 'fr']) {
      for (const row of rows) block.push(record(block.length + 1, row[`title_${language}`], { language, document: row.target }));
    }
    // The lexicon (decision 0023) learned without the targets: it has never read these texts.
    const nearest = nearestAcrossLanguages(block, 0, learnLexicon(parallelReferenceTexts(['sdg_targets'])));
    const accuracy = (from: string, to: string) => {
      const sources = block.map((r, i) => [r, i] as const).filter(([r]) => r.language === from);
      const hits = sources.filter(([r, i]) => block[nearest[i].get(to)![0]].document === r.document).length;
      return hits / sources.length;
    };
    expect(rows.length).toBe(169);
    for (const [from, to] of [['es', 'en'], ['fr', 'en'], ['en', 'es'], ['en', 'fr'], ['es', 'fr'], ['fr', 'es']]) {
      expect(accuracy(from, to), `${from} → ${to}`).toBeGreaterThanOrEqual(0.95);
    }
    // A Spanish recommendation and its English counterpart in one State's catalogue: a candidate, never linked by itself.
    const pair = scanRecords([
      record(1, 'Ratificar el Protocolo Facultativo de la Convención contra la Tortura y establecer el mecanismo nacional de prevención', { language: 'es', mechanismId: 2, document: 'CAT/C/PRY/CO/7' }),
      record(2, 'Ratify the Optional Protocol to the Convention against Torture and establish the national preventive mechanism'),
      record(3, 'Adopt a comprehensive law against all forms of discrimination'),
    ]);
    expect(pair).toEqual([expect.objectContaining({ low: 1, high: 2, kind: 'similar', state: 'candidate' })]);
  });

  it('finds more of the SDG indicators\' counterparts with the lexicon than with character n-grams alone', () => {
    const rows = parseCsv(fs.readFileSync(path.resolve(import.meta.dirname, '../../db/seeds/reference/sdg_indicators.csv')), { columns: true }) as Record<string, string>[];
    const block: ScanRecord[] = [];
    for (const language of ['en', 'es', 'fr']) {
      for (const row of rows) block.push(record(block.length + 1, row[`title_${language}`], { language, document: row.indicator }));
    }
    const english = new Map(rows.map((row) => [row.indicator, normalise(row.title_en)]));
    const accuracy = (lexicon: Lexicon | null) => {
      const nearest = nearestAcrossLanguages(block, 0, lexicon);
      const sources = block.map((r, i) => [r, i] as const).filter(([r]) => r.language === 'es');
      // Right: the counterpart, or an indicator the list repeats with the same text.
      const hits = sources.filter(([r, i]) => normalise(block[nearest[i].get('en')![0]].text) === english.get(r.document)).length;
      return hits / sources.length;
    };
    const without = accuracy(null);
    const withLexicon = accuracy(learnLexicon(parallelReferenceTexts(['sdg_indicators'])));
    expect(without).toBeLessThan(0.86);
    expect(withLexicon).toBeGreaterThan(0.9);
  });
});
