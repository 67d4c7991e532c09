/**
 * What a new instance knows before anyone labels anything: the vocabularies' own labels in four
 * languages and the SDG goals' and targets' official texts (server/db/seeds/reference). Each is a
 * reference text carrying its term's key; training uses them as examples (never held back, never
 * shown as "similar recommendations").
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { readVocabularyTranslations } from '../../db/seeds/reference';
import type { LabelledText } from './suggester';
import { type Lexicon, learnLexicon, type ParallelText } from './text/lexicon';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/seeds/reference');
const LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(dir, file)), { columns: true, skip_empty_lines: true, bom: true });
}

export type ReferenceField = 'theme' | 'affected_persons' | 'upr_info_issue' | 'sdg_goal' | 'sdg_target';

/** Reference texts of a field, labelled with term keys (vocabularies), goal numbers or target codes. */
export function referenceTexts(field: ReferenceField): LabelledText[] {
  const out: LabelledText[] = [];
  const add = (text: string | undefined, language: string, key: string) => {
    if (text?.trim()) out.push({ id: -(out.length + 1), text, language, labels: [key], reference: true });
  };
  if (field === 'sdg_goal') {
    for (const r of readCsv('sdg_goals.csv')) for (const l of LANGUAGES) add(`${r[`short_${l}`]}. ${r[`title_${l}`]}`, l, r.goal);
    for (const r of readCsv('sdg_targets.csv')) for (const l of LANGUAGES) add(r[`title_${l}`], l, r.goal);
  } else if (field === 'sdg_target') {
    for (const r of readCsv('sdg_targets.csv')) for (const l of LANGUAGES) add(r[`title_${l}`], l, r.target);
  } else {
    const terms = readVocabularyTranslations().get(field) ?? new Map();
    for (const [key, label] of terms) for (const l of LANGUAGES) add(label[l], l, key);
  }
  return out;
}

/** The reference files whose texts are parallel across languages (the same row in each). */
export type ParallelSource = 'sdg_goals' | 'sdg_targets' | 'sdg_indicators' | 'vocabularies';

/**
 * The reference texts that say the same thing in English and in Spanish, French or Portuguese: the SDG goals',
 * targets' and indicators' official texts and the vocabularies' labels — what the translation lexicon
 * (learning/text/lexicon.ts) is learned from. `leaveOut` drops sources, for measuring retrieval on a source the
 * lexicon has not seen (bench/similar.ts).
 */
export function parallelReferenceTexts(leaveOut: readonly ParallelSource[] = []): ParallelText[] {
  const out: ParallelText[] = [];
  const add = (row: Record<string, string>, column: (language: string) => string) => {
    const english = row[column('en')];
    if (!english?.trim()) return;
    for (const language of LANGUAGES) {
      const text = row[column(language)];
      if (language !== 'en' && text?.trim()) out.push({ language, text, english });
    }
  };
  const use = (source: ParallelSource) => !leaveOut.includes(source);
  if (use('sdg_goals')) {
    for (const r of readCsv('sdg_goals.csv')) {
      add(r, (l) => `title_${l}`);
      add(r, (l) => `short_${l}`);
    }
  }
  if (use('sdg_targets')) for (const r of readCsv('sdg_targets.csv')) add(r, (l) => `title_${l}`);
  if (use('sdg_indicators')) for (const r of readCsv('sdg_indicators.csv')) add(r, (l) => `title_${l}`);
  if (use('vocabularies')) for (const r of readCsv('vocabulary_translations.csv')) add(r, (l) => `label_${l}`);
  return out;
}

let referenceLexiconCache: Lexicon | undefined;
/**
 * The lexicon learned from all the parallel reference texts (decision 0023), once per process (about half a second):
 * what the hub's similar index and the related scan compare texts in different languages with.
 */
export function referenceLexicon(): Lexicon {
  referenceLexiconCache ??= learnLexicon(parallelReferenceTexts());
  return referenceLexiconCache;
}
