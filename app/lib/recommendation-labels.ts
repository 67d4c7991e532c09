import type { TFunction } from '../i18n';
import { formatDate } from './format';

/**
 * A recommendation's title: "A/HRC/17/18, para. 84.12" from its document's
 * symbol. Without a symbol (paragraphs imported from a file that gives none),
 * from what the record says of itself: "CIDH, 12 de marzo de 2021, párr. 4"
 * (mechanism, date in the reader's language, paragraph — those it has); its
 * number only when it has none of them.
 */
export function recommendationTitle(
  t: TFunction,
  rec: { id: number; symbol: string | null; paragraph: string | null; mechanism?: { label: string } | null; date?: string | null },
  locale?: string,
): string {
  if (rec.symbol && rec.paragraph) return t('search.resultTitle', { symbol: rec.symbol, paragraph: rec.paragraph });
  if (rec.symbol) return rec.symbol;
  const parts = [
    rec.mechanism?.label,
    rec.date && locale ? formatDate(rec.date, locale) : null,
    rec.paragraph ? t('search.resultParagraph', { paragraph: rec.paragraph }) : null,
  ].filter((part): part is string => Boolean(part));
  if (parts.length > 0) return parts.join(', ');
  return t('search.resultTitleFallback', { id: rec.id });
}

export function positionLabel(t: TFunction, position: string | null | undefined): string {
  if (!position) return t('position.none');
  return t(`position.${position}`, { defaultValue: position });
}

export function languageName(t: TFunction, code: string): string {
  return t(`languages.${code}`, { defaultValue: code });
}
