/**
 * A translation lexicon learned from parallel texts (docs/decisions/0023-a-lexicon-across-languages.md):
 * which English words a Spanish, French or Portuguese word stands for, so that two texts in different
 * languages can be compared on what they say and not only on the character n-grams they happen to
 * share ("mujeres" and "women" share none).
 *
 * Learned with IBM Model 1 (Brown et al., 1993, "The Mathematics of Statistical Machine Translation"):
 * for each pair of a text and its English version, every English word is explained by one word of the
 * other text (or by none); expectation–maximisation finds the translation probabilities t(e | f) that
 * explain the pairs best. Words are folded (`normalise`) and stemmed in their language first, so that
 * "desglosada" and "desglosadas" are one entry and the English side meets the English stems.
 *
 * A text's *pivot terms* are then its meaning in English stems: an English text's own stems; another
 * language's stems each replaced by their likeliest English stems (at most `perWord`, each at least
 * `minProbability`). Numbers and treaty tokens (`cedaw`, `opcat`) are the same in every language and
 * kept as they are; a word the lexicon does not know gives nothing (its character n-grams still count
 * elsewhere).
 *
 * Pure: `learnLexicon(pairs)` and `lexicon.pivot(text, language)`.
 */
import { stemmerOf } from './features';
import { isTreatyToken, normalise, tokenise } from './normalise';

/** A text and its English version. */
export interface ParallelText {
  language: string;
  text: string;
  english: string;
}

export interface LexiconOptions {
  /** Expectation–maximisation rounds. */
  iterations: number;
  /** English stems kept per word, likeliest first. */
  perWord: number;
  /** Below this probability a translation is not kept. */
  minProbability: number;
}

export const DEFAULT_LEXICON_OPTIONS: LexiconOptions = { iterations: 8, perWord: 2, minProbability: 0.1 };

export interface Lexicon {
  /** The languages it translates from (English aside). */
  readonly languages: readonly string[];
  /** Entries: source stems with at least one translation, over all languages. */
  readonly size: number;
  /** The likeliest English stems of a stem of `language`, with their probabilities. */
  translations(language: string, stem: string): readonly (readonly [string, number])[];
  /**
   * The pivot terms (English stems, repeated as often as they occur) of a text as `normalise` returns it.
   * `language` is the text's when known; without it, the language whose vocabulary covers most of its words.
   */
  pivot(normalised: string, language?: string | null): string[];
  /** The language a normalised text is most likely written in, among English and the lexicon's languages. */
  guessLanguage(normalised: string): string;
}

const NULL_WORD = 0;

/** IBM Model 1 over pairs of word lists: t(target | source) for every pair of words that meet in a pair of texts. */
export function ibmModel1(pairs: { source: string[]; target: string[] }[], iterations: number): Map<string, Map<string, number>> {
  const sourceIds = new Map<string, number>([['', NULL_WORD]]);
  const targetIds = new Map<string, number>();
  const id = (map: Map<string, number>, word: string) => {
    let n = map.get(word);
    if (n === undefined) map.set(word, (n = map.size));
    return n;
  };
  // Each pair of words that meet in a pair of texts gets a number; a text pair is the numbers of its (target, source)
  // word pairs, target by target. t(e | f) and the counts are then arrays over those numbers.
  const WIDE = 2 ** 24; // more target words than any vocabulary: f * WIDE + e names a pair
  const pairOf = new Map<number, number>();
  const pairSource: number[] = [];
  const pairTarget: number[] = [];
  const texts = pairs.map((p) => {
    const source = [NULL_WORD, ...p.source.map((w) => id(sourceIds, w))];
    const target = p.target.map((w) => id(targetIds, w));
    const ids = new Int32Array(source.length * target.length);
    let k = 0;
    for (const e of target) {
      for (const f of source) {
        let n = pairOf.get(f * WIDE + e);
        if (n === undefined) {
          pairOf.set(f * WIDE + e, (n = pairSource.length));
          pairSource.push(f);
          pairTarget.push(e);
        }
        ids[k++] = n;
      }
    }
    return { ids, width: source.length };
  });
  const t = new Float64Array(pairSource.length).fill(1 / Math.max(1, targetIds.size));
  const counts = new Float64Array(pairSource.length);
  const totals = new Float64Array(sourceIds.size);
  for (let round = 0; round < iterations; round++) {
    counts.fill(0);
    totals.fill(0);
    for (const { ids, width } of texts) {
      for (let from = 0; from < ids.length; from += width) {
        let z = 0;
        for (let k = from; k < from + width; k++) z += t[ids[k]];
        if (z === 0) continue;
        for (let k = from; k < from + width; k++) {
          const c = t[ids[k]] / z;
          counts[ids[k]] += c;
          totals[pairSource[ids[k]]] += c;
        }
      }
    }
    for (let n = 0; n < t.length; n++) t[n] = totals[pairSource[n]] > 0 ? counts[n] / totals[pairSource[n]] : 0;
  }
  const sourceWords = [...sourceIds.keys()];
  const targetWords = [...targetIds.keys()];
  const out = new Map<string, Map<string, number>>();
  for (let n = 0; n < t.length; n++) {
    if (pairSource[n] === NULL_WORD) continue;
    const word = sourceWords[pairSource[n]];
    let row = out.get(word);
    if (!row) out.set(word, (row = new Map()));
    row.set(targetWords[pairTarget[n]], t[n]);
  }
  return out;
}

