import { describe, expect, it } from 'vitest';
import { buildSimilarIndex, similarAcrossStates, type SimilarRecord } from '../../federation/hub/similar-index';
import { parallelReferenceTexts } from '../reference-texts';
import { stemmerOf } from './features';
import { ibmModel1, learnLexicon } from './lexicon';
import { normalise } from './normalise';

const en = (word: string) => stemmerOf('en')!(word);
const es = (word: string) => stemmerOf('es')!(word);

describe('the translation lexicon (IBM Model 1)', () => {
  it('finds the translations of the textbook example, where each word is explained only by the pairs together', () => {
    // Koehn, Statistical Machine Translation, §4.2: "das Haus / the house", "das Buch / the book", "ein Buch / a book".
    const pairs = [
      { source: ['das', 'haus'], target: ['the', 'house'] },
      { source: ['das', 'buch'], target: ['the', 'book'] },
      { source: ['ein', 'buch'], target: ['a', 'book'] },
    ];
    // After one round every word is still unsure: "das" is seen with "house" and "book" as often as with "the".
    expect(Object.fromEntries(ibmModel1(pairs, 1).get('das')!)).toEqual({ the: 0.5, house: 0.25, book: 0.25 });
    const t = ibmModel1(pairs, 10);
    const best = (word: string) => [...t.get(word)!].sort((a, b) => b[1] - a[1])[0];
    expect(best('das')[0]).toBe('the');
    expect(best('buch')[0]).toBe('book');
    expect(best('haus')[0]).toBe('house');
    // The pairs together explain "book" by "Buch", which leaves "a" to "ein".
    expect(best('ein')[0]).toBe('a');
    expect(best('das')[1]).toBeGreaterThan(0.95);
    // t(· | f) is a distribution.
    for (const word of ['das', 'buch', 'haus', 'ein']) expect([...t.get(word)!.values()].reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 9);

    // The lexicon keeps what both directions believe: the same pairs as texts (one-letter words are not tokens).
    const lexicon = learnLexicon([
      { language: 'de', text: 'das Haus', english: 'the house' },
      { language: 'de', text: 'das Buch', english: 'the book' },
      { language: 'de', text: 'ein Buch', english: 'one book' },
    ], { iterations: 10 });
    expect(lexicon.languages).toEqual(['de']);
    expect(lexicon.translations('de', 'das')[0][0]).toBe('the');
    expect(lexicon.translations('de', 'buch')[0][0]).toBe(en('book'));
    expect(lexicon.translations('de', 'haus')[0][0]).toBe(en('house'));
    expect(lexicon.translations('de', 'ein')[0][0]).toBe(en('one'));
  });

  it('learned from the reference texts without the SDG indicators, reads an indicator it never saw in English stems', () => {
    const lexicon = learnLexicon(parallelReferenceTexts(['sdg_indicators']));
    expect(lexicon.languages).toEqual(['es', 'fr', 'pt']);
    expect(lexicon.translations('es', es('mujeres')).map(([word]) => word)).toContain(en('women'));
    const pivot = lexicon.pivot(normalise('Proporción de la población que utiliza servicios de suministro de agua potable'), 'es');
    expect(pivot).toEqual(expect.arrayContaining([en('population'), en('water'), en('drinking')]));
    // English is its own pivot; numbers and treaty tokens are the same in every language.
    expect(lexicon.pivot(normalise('Ratify CEDAW by 2030'), 'en')).toEqual([en('ratify'), 'cedaw', 'by', '2030']);
    expect(lexicon.pivot(normalise('Ratificar la CEDAW antes de 2030'), 'es')).toEqual(expect.arrayContaining(['cedaw', '2030']));
  });

  it('guesses the language of a text from the words it knows', () => {
    const lexicon = learnLexicon(parallelReferenceTexts());
    expect(lexicon.guessLanguage(normalise('Proporción de la población que vive por debajo del umbral nacional de pobreza'))).toBe('es');
    expect(lexicon.guessLanguage(normalise('Proportion de la population vivant au-dessous du seuil national de pauvreté'))).toBe('fr');
    expect(lexicon.guessLanguage(normalise('Proportion of population living below the national poverty line'))).toBe('en');
    expect(lexicon.guessLanguage(normalise('Proporção da população que vive abaixo da linha nacional de pobreza'))).toBe('pt');
  });

  it('lets a Spanish text find its English counterpart when they share no character n-gram that matters', () => {
    const texts = [
      'Proportion of women in managerial positions',
      'Tourism direct GDP as a proportion of total GDP and in growth rate',
      'Proportion of domestic budget funded by domestic taxes',
      'Proportion of population using safely managed drinking water services',
      'Proportion of bodies of water with good ambient water quality',
      'Debt service as a proportion of exports of goods and services',
    ];
    const records: SimilarRecord[] = texts.map((text, i) => ({
      iso3: 'ENG', id: i + 1, uhriId: null, mechanism: 'UPR', year: null, region: null, status: null, texts: { en: text },
    }));
    const lexicon = learnLexicon(parallelReferenceTexts(['sdg_indicators']));
    const ask = (query: string, pivotWeight?: number) =>
      similarAcrossStates(buildSimilarIndex(records, pivotWeight === 0 ? { pivotWeight } : { lexicon }), { text: query }, { minSimilarity: 0, limit: 1 })[0].id;
    const questions: [string, number][] = [
      ['Proporción de la población que utiliza servicios de suministro de agua potable gestionados sin riesgos', 4],
      ['Proporción de masas de agua de buena calidad', 5],
      ['Proporción del presupuesto nacional financiado por impuestos internos', 3],
    ];
    for (const [question, answer] of questions) expect(ask(question)).toBe(answer);
    // Without the lexicon the character n-grams of "proporción" and "servicios" decide, and each answer is wrong.
    for (const [question, answer] of questions) expect(ask(question, 0)).not.toBe(answer);
  });
});
