import { describe, expect, it } from 'vitest';
import { compositionProblems, DEFAULT_COMMITTEE_RULE, termEnd, termState, type Seat } from './committee';
import { agendaDeadline, agendaInTime, earliestMeetingDate, yearsWithoutMeeting } from './meetings';

const seat = (state: string, region: string, status: Seat['status'] = 'member'): Seat => ({ state, region, status });
const PRY = seat('PRY', 'GRULAC');
const MAR = seat('MAR', 'African Group');
const PRT = seat('PRT', 'WEOG');
const ARG = seat('ARG', 'GRULAC');
const KAZ = seat('KAZ', 'Asia-Pacific Group');
const GEO = seat('GEO', 'Eastern European Group');

describe('the Executive Committee', () => {
  it('accepts 3 to 5 members from different regions with a Coordinator among them', () => {
    expect(compositionProblems([PRY, MAR, PRT], 'PRY')).toEqual([]);
    expect(compositionProblems([PRY, MAR, PRT, KAZ, GEO], 'MAR')).toEqual([]);
  });

  it('refuses each broken rule and says which', () => {
    expect(compositionProblems([PRY, MAR, PRT, ARG], 'PRY')).toEqual([
      { code: 'region_over_limit', region: 'GRULAC', states: ['ARG', 'PRY'], limit: 1 },
    ]);
    expect(compositionProblems([PRY, MAR, PRT, KAZ, GEO, seat('FJI', 'Pacific')], 'PRY')).toEqual([
      { code: 'too_many_seats', seats: 6, max: 5 },
    ]);
    expect(compositionProblems([PRY, MAR], 'PRY')).toEqual([{ code: 'too_few_seats', seats: 2, min: 3 }]);
    expect(compositionProblems([PRY, MAR, PRT], 'ARG')).toEqual([{ code: 'coordinator_not_on_committee', state: 'ARG' }]);
    expect(compositionProblems([PRY, MAR, seat('ECU', 'Other', 'observer')], 'PRY')).toEqual([{ code: 'observer_seated', state: 'ECU' }]);
    expect(compositionProblems([PRY, MAR, PRT], null)).toEqual([{ code: 'no_coordinator' }]);
    expect(compositionProblems([PRY, MAR, PRT, PRY], 'PRY')).toEqual([{ code: 'state_seated_twice', state: 'PRY' }]);
  });

  it('applies the regional rule the Network adopted instead of the default', () => {
    const twoPerRegion = { ...DEFAULT_COMMITTEE_RULE, max_seats_per_region: 2 };
    expect(compositionProblems([PRY, MAR, PRT, ARG], 'PRY', twoPerRegion)).toEqual([]);
    expect(compositionProblems([PRY, ARG, seat('URY', 'GRULAC')], 'PRY', twoPerRegion)).toEqual([
      { code: 'region_over_limit', region: 'GRULAC', states: ['ARG', 'PRY', 'URY'], limit: 2 },
    ]);
  });

  it('ends a term the day before its third anniversary, and warns 90 and 30 days before while no successor is appointed', () => {
    expect(termEnd('2026-03-10')).toBe('2029-03-09');
    expect(termEnd('2028-02-29')).toBe('2031-02-28');
    expect(termEnd('2026-01-01')).toBe('2028-12-31');
    const term = { end: '2029-03-09', successor_appointed: false };
    expect(termState(term, '2028-12-08')).toEqual({ state: 'active', warnings: [] }); // 91 days left
    expect(termState(term, '2028-12-09')).toEqual({ state: 'active', warnings: [90] });
    expect(termState(term, '2029-02-07')).toEqual({ state: 'active', warnings: [30, 90] });
    expect(termState(term, '2029-03-09')).toEqual({ state: 'active', warnings: [30, 90] }); // its last day
    expect(termState(term, '2029-03-10')).toEqual({ state: 'expired', warnings: [] });
    expect(termState({ ...term, successor_appointed: true }, '2029-02-07')).toEqual({ state: 'active', warnings: [] });
  });
});

/** Dates from `from` for `days` days. */
function* days(from: string, count: number): Generator<string> {
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let i = 0; i < count; i++) yield new Date(start + i * 86_400_000).toISOString().slice(0, 10);
}

/**
 * "At least one calendar month before", written independently: the agenda's month is two or more
 * months earlier, or it is the month before and its day is not later than the meeting's day.
 */
function independentInTime(sent: string, meeting: string): boolean {
  const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  const day = (date: string) => Number(date.slice(8, 10));
  return month(sent) + 1 < month(meeting) || (month(sent) + 1 === month(meeting) && day(sent) <= day(meeting));
}

describe('the agenda of a meeting', () => {
  it('must be sent one calendar month before: 2026-03-10 needs it by 2026-02-10', () => {
    expect(agendaDeadline('2026-03-10')).toBe('2026-02-10');
    expect(agendaInTime('2026-02-10', '2026-03-10')).toBe(true);
    expect(agendaInTime('2026-02-11', '2026-03-10')).toBe(false);
    expect(earliestMeetingDate('2026-02-11')).toBe('2026-03-11');
    expect(agendaDeadline('2026-03-31')).toBe('2026-02-28');
    expect(agendaDeadline('2028-03-31')).toBe('2028-02-29');
    expect(agendaDeadline('2026-01-15')).toBe('2025-12-15');
    expect(earliestMeetingDate('2026-01-31')).toBe('2026-03-01');
    expect(earliestMeetingDate('2026-12-20')).toBe('2027-01-20');
  });

  it('agrees with the independent reading for every agenda date of seven years and every meeting within 70 days', () => {
    let pairs = 0;
    const disagreements: string[] = [];
    for (const sent of days('2024-01-01', 7 * 366)) {
      const earliest = earliestMeetingDate(sent);
      for (const meeting of days(sent, 70)) {
        const inTime = agendaInTime(sent, meeting);
        if (inTime !== independentInTime(sent, meeting)) disagreements.push(`${sent} for ${meeting}: ${inTime}`);
        // The earliest date is the first day it is in time, and every later day is too.
        if (inTime !== meeting >= earliest) disagreements.push(`${sent} for ${meeting}: earliest ${earliest}`);
        pairs++;
      }
    }
    expect(disagreements).toEqual([]);
    expect(pairs).toBe(7 * 366 * 70);
  });

  it('lists the years with no meeting', () => {
    expect(yearsWithoutMeeting(['2025-05-02', '2027-03-10', '2027-11-01'], 2025, 2028)).toEqual([2026, 2028]);
  });
});
