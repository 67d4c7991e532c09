import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { listActions } from '../../api/workspace';
import { formatDate, formatNumber } from '../../lib/format';
import { EvidenceList } from '../../components/EvidenceList';
import { typeLabel } from '../../lib/action-model';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

/**
 * The published actions that answer a recommendation, for everyone, with
 * their evidence: one request, the list carries each report's evidence.
 */
export function PublishedActions({ recommendationId }: { recommendationId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const list = useQuery({
    queryKey: keys.actions.list({ recommendation_id: recommendationId, state: ['published'] }, locale),
    queryFn: ({ signal }) => listActions({ recommendation_id: recommendationId, state: ['published'], page_size: 20 }, locale, signal),
  });
  const items = list.data?.items ?? [];

  return (
    <section aria-labelledby="actions-heading" className="published-actions">
      <h2 id="actions-heading">{t('publicActions.heading')}</h2>
      {list.isPending && <p role="status">{t('publicActions.loading')}</p>}
      {list.isError && <p className="muted">{t('publicActions.error')}</p>}
      {list.data && items.length === 0 && <p className="muted">{t('publicActions.none')}</p>}
      {items.map((item) => {
        const headingId = `published-action-${item.id}`;
        return (
          <article key={item.id} className="rec-text published-action" aria-labelledby={headingId}>
            <h3 id={headingId} lang={item.title_language}>{item.title}</h3>
            <ul className="result-meta">
              <li className="result-mechanism">{item.institution.name}</li>
              <li>{typeLabel(t, item.action_type)}</li>
              {(item.start_date || item.end_date) && (
                <li>
                  {t('publicActions.period', {
                    start: item.start_date ? formatDate(item.start_date, locale) : '…',
                    end: item.end_date ? formatDate(item.end_date, locale) : '…',
                  })}
                </li>
              )}
              {item.progress !== null && (
                <li>{t('publicActions.progress', { value: formatNumber(item.progress, locale) })}</li>
              )}
            </ul>
            {item.description && <p lang={item.description_language}>{item.description}</p>}
            <h4 className="small">{t('action.evidence.heading')}</h4>
            <EvidenceList evidence={item.evidence} />
          </article>
        );
      })}
    </section>
  );
}
