/**
 * What day it is, in the instance's calendar (TIME_ZONE): due dates, overdue
 * flags and "not in the future" checks all ask here, so a reminder and the
 * dashboard never disagree about whether something is late.
 */
import { dayIn } from './jobs/runner';

/** Today as YYYY-MM-DD. */
export type Today = () => string;

export function todayIn(timeZone: string, now: () => Date = () => new Date()): Today {
  return () => dayIn(now(), timeZone);
}

/** For code that runs without a configured calendar (tests of one module). */
export const utcToday: Today = () => new Date().toISOString().slice(0, 10);
