/** Calendar arithmetic on YYYY-MM-DD days (UTC, no time of day). */

/** `day` plus `months`, on the same day of the month or the month's last day when it is shorter (2024-08-31 + 6 → 2025-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export const addYears = (day: string, years: number) => addMonths(day, 12 * years);

/** The day after `day`. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
