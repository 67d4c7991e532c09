/**
 * Meetings of the Network: at least one a year; the Executive Committee sends the agenda to the
 * members at least one calendar month before the meeting (a meeting on 2026-03-10 needs its agenda
 * sent by 2026-02-10). A meeting whose agenda was sent later cannot be confirmed or held.
 */
import { daysBetween } from './committee';

function parts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The last day the agenda of a meeting on `meeting` may be sent: the same day of the month before,
 * or that month's last day when it is shorter (a meeting on 31 March: by 28 or 29 February).
 */
export function agendaDeadline(meeting: string): string {
  const [year, month, day] = parts(meeting);
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return iso(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Whether an agenda sent on `sent` (a date) is in time for a meeting on `meeting`. */
export function agendaInTime(sent: string, meeting: string): boolean {
  return sent <= agendaDeadline(meeting);
}

/** The earliest date a meeting can be held when its agenda is sent on `sent`. */
export function earliestMeetingDate(sent: string): string {
  const [year, month, day] = parts(sent);
  const [y, m] = month === 12 ? [year + 1, 1] : [year, month + 1];
  // The same day a month later, or the next month's first day when that month is shorter
  // (an agenda sent on 31 January: 28 February's deadline is 28 January, too early; 1 March's is 1 February).
  let candidate = day <= daysInMonth(y, m) ? iso(y, m, day) : iso(y, m + 1, 1);
  while (!agendaInTime(sent, candidate)) candidate = iso(...parts(candidate).map((n, i) => (i === 2 ? n + 1 : n)) as [number, number, number]);
  return candidate;
}

/** The years in [from, to] with no meeting held or planned (the calendar warns about them). */
export function yearsWithoutMeeting(meetingDates: string[], from: number, to: number): number[] {
  const years = new Set(meetingDates.map((date) => Number(date.slice(0, 4))));
  const missing: number[] = [];
  for (let year = from; year <= to; year++) if (!years.has(year)) missing.push(year);
  return missing;
}

export { daysBetween };
