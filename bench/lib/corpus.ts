/**
 * The benchmark's corpora: the real UPR Info files (41,066 recommendations +
 * 947 pledges, sessions 1–20) and a synthetic top-up whose statistics follow
 * them. Nothing is hard-coded: synthetic texts are recombined at run time
 * from fragments of the real texts, and every label, State, session and
 * position is drawn from real records.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parsers } from '../../server/modules/recommendations/import/formats/detect';
import type { ReferenceIndex } from '../../server/modules/recommendations/import/reference-index';
import { reasonText } from '../../server/modules/recommendations/import/reasons';
import { mergeDuplicates, resolveRecord, type ResolvedRecommendation } from '../../server/modules/recommendations/import/resolve';
import type { ParsedRecommendation } from '../../server/modules/recommendations/import/types';
import { normaliseLabel } from '../../shared/labels';
import { seededRandom } from '../../shared/seeded-random';
import { distribution } from './stats';

export const UPR_INFO_FILES = ['1-5.csv', '6-9.csv', '10-13.csv', '14-17.csv', '17-20.csv', 'voluntary.csv'];

export interface SharedData {
  root: string;
  uprInfoDir: string;
  sloveniaFile: string;
  mechanismsFile: string;
}

export function locateSharedData(projectRoot: string): SharedData | null {
  const root = process.env.SHARED_DATA ? path.resolve(process.env.SHARED_DATA) : path.resolve(projectRoot, '../shared/data');
  const uprInfoDir = path.join(root, 'upr-info-2008-2014/original');
  if (!UPR_INFO_FILES.every((f) => fs.existsSync(path.join(uprInfoDir, f)))) return null;
  return {
    root,
    uprInfoDir,
    sloveniaFile: path.join(root, 'uhri-thematic-slovenia/slovenia_upr_thematic_cycles2-3.jsonl'),
    mechanismsFile: path.join(root, 'un-mechanisms/uhri_mechanisms.csv'),
  };
}

export interface PreparedRealCorpus {
  /** Resolved and merged per file, exactly as the importer would write them. */
  records: ResolvedRecommendation[];
  sourceRows: number;
  rejectedRows: number;
  rejectedByReason: Record<string, number>;
  parseMs: number;
  resolveMs: number;
}

/**
 * Parses and resolves the UPR Info files with the importer's own functions
 * (parse → resolve → merge per file), outside any transaction: the rows of
 * the raw-insert baseline, the samples of the synthetic corpus, and the exact
 * reasons for rejected rows (the import report caps its issue list).
 */
