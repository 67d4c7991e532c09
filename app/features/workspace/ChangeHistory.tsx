import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { getHistory } from '../../api/followup';
import type { ChangeEntry, HistoryEntity } from '../../api/types';
import { formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import './strings';

/** Bookkeeping columns that change with every write: listing them would hide the real change. */
const NOISE = new Set(['version', 'updated_at', 'updated_by', 'created_at', 'created_by', 'id']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The fields whose values differ between before and after (a shallow comparison). */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !NOISE.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * A value as a reader wants to see it: text, a number, a list of short values,
 * or a translated text in the reader's language. Null when it does not read
 * well in one line (nested records): then only the field's name is shown.
 */
function readable(value: unknown, t: TFunction, locale: string): string | null {
  if (value === null || value === undefined || value === '') return t('history.empty');
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'string') return value.length > 160 ? `${value.slice(0, 157)}…` : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return t('history.empty');
    return value.every((item) => typeof item === 'string' || typeof item === 'number') && value.length <= 12 ? value.join(', ') : null;
  }
  if (isRecord(value)) {
    // Translatable texts ({ "es": "…", "en": "…" }): the reader's language, else the first.
    const texts = Object.values(value);
    if (texts.length > 0 && texts.every((text) => typeof text === 'string')) {
      return readable(value[locale] ?? texts[0], t, locale);
    }
  }
  return null;
}

/** The name of what a row without a before-and-after is about (evidence added or removed, a measurement). */
function subject(entry: ChangeEntry): string | null {
  const record = isRecord(entry.after) ? entry.after : isRecord(entry.before) ? entry.before : null;
  if (!record || (isRecord(entry.after) && isRecord(entry.before))) return null;
  for (const key of ['title', 'file_name', 'measured_on']) {
    if (typeof record[key] === 'string' && record[key]) return record[key] as string;
  }
  return null;
}

function actorName(t: TFunction, entry: ChangeEntry): string {
  if (entry.actor.display_name) return entry.actor.display_name;
  return t(`history.actorKind.${entry.actor.kind}`);
}

/**
 * A record's change history, newest first: who did what when, and which
 * fields changed, from the audit log. The server decides who may read it; a
 * refusal shows as a short notice.
 */
export function ChangeHistory({ entity, id }: { entity: HistoryEntity; id: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const history = useQuery({
    queryKey: ['history', entity, String(id), locale],
    queryFn: ({ signal }) => getHistory(entity, id, locale, signal),
    staleTime: 0,
  });
  const headingId = `changes-heading-${entity}`;

  return (
    <section aria-labelledby={headingId} className="panel change-history">
      <h2 id={headingId}>{t('history.heading')}</h2>
      {history.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {history.isError && (
        <p className="muted">{history.error instanceof ApiError ? history.error.message : t('auth.genericError')}</p>
      )}
      {history.data && history.data.items.length === 0 && <p>{t('history.none')}</p>}
      {history.data && history.data.items.length > 0 && (
        <ol className="history">
          {history.data.items.map((entry, index) => {
            const fields = changedFields(entry.before, entry.after);
            const about = subject(entry);
            return (
              <li key={`${entry.at}-${index}`} className="change-entry">
                <p>
                  <strong>{t(`history.actions.${entry.action}`, { defaultValue: entry.action.replaceAll('_', ' ') })}</strong>
                  {about && <>: <span>{about}</span></>}{' '}
                  <span className="muted">
                    {t('action.history.by', { actor: actorName(t, entry) })} ·{' '}
                    <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
                  </span>
                </p>
                {fields.length > 0 && (
                  <ul className="changed-fields small">
                    {fields.map((field) => {
                      const name = t(`history.fields.${field}`, { defaultValue: field.replaceAll('_', ' ') });
                      const before = readable((entry.before as Record<string, unknown>)[field], t, locale);
                      const after = readable((entry.after as Record<string, unknown>)[field], t, locale);
                      return (
                        <li key={field}>
                          {before !== null && after !== null
                            ? t('history.changedFromTo', { field: name, before, after })
                            : t('history.changed', { field: name })}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {history.data && history.data.total > history.data.items.length && (
        <p className="muted small">{t('history.more', { shown: history.data.items.length, total: history.data.total })}</p>
      )}
    </section>
  );
}
