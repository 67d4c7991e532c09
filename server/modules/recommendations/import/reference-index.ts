/**
 * In-memory lookup of reference data for one import: every alias a source may
 * use for a mechanism, a State or a vocabulary term, normalised.
 */
import type pg from 'pg';
import { normaliseLabel } from '../../../../shared/labels';

export const LABEL_VOCABULARIES = ['theme', 'affected_persons', 'upr_info_issue'] as const;
export type LabelVocabulary = (typeof LABEL_VOCABULARIES)[number];

export interface ReferenceIndex {
  mechanisms: Map<string, { id: number; code: string }>;
  countries: Map<string, string>;
  terms: Record<LabelVocabulary, Map<string, number>>;
  sdgGoals: Set<number>;
  sdgTargets: Set<string>;
  sessionYears: Map<number, { cycle: number; year: number }>;
  /** normaliseLabel, remembered: a file repeats a few hundred labels tens of thousands of times. */
  normalise: (label: string) => string;
}

function memoised(fn: (label: string) => string): (label: string) => string {
  const seen = new Map<string, string>();
  return (label) => {
    let value = seen.get(label);
    if (value === undefined) {
      value = fn(label);
      seen.set(label, value);
    }
    return value;
  };
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function loadReferenceIndex(db: Queryable): Promise<ReferenceIndex> {
  // One after another: a transaction's client runs one query at a time.
  // A retired mechanism takes no new recommendations: its aliases match nothing.
  const mechanisms = await db.query('select a.alias, m.id, m.code from mechanism_alias a join mechanism m on m.id = a.mechanism_id where m.retired_at is null');
  const countries = await db.query('select alias, iso3 from country_alias');
  // A retired term is given to no new label: its aliases match nothing.
  const terms = await db.query(`select a.vocabulary, a.alias, a.term_id from vocabulary_alias a
    join vocabulary_term t on t.id = a.term_id where t.retired_at is null`);
  const goals = await db.query('select number from sdg_goal');
  const targets = await db.query('select code from sdg_target');
  const sessions = await db.query('select number, cycle, year from upr_session');
  const index: ReferenceIndex = {
    mechanisms: new Map(mechanisms.rows.map((r) => [r.alias, { id: r.id, code: r.code }])),
    countries: new Map(countries.rows.map((r) => [r.alias, r.iso3])),
    terms: { theme: new Map(), affected_persons: new Map(), upr_info_issue: new Map() },
    sdgGoals: new Set(goals.rows.map((r) => r.number)),
    sdgTargets: new Set(targets.rows.map((r) => r.code)),
    sessionYears: new Map(sessions.rows.map((r) => [r.number, { cycle: r.cycle, year: r.year }])),
    normalise: memoised(normaliseLabel),
  };
  for (const row of terms.rows) index.terms[row.vocabulary as LabelVocabulary]?.set(row.alias, row.term_id);
  return index;
}

export function lookupCountry(index: ReferenceIndex, label: string): string | undefined {
  return index.countries.get(index.normalise(label));
}
