import type { TFunction } from 'i18next';

/** "A/HRC/17/18, para. 84.12", or a fallback when the record has no symbol. */
export function recommendationTitle(
  t: TFunction,
  rec: { id: number; symbol: string | null; paragraph: string | null },
): string {
  if (rec.symbol && rec.paragraph) return t('search.resultTitle', { symbol: rec.symbol, paragraph: rec.paragraph });
  if (rec.symbol) return rec.symbol;
  return t('search.resultTitleFallback', { id: rec.id });
}

export function positionLabel(t: TFunction, position: string | null | undefined): string {
  if (!position) return t('position.none');
  return t(`position.${position}`, { defaultValue: position });
}

export function languageName(t: TFunction, code: string): string {
  return t(`languages.${code}`, { defaultValue: code });
}
