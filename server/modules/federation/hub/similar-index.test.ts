/**
 * The similar-recommendation index's arithmetic (docs/decisions/0021-similar-across-states.md): a
 * record's similarity is the cosine of the query's TF-IDF vector with its best text's, over every
 * feature, whatever shortcuts the search takes (n-grams hashed from the characters without making
 * strings, reused arrays, lists left out). Checked against the vectors written out plainly with the
 * text module's own hashing (wordIndex, charIndex). Quality on real texts: bench/similar.ts.
 */
import { describe, expect, it } from 'vitest';
import { normalise, tokenise } from '../../learning/text';
import { charIndex, wordIndex } from '../../learning/text/features';
import { buildSimilarIndex, similarAcrossStates, type SimilarIndex, type SimilarRecord } from './similar-index';

const TEXTS: [string, string, Record<string, string>][] = [
  ['URY', 'UPR', { en: 'Ratify the Optional Protocol to the Convention against Torture (OPCAT) and establish an independent national preventive mechanism' }],
  ['URY', 'CEDAW', { en: 'Take measures to reduce maternal mortality, in particular in rural areas, and guarantee access to obstetric care' }],
  ['FRA', 'UPR', { fr: 'Ratifier le Protocole facultatif se rapportant à la Convention contre la torture et créer un mécanisme national de prévention indépendant', en: 'Ratify OPCAT and create an independent national prevention mechanism' }],
  ['FRA', 'CRC', { fr: 'Renforcer la protection des enfants contre la violence domestique et les châtiments corporels' }],
  ['PRY', 'UPR', { es: 'Ratificar el Protocolo Facultativo de la Convención contra la Tortura y establecer un mecanismo nacional de prevención independiente' }],
  ['PRY', 'UPR', { es: 'Adoptar medidas para reducir la mortalidad materna, en particular en las zonas rurales, y garantizar el acceso a la atención obstétrica' }],
  ['BRA', 'CAT', { pt: 'Ratificar o Protocolo Facultativo à Convenção contra a Tortura e criar um mecanismo nacional de prevenção independente  a  b' }],
  ['KEN', 'UPR', { en: 'Ratify the Optional Protocol to the Convention against Torture (OPCAT) and establish an independent national preventive mechanism' }],
  ['KEN', 'UPR', { en: 'Reduce maternal mortality in rural areas: obstetric care for every woman, free of charge, and skilled attendants at every birth' }],
];

const records: SimilarRecord[] = TEXTS.map(([iso3, mechanism, texts], i) => ({ iso3, id: i + 1, uhriId: null, mechanism, year: 2020, region: null, status: null, texts }));

/**
 * A text's unit vector, written out plainly: word and character 3–5-gram counts and the lexicon's pivot terms
 * (decision 0023; the language guessed when not given, as a query's is), TF-IDF, each block unit length, weighed.
 */
function plainVector(index: SimilarIndex, text: string, language?: string): Map<number, number> {
  const options = index.vectoriser.options;
  const blocks = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  for (const term of index.lexicon?.pivot(normalise(text), language) ?? []) {
    const p = wordIndex(`\u2192${term}`, options);
    blocks[2].set(p, (blocks[2].get(p) ?? 0) + 1);
  }
  for (const token of tokenise(normalise(text))) {
    const w = wordIndex(token, options);
    blocks[0].set(w, (blocks[0].get(w) ?? 0) + 1);
    const padded = ` ${token} `;
    for (let n = options.charNgrams[0]; n <= options.charNgrams[1]; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const c = charIndex(padded.slice(i, i + n), options);
        blocks[1].set(c, (blocks[1].get(c) ?? 0) + 1);
      }
    }
  }
  const vector = new Map<number, number>();
  let total = 0;
  blocks.forEach((counts, b) => {
    const weight = [1, options.charWeight, index.options.pivotWeight][b];
    let sum = 0;
    for (const [i, c] of counts) sum += ((1 + Math.log(c)) * index.vectoriser.idf[i]) ** 2;
    if (sum === 0) return;
    total += weight * weight;
    for (const [i, c] of counts) vector.set(i, ((1 + Math.log(c)) * index.vectoriser.idf[i] * weight) / Math.sqrt(sum));
  });
  for (const [i, v] of vector) vector.set(i, v / Math.sqrt(total));
  return vector;
}

function plainCosine(index: SimilarIndex, a: string, b: string, languageOfB: string): number {
  const u = plainVector(index, a);
  const v = plainVector(index, b, languageOfB);
  let sum = 0;
  for (const [i, x] of u) sum += x * (v.get(i) ?? 0);
  return sum;
}

describe('similarAcrossStates', () => {
  const index = buildSimilarIndex(records);

  it("gives each record the cosine of the query with its best text over all their features", () => {
    for (const record of records) {
      for (const text of Object.values(record.texts)) {
        const hits = similarAcrossStates(index, { text }, { excludeState: record.iso3, minSimilarity: 0, limit: 50 });
        expect(hits.length).toBeGreaterThan(0);
        for (const hit of hits) {
          const other = records[hit.id - 1];
          const best = Math.max(...Object.entries(other.texts).map(([language, t]) => plainCosine(index, text, t, language)));
          expect(hit.similarity).toBeCloseTo(best, 3);
          expect(plainCosine(index, text, other.texts[hit.language], hit.language)).toBeCloseTo(best, 3);
          expect(hit.iso3).not.toBe(record.iso3);
        }
      }
    }
  });

  it('answers a text identical to another State\'s with similarity 1, then its translations', () => {
    const hits = similarAcrossStates(index, { text: TEXTS[0][2].en }, { excludeState: 'URY' });
    expect(hits[0]).toMatchObject({ iso3: 'KEN', id: 8, similarity: 1, language: 'en' });
    expect(hits.slice(1, 4).map((h) => `${h.iso3}:${h.id}`).sort()).toEqual(['BRA:7', 'FRA:3', 'PRY:5']);
  });

  it('gives the same answers, query after query, whatever the previous query left behind', () => {
    const ask = () => records.map((r) => similarAcrossStates(index, { text: Object.values(r.texts)[0] }, { excludeState: r.iso3, mechanism: 'UPR' }));
    const first = ask();
    similarAcrossStates(index, { text: 'x' }, {});
    similarAcrossStates(buildSimilarIndex(records.slice(0, 3)), { text: TEXTS[5][2].es }, {});
    expect(ask()).toEqual(first);
    expect(first.flat().every((h) => records[h.id - 1].mechanism === 'UPR')).toBe(true);
  });
});
