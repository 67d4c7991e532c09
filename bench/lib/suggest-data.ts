/**
 * The labelled corpora of `npm run bench:suggest`, read from ../shared/data at run time (their
 * texts are not in this repository): UPR Info's 54 issues (sessions 1–20) and OHCHR's thematic
 * list for Slovenia (UHRI themes, affected persons, SDG goals).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';

export interface LabelledRecord {
  id: number;
  text: string;
  language: string;
  session: number;
  labels: string[];
}

export function sharedDataRoot(projectRoot: string): string {
  return process.env.SHARED_DATA ? path.resolve(process.env.SHARED_DATA) : path.resolve(projectRoot, '../shared/data');
}

export const uprInfoFile = (root: string) => path.join(root, 'upr-info-2008-2014/upr_info_sessions_1-20.utf8.csv');
export const sloveniaFile = (root: string) => path.join(root, 'uhri-thematic-slovenia/slovenia_upr_thematic_cycles2-3.jsonl');

/** UPR Info recommendations (voluntary pledges left out) with their issues. */
export function readUprInfo(file: string): LabelledRecord[] {
  const rows = parseCsv(fs.readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows
    .filter((row) => row.response !== 'Voluntary Pledge')
    .map((row, i) => ({
      id: i + 1,
      text: row.text,
      language: 'en',
      session: Number(row.session),
      labels: row.issues.split('|').filter(Boolean),
    }));
}

export interface SloveniaRecord {
  id: number;
  cycle: number;
  text: string;
  themes: string[];
  affected: string[];
  sdgGoals: string[];
}

/** The Slovenia list; SDG goals as their number ("16 - PEACE, …" → "16"). */
export function readSlovenia(file: string): SloveniaRecord[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const row = JSON.parse(line) as { cycle: number; text: string; themes: string[]; affected_persons: string[]; sdgs: string[] };
      return {
        id: i + 1,
        cycle: row.cycle,
        text: row.text,
        themes: row.themes,
        affected: row.affected_persons,
        sdgGoals: row.sdgs.map((s) => s.split(' - ')[0].trim()),
      };
    });
}
