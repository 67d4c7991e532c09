/**
 * The Executive Committee (Asunción Declaration): 3 to 5 member States from different
 * geographical regions, appointed at a Network meeting for 3 years; it appoints one of its
 * members Coordinator. The regional rule is a setting the Network can change by decision: by
 * default no two seats from one UN regional group.
 */

export interface CommitteeRule {
  min_seats: number;
  max_seats: number;
  /** At most this many seats from one UN regional group. */
  max_seats_per_region: number;
}

export const DEFAULT_COMMITTEE_RULE: CommitteeRule = { min_seats: 3, max_seats: 5, max_seats_per_region: 1 };

export const TERM_YEARS = 3;
/** Days before a term's end when the hub secretariat and the Committee are warned, if no successor is appointed. */
export const TERM_WARNING_DAYS = [90, 30] as const;

export interface Seat {
  state: string;
  /** UN regional group (reference data: countries.csv, un_regional_group). */
  region: string;
  status: 'member' | 'observer';
}

/** Why a composition breaks the rule, naming what breaks it. */
export type CompositionProblem =
  | { code: 'too_few_seats'; seats: number; min: number }
  | { code: 'too_many_seats'; seats: number; max: number }
  | { code: 'state_seated_twice'; state: string }
  | { code: 'observer_seated'; state: string }
  | { code: 'region_over_limit'; region: string; states: string[]; limit: number }
  | { code: 'no_coordinator' }
  | { code: 'coordinator_not_on_committee'; state: string };

/** Every way the composition breaks `rule` (none: it may be appointed). */
export function compositionProblems(seats: Seat[], coordinator: string | null, rule: CommitteeRule = DEFAULT_COMMITTEE_RULE): CompositionProblem[] {
  const problems: CompositionProblem[] = [];
  const states = new Set<string>();
  for (const seat of seats) {
    if (states.has(seat.state)) problems.push({ code: 'state_seated_twice', state: seat.state });
    states.add(seat.state);
  }
  const distinct = [...new Map(seats.map((seat) => [seat.state, seat])).values()];
  if (distinct.length < rule.min_seats) problems.push({ code: 'too_few_seats', seats: distinct.length, min: rule.min_seats });
  if (distinct.length > rule.max_seats) problems.push({ code: 'too_many_seats', seats: distinct.length, max: rule.max_seats });
  for (const seat of distinct) if (seat.status !== 'member') problems.push({ code: 'observer_seated', state: seat.state });
  const byRegion = new Map<string, string[]>();
  for (const seat of distinct) byRegion.set(seat.region, [...(byRegion.get(seat.region) ?? []), seat.state]);
  for (const [region, inRegion] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    if (inRegion.length > rule.max_seats_per_region) {
      problems.push({ code: 'region_over_limit', region, states: inRegion.sort(), limit: rule.max_seats_per_region });
    }
  }
  if (coordinator === null) problems.push({ code: 'no_coordinator' });
  else if (!states.has(coordinator)) problems.push({ code: 'coordinator_not_on_committee', state: coordinator });
  return problems;
}

/** A term's last day: the day before the same date three years on (2026-03-10 → 2029-03-09). */
export function termEnd(start: string): string {
  const [year, month, day] = start.split('-').map(Number);
  const end = new Date(Date.UTC(year + TERM_YEARS, month - 1, day));
  // 29 February + 3 years is 1 March in JavaScript's arithmetic: a term started on 29 February
  // ends on 28 February, the day before its anniversary (1 March).
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A term on `today`: `active` or `expired` (after its last day), and the warnings due — 90 and
 * 30 days before the last day, while no successor is appointed — newest first.
 */
export function termState(term: { end: string; successor_appointed: boolean }, today: string): { state: 'active' | 'expired'; warnings: number[] } {
  const left = daysBetween(today, term.end);
  if (left < 0) return { state: 'expired', warnings: [] };
  const warnings = term.successor_appointed ? [] : TERM_WARNING_DAYS.filter((days) => left <= days).sort((a, b) => a - b);
  return { state: 'active', warnings };
}
