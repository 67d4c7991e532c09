/**
 * A history entry's changes as a reader reads them: field names and coded
 * values (a report's state, an indicator's kind) in the reader's language,
 * dates as dates. The server says which fields changed (`changes`); this is
 * the one place that labels them.
 */
import type { TFunction } from '../i18n';
import type { ChangeEntry, HistoryEntity } from '../api/types';
import { formatDate, formatNumber } from './format';

/** Fields whose values are codes, and where their labels live, per kind of record. */
const CODED: Partial<Record<HistoryEntity, Record<string, string>>> = {
  action_report: { state: 'action.states', action_type: 'action.types', reach: 'action.reach', original_language: 'languages' },
  indicator: { kind: 'indicators.kinds', frequency: 'indicators.frequencies' },
  institution: { branch: 'portal.institution.branches' },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A value as a reader wants to see it: a label for a code, a date, a number,
 * short text, a list of short values, or a translated text in the reader's
 * language. Null when it does not read well in one line (nested records):
 * then only the field's name is shown.
 */
export function readableValue(entity: HistoryEntity, field: string, value: unknown, t: TFunction, locale: string): string | null {
  if (value === null || value === undefined || value === '') return t('history.empty');
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'string') {
    const labels = CODED[entity]?.[field];
    if (labels) return t(`${labels}.${value}`, { defaultValue: value });
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
    return value.length > 160 ? `${value.slice(0, 157)}…` : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('history.empty');
    return value.every((item) => typeof item === 'string' || typeof item === 'number') && value.length <= 12 ? value.join(', ') : null;
  }
  if (isRecord(value)) {
    // Translatable texts ({ "es": "…", "en": "…" }): the reader's language, else the first.
    const texts = Object.values(value);
    if (texts.length > 0 && texts.every((text) => typeof text === 'string')) {
      return readableValue(entity, field, value[locale] ?? texts[0], t, locale);
    }
  }
  return null;
}

/** One line per changed field: "Estado: de «Borrador» a «Enviado para validación»". */
export function changeLines(entity: HistoryEntity, entry: Pick<ChangeEntry, 'changes'>, t: TFunction, locale: string): { field: string; text: string }[] {
  return entry.changes.map(({ field, before, after }) => {
    const name = t(`history.fields.${field}`, { defaultValue: field.replaceAll('_', ' ') });
    const from = readableValue(entity, field, before, t, locale);
    const to = readableValue(entity, field, after, t, locale);
    return { field, text: from !== null && to !== null ? t('history.changedFromTo', { field: name, before: from, after: to }) : t('history.changed', { field: name }) };
  });
}
