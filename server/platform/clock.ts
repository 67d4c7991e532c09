/**
 * Calendar days: what day it is in the instance's calendar (TIME_ZONE), and
 * arithmetic on YYYY-MM-DD days (UTC, no time of day). Due dates, overdue
 * flags, reminders and "not in the future" checks all use these, so a reminder
 * and the dashboard never disagree about whether something is late.
 */

/** Today as YYYY-MM-DD. */
export type Today = () => string;

/** The calendar day of `date` in an IANA time zone, as YYYY-MM-DD. */
export function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function todayIn(timeZone: string, now: () => Date = () => new Date()): Today {
  return () => dayIn(now(), timeZone);
}

/** For code that runs without a configured calendar (tests of one module). */
export const utcToday: Today = () => new Date().toISOString().slice(0, 10);

const DAY_MS = 86_400_000;
const midnight = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((midnight(to) - midnight(from)) / DAY_MS);

/** `day` plus `days` (negative to go back). */
export const addDays = (day: string, days: number) => new Date(midnight(day) + days * DAY_MS).toISOString().slice(0, 10);

/** `day` plus `months`, on the same day of the month or the month's last day when it is shorter (2024-08-31 + 6 → 2025-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export const addYears = (day: string, years: number) => addMonths(day, 12 * years);
