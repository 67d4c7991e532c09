/** Chart arithmetic: axis ranges with round ticks, lengths in pixels, and positions as the page reads. */
import { localeDirection } from '../../../shared/i18n/languages';

/**
 * The smallest "nice" maximum (1, 2, 2.5 or 5 times a power of ten, times the
 * tick count) at or above `max`, with its ticks from 0. `max` 0 gives one
 * step of 1, so that an empty chart still has an axis.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  // Counts are whole numbers: steps are whole too (2.5 only from 25 up).
  const whole = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough && Number.isInteger(s)) ?? Math.ceil(rough);
  const ticks: number[] = [];
  for (let value = 0; value < max + whole; value += whole) {
    ticks.push(value);
    if (value >= max) break;
  }
  return ticks;
}

/** Pixels for `value` on an axis from 0 to `max` drawn over `length` pixels; never negative, never beyond the axis. */
export function scaleLength(value: number, max: number, length: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.min(length, (value / max) * length);
}

/** Every how many categories a label fits along an axis of `length` pixels, each label `labelWidth` wide. */
export function labelEvery(categories: number, length: number, labelWidth: number): number {
  if (categories <= 0) return 1;
  return Math.max(1, Math.ceil((labelWidth * categories) / Math.max(1, length)));
}

/** A label cut to about `width` pixels of text (average character width `charWidth`), with an ellipsis when cut. */
export function fitLabel(label: string, width: number, charWidth = 7.5): string {
  const max = Math.max(4, Math.floor(width / charWidth));
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** Where a thing `length` pixels wide is drawn when it starts `at` pixels from where the page begins to read. */
export type Across = (at: number, length?: number) => number;

/** `Across` for a drawing `width` pixels wide in `locale`: measured from the right edge in a right-to-left language. */
export function across(locale: string, width: number): Across {
  return localeDirection(locale) === 'rtl' ? (at, length = 0) => width - at - length : (at) => at;
}