/**
 * A language's translations into English: IBM Model 1 both ways (English words explained by the language's, and
 * the reverse), each pair scored by the geometric mean of its two probabilities — a pair that only one direction
 * believes (a frequent word taking the blame for a rare one) scores low — and each word's best kept.
 */
function translationTable(pairs: { source: string[]; english: string[] }[], options: LexiconOptions): Map<string, [string, number][]> {
  const forward = ibmModel1(pairs.map((p) => ({ source: p.source, target: p.english })), options.iterations);
  const backward = ibmModel1(pairs.map((p) => ({ source: p.english, target: p.source })), options.iterations);
  const out = new Map<string, [string, number][]>();
  for (const [word, row] of forward) {
    const list: [string, number][] = [];
    for (const [english, p] of row) {
      const score = Math.sqrt(p * (backward.get(english)?.get(word) ?? 0));
      if (score >= options.minProbability) list.push([english, score]);
    }
    if (list.length) out.set(word, list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.perWord));
  }
  return out;
}

const sameInEveryLanguage = (word: string) => /\d/.test(word) || isTreatyToken(word);

/**
 * A normalised text's words stemmed in `language`. The stemmer reads the folded words (no accents): the lexicon
 * is learned and read the same way, and the similar index keeps only normalised texts.
 */
function stems(normalised: string, language: string): string[] {
  const stem = stemmerOf(language);
  const words = tokenise(normalised);
  return stem ? words.map((word) => (sameInEveryLanguage(word) ? word : stem(word))) : words;
}

/** The lexicon of `pairs` (texts in any language but English, each with its English version). */
export function learnLexicon(pairs: Iterable<ParallelText>, options: Partial<LexiconOptions> = {}): Lexicon {
  const opts = { ...DEFAULT_LEXICON_OPTIONS, ...options };
  const byLanguage = new Map<string, { source: string[]; english: string[] }[]>();
  const englishVocabulary = new Set<string>();
  for (const pair of pairs) {
    if (pair.language === 'en' || !pair.text.trim() || !pair.english.trim()) continue;
    const english = stems(normalise(pair.english), 'en');
    for (const word of english) englishVocabulary.add(word);
    let list = byLanguage.get(pair.language);
    if (!list) byLanguage.set(pair.language, (list = []));
    list.push({ source: stems(normalise(pair.text), pair.language), english });
  }
  const tables = new Map<string, Map<string, [string, number][]>>();
  for (const [language, list] of byLanguage) tables.set(language, translationTable(list, opts));
  const languages = [...tables.keys()].sort();
  const size = [...tables.values()].reduce((sum, table) => sum + table.size, 0);

  const guessLanguage = (normalised: string): string => {
    const known = (words: string[], has: (w: string) => boolean) => words.filter((w) => !sameInEveryLanguage(w) && has(w)).length;
    let best = 'en';
    let bestCount = known(stems(normalised, 'en'), (w) => englishVocabulary.has(w));
    for (const language of languages) {
      const table = tables.get(language)!;
      const count = known(stems(normalised, language), (w) => table.has(w));
      if (count > bestCount) [best, bestCount] = [language, count];
    }
    return best;
  };

  return {
    languages,
    size,
    translations: (language, stem) => tables.get(language)?.get(stem) ?? [],
    guessLanguage,
    pivot(normalised, language) {
      const lang = language && (language === 'en' || tables.has(language)) ? language : guessLanguage(normalised);
      const words = stems(normalised, lang);
      if (lang === 'en') return words;
      const table = tables.get(lang)!;
      const out: string[] = [];
      for (const word of words) {
        if (sameInEveryLanguage(word)) out.push(word);
        else for (const [english] of table.get(word) ?? []) out.push(english);
      }
      return out;
    },
  };
}