export async function prepareRealCorpus(files: { name: string; bytes: Buffer }[], index: ReferenceIndex): Promise<PreparedRealCorpus> {
  const records: ResolvedRecommendation[] = [];
  const reasons = new Map<string, number>();
  let sourceRows = 0;
  let rejectedRows = 0;
  let parseMs = 0;
  let resolveMs = 0;
  for (const file of files) {
    let t = performance.now();
    const parsed = await parsers['upr-info-csv'](file.bytes, file.name);
    parseMs += performance.now() - t;
    t = performance.now();
    const badLines = new Set<number>();
    const count = (field: string, reason: string) => {
      // Group by reason with the value kept: the point is to see which labels fail.
      const key = `${field}: ${reason}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    };
    for (const issue of parsed.issues) { badLines.add(issue.line); count(issue.field, reasonText(issue.reason)); }
    const resolved: ResolvedRecommendation[] = [];
    for (const record of parsed.records) {
      const result = resolveRecord(record, index, 'upr-info-csv');
      if (Array.isArray(result)) {
        badLines.add(record.line);
        for (const issue of result) count(issue.field, reasonText(issue.reason));
      } else resolved.push(result);
    }
    records.push(...mergeDuplicates(resolved));
    resolveMs += performance.now() - t;
    sourceRows += parsed.records.length + new Set(parsed.issues.map((i) => i.line)).size;
    rejectedRows += badLines.size;
  }
  const rejectedByReason = Object.fromEntries([...reasons].sort((a, b) => b[1] - a[1]));
  return { records, sourceRows, rejectedRows, rejectedByReason, parseMs, resolveMs };
}

/** Mechanism labels of the UHRI export with their record counts (267,548 records, 2026-02-04). */
export function readMechanismWeights(file: string): { label: string; weight: number }[] {
  const rows = parseCsv(fs.readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows
    .map((r) => ({ label: r.label, weight: Number(r.uhri_record_count_2026_02_04) }))
    .filter((r) => r.label && r.weight > 0);
}

export interface SyntheticSources {
  real: ResolvedRecommendation[];
  /** Parsed records of the OHCHR thematic list (real UHRI themes, affected persons, SDGs). */
  uhriLabelled: ParsedRecommendation[];
  mechanisms: { label: string; weight: number }[];
}

const CLAUSE_BREAK = /(?<=[,;:])\s+/;

/**
 * Generates synthetic ParsedRecommendations, one chunk at a time.
 *
 * - Each synthetic record starts from a real UPR Info record (its base): State
 *   under review, session and cycle, position, recommending States, UPR Info
 *   issues and action are the base's, so their joint distribution is real.
 * - Mechanism drawn from the UHRI export's record counts per body (UPR ≈ 48%,
 *   then CRC, CEDAW, CESCR, CCPR, CAT, CERD…). Non-UPR records get no session,
 *   position or recommending States, a document symbol and a date in the
 *   base's year.
 * - Themes, affected persons and SDGs copied from a random record of the
 *   OHCHR thematic list (real UHRI annotations), for every synthetic record.
 * - Text: the first words of the base's first clause, the rest of a clause of
 *   another real text on the same UPR Info issue, then further clauses of that
 *   issue up to the length of another random real text (cut at a word when a
 *   clause overshoots it), so the length distribution is the real one.
 *   English only, as the real corpus.
 */
export function* syntheticRecords(sources: SyntheticSources, index: ReferenceIndex, count: number, chunkSize: number, seed = 20_260_204) {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const real = sources.real.filter((r) => r.texts.en?.text);
  const textOf = (r: ResolvedRecommendation) => r.texts.en.text;
  const issueOf = (r: ResolvedRecommendation) => r.labels.find((l) => l.vocabulary === 'upr_info_issue')?.value ?? 'none';

  const firstClauses = new Map<string, string[]>();
  const laterClauses = new Map<string, string[]>();
  for (const r of real) {
    const clauses = textOf(r).replace(/[.;]\s*$/, '').split(CLAUSE_BREAK).map((c) => c.replace(/[,;:]$/, ''));
    const key = issueOf(r);
    if (!firstClauses.has(key)) { firstClauses.set(key, []); laterClauses.set(key, []); }
    firstClauses.get(key)!.push(clauses[0]);
    laterClauses.get(key)!.push(...clauses.slice(1));
  }
  const allLater = [...laterClauses.values()].flat();

  const mechanisms = sources.mechanisms.filter((m) => index.mechanisms.has(normaliseLabel(m.label)));
  const totalWeight = mechanisms.reduce((a, m) => a + m.weight, 0);
  const pickMechanism = () => {
    let x = random() * totalWeight;
    for (const m of mechanisms) { x -= m.weight; if (x <= 0) return m.label; }
    return mechanisms[mechanisms.length - 1].label;
  };
  const labelled = sources.uhriLabelled;

  let chunk: ParsedRecommendation[] = [];
  for (let i = 0; i < count; i++) {
    const base = pick(real);
    const key = issueOf(base);
    const targetLength = textOf(pick(real)).length;
    const headWords = pick(firstClauses.get(key)!).split(' ');
    const tailWords = pick(firstClauses.get(key)!).split(' ');
    const cut = 2 + Math.floor(random() * 3);
    let text = [...headWords.slice(0, cut), ...tailWords.slice(Math.min(cut, tailWords.length - 1))].join(' ');
    const later = (laterClauses.get(key)!.length > 20 ? laterClauses.get(key)! : allLater);
    while (text.length < targetLength) {
      const clause = pick(later);
      // Add a clause only when overshooting the target is nearer than stopping short of it.
      if (text.length + 2 + clause.length - targetLength > targetLength - text.length) break;
      text += `, ${clause}`;
    }
    if (text.length > targetLength + 15) {
      const cut = text.lastIndexOf(' ', targetLength);
      if (cut > 20) text = text.slice(0, cut);
    }
    text = `${text.replace(/[,;:\s]+$/, '')}.`;

    const mechanism = pickMechanism();
    const upr = normaliseLabel(mechanism) === 'upr';
    const labels = pick(labelled);
    const year = base.year ?? 2012;
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    chunk.push({
      line: i + 1,
      externalId: null,
      mechanism,
      kind: upr ? base.kind : 'recommendation',
      countries: base.countries,
      symbol: upr ? null : `${mechanism.replace(/\s+/g, '-').toUpperCase()}/${base.countries[0]}/CO/${1 + Math.floor(random() * 6)}`,
      paragraph: `syn.${i + 1}`,
      date: upr ? null : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      cycle: upr ? base.cycle : null,
      session: upr ? base.session : null,
      position: upr ? base.position : null,
      positionSource: null,
      recommendingStates: upr ? base.recommendingStates : [],
      language: 'en',
      text,
      themes: labels.themes ?? [],
      affectedPersons: labels.affectedPersons ?? [],
      sdgs: labels.sdgs ?? [],
      uprInfoIssues: upr ? base.labels.filter((l) => l.vocabulary === 'upr_info_issue').map((l) => l.sourceLabel) : [],
      uprInfoAction: upr ? base.uprInfoAction : null,
    });
    if (chunk.length === chunkSize) { yield chunk; chunk = []; }
  }
  if (chunk.length) yield chunk;
}

/** Resolves a synthetic chunk with the importer's resolver; any issue is a generator bug. */
export function resolveSynthetic(chunk: ParsedRecommendation[], index: ReferenceIndex): { records: ResolvedRecommendation[]; issues: string[] } {
  const records: ResolvedRecommendation[] = [];
  const issues: string[] = [];
  for (const record of chunk) {
    const result = resolveRecord(record, index, 'csv');
    if (Array.isArray(result)) issues.push(...result.map((i) => `${i.field}: ${reasonText(i.reason)}`));
    else records.push(result);
  }
  return { records, issues };
}

/** Statistics that the synthetic corpus should share with the real one. */
export function corpusStats(records: { text: string; labels: number; uprIssues: number; themes: number; sdgs: number }[]) {
  return {
    records: records.length,
    text_chars: distribution(records.map((r) => r.text.length)),
    text_words: distribution(records.map((r) => r.text.split(/\s+/).length)),
    upr_info_issues_per_record: distribution(records.map((r) => r.uprIssues)),
    themes_per_record: distribution(records.map((r) => r.themes)),
    sdg_labels_per_record: distribution(records.map((r) => r.sdgs)),
    labels_per_record: distribution(records.map((r) => r.labels)),
  };
}

export function statsOfResolved(r: ResolvedRecommendation) {
  return {
    text: r.texts[r.originalLanguage]?.text ?? '',
    labels: r.labels.length,
    uprIssues: r.labels.filter((l) => l.vocabulary === 'upr_info_issue').length,
    themes: r.labels.filter((l) => l.vocabulary === 'theme').length,
    sdgs: r.labels.filter((l) => l.vocabulary === 'sdg_goal').length,
  };
}
