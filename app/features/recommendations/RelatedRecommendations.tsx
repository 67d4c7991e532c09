import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { keys } from '../../api/query-keys';
import { decideRelated, getRelated, type RecurrenceItem, type RelatedItem } from '../../api/related';
import { formatDate, formatNumber } from '../../lib/format';

/**
 * Recommendations that ask the same thing as this one: "also recommended by"
 * (the same review), earlier recommendations (with what the State reported on
 * them and their status) and similar ones elsewhere. Visitors see linked and
 * confirmed links; signed-in staff also the candidates, which the
 * secretariat (`csrf` given) confirms or rejects.
 */
export function RelatedRecommendations({ recommendationId, year, csrf }: { recommendationId: number; year: number | null; csrf: string | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const related = useQuery({
    queryKey: keys.recommendationRelated(recommendationId, locale),
    queryFn: ({ signal }) => getRelated(recommendationId, locale, signal),
  });
  const data = related.data;
  const empty = data && !data.duplicates.length && !data.recurrences.length && !data.similar.length;
  // Recurrences come earliest first; those from before this one are its history, the others came after it.
  const earlier = data?.recurrences.filter((r) => year === null || r.year === null || r.year <= year) ?? [];
  const later = data?.recurrences.filter((r) => !earlier.includes(r)) ?? [];

  const decide = async (item: RelatedItem, decision: 'confirm' | 'reject') => {
    setFailure(null);
    try {
      await decideRelated(recommendationId, item.id, decision, item.link.version, locale, csrf!);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : t('related.error'));
    }
    await queryClient.invalidateQueries({ queryKey: keys.recommendationRelated(recommendationId, locale) });
  };

  const item = (entry: RelatedItem, extra?: (entry: RelatedItem) => ReactNode) => {
    const headingId = `related-${entry.id}`;
    const reference = [entry.symbol, entry.paragraph && t('related.paragraph', { paragraph: entry.paragraph })].filter(Boolean).join(', ');
    return (
      <li key={entry.id} className="related-item">
        <article aria-labelledby={headingId}>
          <h4 id={headingId} className="related-title">
            <Link to={`/${locale}/recommendations/${entry.id}`}>{reference || t('related.untitled', { id: entry.id })}</Link>
          </h4>
          <ul className="result-meta">
            <li className="result-mechanism">{entry.mechanism.short ?? entry.mechanism.label}</li>
            {entry.cycle !== null && <li>{t('related.cycle', { cycle: entry.cycle })}</li>}
            {entry.year !== null && <li>{entry.year}</li>}
            {entry.recommending_states.length > 0 && (
              <li>{t('related.recommendedBy', { states: entry.recommending_states.map((s) => s.label).join(', ') })}</li>
            )}
            <li>{t('related.similarity', { value: formatNumber(Math.round(entry.similarity * 100), locale) })}</li>
            {entry.state !== 'linked' && <li><strong>{t(`related.state.${entry.state}`)}</strong></li>}
          </ul>
          <p lang={entry.text_language} className="related-text">{entry.text}</p>
          {extra?.(entry)}
          {csrf && (entry.state === 'candidate' || entry.state === 'linked') && (
            <p className="related-decision">
              <button type="button" onClick={() => void decide(entry, 'confirm')}>{t('related.confirm')}</button>{' '}
              <button type="button" onClick={() => void decide(entry, 'reject')}>{t('related.reject')}</button>
            </p>
          )}
        </article>
      </li>
    );
  };

  const followUp = (entry: RelatedItem) => {
    const recurrence = entry as RecurrenceItem;
    return (
      <div className="related-follow-up">
        <p>
          {recurrence.status
            ? t('related.status', { status: recurrence.status.label, date: formatDate(recurrence.status.assessed_on, locale) })
            : t('related.noStatus')}
        </p>
        {recurrence.actions.length > 0 ? (
          <>
            <p>{t('related.actions')}</p>
            <ul>
              {recurrence.actions.map((action) => (
                <li key={action.id}>
                  {action.title} <span className="muted small">({action.institution}{action.published_at ? `, ${formatDate(action.published_at, locale)}` : ''})</span>
                </li>
              ))}
            </ul>
          </>
        ) : <p className="muted">{t('related.noActions')}</p>}
      </div>
    );
  };

  return (
    <section aria-labelledby="related-heading" className="related-recommendations">
      <h2 id="related-heading">{t('related.heading')}</h2>
      {related.isPending && <p role="status">{t('related.loading')}</p>}
      {related.isError && <p className="muted">{t('related.error')}</p>}
      {failure && <p role="alert">{failure}</p>}
      {empty && <p className="muted">{t('related.none')}</p>}
      {data && data.duplicates.length > 0 && (
        <>
          <h3>{t('related.duplicates')}</h3>
          <ul className="related-list">{data.duplicates.map((entry) => item(entry))}</ul>
        </>
      )}
      {earlier.length > 0 && (
        <>
          <h3>{t('related.earlier')}</h3>
          <ul className="related-list">{earlier.map((entry) => item(entry, followUp))}</ul>
        </>
      )}
      {later.length > 0 && (
        <>
          <h3>{t('related.later')}</h3>
          <ul className="related-list">{later.map((entry) => item(entry, followUp))}</ul>
        </>
      )}
      {data && data.similar.length > 0 && (
        <>
          <h3>{t('related.similar')}</h3>
          <ul className="related-list">{data.similar.map((entry) => item(entry))}</ul>
        </>
      )}
    </section>
  );
}
