/**
 * Dates and numbers written for a reader, in the reader's language: the web
 * app's pages and the server's documents (reports, their matrix) use these
 * same functions, so "31 de mayo de 2023" and "66,4 %" read the same in both.
 * Data columns of exports keep ISO dates and plain numbers: those are data.
 */

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** "2011-03-28" → "28 March 2011" (en) / "28 de marzo de 2011" (es); the date is a calendar day, not an instant. */
export function formatDate(isoDate: string | null | undefined, locale: string): string {
  if (!isoDate) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const format = cached(dateFormats, locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }));
  return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** 1234.5 → "1,234.5" (en) / "1234,5" (es) / "1 234,5" (fr). */
export function formatNumber(value: number, locale: string): string {
  return cached(numberFormats, locale, () => new Intl.NumberFormat(locale)).format(value);
}

/** A percentage given on a 0–100 scale: 66.4 → "66.4%" (en) / "66,4 %" (es, fr) / "66,4%" (pt). */
export function formatPercent(value: number, locale: string): string {
  return cached(numberFormats, `${locale}%`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 })).format(value / 100);
}

/** A measured value with its unit: a percentage as `formatPercent`, anything else as "1.234 personas". */
export function formatMeasure(value: number, unit: string | null | undefined, locale: string): string {
  const trimmed = (unit ?? '').trim();
  if (trimmed === '%') return formatPercent(value, locale);
  return trimmed ? `${formatNumber(value, locale)} ${trimmed}` : formatNumber(value, locale);
}
