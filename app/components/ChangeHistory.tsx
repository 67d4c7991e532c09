import { useQuery } from '@tanstack/react-query';
import type { TFunction } from '../i18n';
import { useTranslation } from '../i18n';
import { ApiError } from '../api/http';
import { getHistory } from '../api/followup';
import type { ChangeEntry, HistoryEntity } from '../api/types';
import { formatDate } from '../lib/format';
import { formatDateTime } from '../lib/format-detail';
import { changeLines } from '../lib/change-labels';
import '../lib/workspace-strings';
import { keys } from '../api/query-keys';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The name of what a row without a before-and-after is about (evidence added or removed, a measurement). */
function subject(entry: ChangeEntry, locale: string): string | null {
  const record = isRecord(entry.after) ? entry.after : isRecord(entry.before) ? entry.before : null;
  if (!record || (isRecord(entry.after) && isRecord(entry.before))) return null;
  for (const key of ['title', 'file_name']) {
    if (typeof record[key] === 'string' && record[key]) return record[key] as string;
  }
  return typeof record.measured_on === 'string' ? formatDate(record.measured_on, locale) : null;
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
    queryKey: keys.history.page(entity, String(id), locale),
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
            const lines = changeLines(entity, entry, t, locale);
            const about = subject(entry, locale);
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
                {lines.length > 0 && (
                  <ul className="changed-fields small">
                    {lines.map((line) => <li key={line.field}>{line.text}</li>)}
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
