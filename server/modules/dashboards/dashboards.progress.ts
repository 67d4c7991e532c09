/**
 * Implementation status over time, from the append-only history of government
 * assessments: at each quarter end, the step of each recommendation is that of
 * its latest assessment dated on or before that day (ties: the later row).
 */

export interface Assessment { recommendation_id: number; status_key: string; assessed_on: string; id: number }

export interface QuarterCounts { quarter: string; end: string; counts: Record<string, number>; not_assessed: number }

/** Enough for twenty years of quarterly points; an assessment misdated to a distant year must not make thousands of them. */
export const MAX_QUARTERS = 80;

const pad = (n: number) => String(n).padStart(2, '0');

/** The quarter a calendar day (YYYY-MM-DD) falls in. */
export function quarterOf(day: string): { year: number; quarter: number } {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

/** The last day of a quarter, YYYY-MM-DD. */
export function quarterEnd(year: number, quarter: number): string {
  const month = quarter * 3;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(lastDay)}`;
}

/** Every quarter from the one holding `first` to the one holding `last`, in order. */
export function quartersBetween(first: string, last: string): { quarter: string; end: string }[] {
  const quarters: { quarter: string; end: string }[] = [];
  let { year, quarter } = quarterOf(first);
  const stop = quarterOf(last);
  while (year < stop.year || (year === stop.year && quarter <= stop.quarter)) {
    quarters.push({ quarter: `${year}-Q${quarter}`, end: quarterEnd(year, quarter) });
    if (++quarter > 4) { quarter = 1; year++; }
  }
  return quarters;
}

const byDateThenId = (a: Assessment, b: Assessment) =>
  (a.assessed_on < b.assessed_on ? -1 : a.assessed_on > b.assessed_on ? 1 : a.id - b.id);

/**
 * `total` recommendations, `assessments` the government assessments of some of
 * them (any order). One sweep in date order: each assessment moves its
 * recommendation from its previous step (or "not assessed") to its new one.
 */
export function progressOverTime(assessments: Assessment[], total: number, maxQuarters = MAX_QUARTERS):
  { current: Map<string, number>; notAssessed: number; quarters: QuarterCounts[]; truncated: boolean } {
  const sorted = [...assessments].sort(byDateThenId);
  const stepOf = new Map<number, string>();
  const counts = new Map<string, number>();
  const move = (a: Assessment) => {
    const before = stepOf.get(a.recommendation_id);
    if (before !== undefined) counts.set(before, (counts.get(before) ?? 0) - 1);
    counts.set(a.status_key, (counts.get(a.status_key) ?? 0) + 1);
    stepOf.set(a.recommendation_id, a.status_key);
  };
  const all = sorted.length ? quartersBetween(sorted[0].assessed_on, sorted[sorted.length - 1].assessed_on) : [];
  const kept = all.slice(Math.max(0, all.length - maxQuarters));
  const quarters: QuarterCounts[] = [];
  let next = 0;
  for (const q of kept) {
    while (next < sorted.length && sorted[next].assessed_on <= q.end) move(sorted[next++]);
    quarters.push({ ...q, counts: Object.fromEntries([...counts].filter(([, n]) => n > 0)), not_assessed: total - stepOf.size });
  }
  while (next < sorted.length) move(sorted[next++]);
  const current = new Map([...counts].filter(([, n]) => n > 0));
  return { current, notAssessed: total - stepOf.size, quarters, truncated: kept.length < all.length };
}
