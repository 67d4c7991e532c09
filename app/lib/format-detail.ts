/**
 * Formatters that only lazily loaded pages need (the workspace, published
 * actions), kept apart from format.ts so that the first bundle does not carry them.
 */
import { formatNumber } from './format';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant ("2026-03-02T14:05:00Z") as a date and time in the reader's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(locale, format);
  }
  return format.format(date);
}

/** 123456 → "121 KB"; files are small enough that KB and MB suffice. */
export function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024), locale)} KB`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, locale)} MB`;
}

/** Today as a calendar day ("2026-03-02") in the reader's time zone, for date fields' defaults. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
