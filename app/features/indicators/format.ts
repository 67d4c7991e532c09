import type { TFunction } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';

/** "42 % (1 March 2024)", or a dash when there is no value. */
export function indicatorValue(t: TFunction, locale: string, point: { value: number; date: string } | null, unit: string): string {
  if (!point) return t('indicators.noValue');
  return t('indicators.valueOn', { value: formatNumber(point.value, locale), unit, date: formatDate(point.date, locale) });
}
