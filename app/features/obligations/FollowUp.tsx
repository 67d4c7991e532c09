import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { listObligations } from '../../api/obligations';
import { formatDate } from '../../lib/format';
import { useRatifications } from './queries';
import { StatusBadge } from './StatusBadge';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

// Only the secretariat flags: nobody else downloads the form.
const FollowUpForm = lazy(() => import('./FollowUpForm'));


function useFollowUps(recommendationId: number, locale: string) {
  return useQuery({
    queryKey: keys.obligations.list({ recommendation_id: recommendationId, kind: 'follow_up' }, locale),
    queryFn: ({ signal }) => listObligations({ recommendation_id: recommendationId, kind: 'follow_up' }, locale, signal),
    select: (data) => data.items,
  });
}

/** On a recommendation page, for everyone: the committee selected it for follow-up, and the report is due then. */
export function FollowUpNotice({ recommendationId }: { recommendationId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const flagged = useFollowUps(recommendationId, locale);
  return (
    <>
      {(flagged.data ?? []).map((o) => (
        <div key={o.id} className="alert alert-info follow-up-notice" data-obligation={o.id}>
          <p>
            <strong>{o.due_on ? t('calendar.followUp.notice', { date: formatDate(o.due_on, locale) }) : t('calendar.followUp.noticeUndated')}</strong>
            {' '}<StatusBadge status={o.status} />
            {o.met_on && <> {t('calendar.metOn', { date: formatDate(o.met_on, locale) })}</>}
          </p>
          <p><Link to={`/${locale}/obligations/${o.id}`}>{t('calendar.followUp.link')}</Link></p>
        </div>
      ))}
    </>
  );
}

/** For the secretariat, on a treaty body's recommendation not flagged yet: the form that flags it for follow-up. */
export function FollowUpFlag({ recommendationId, mechanism, csrf }: { recommendationId: number; mechanism: string; csrf: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const flagged = useFollowUps(recommendationId, locale);
  // Treaty bodies are the mechanisms of the treaties in the ratifications list.
  const ratifications = useRatifications(locale);
  const treatyBody = (ratifications.data ?? []).some((r) => r.instrument.mechanism === mechanism);
  if (!treatyBody || !flagged.data || flagged.data.length > 0) return null;
  return (
    <section aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">{t('calendar.followUp.heading')}</h2>
      <Suspense fallback={<p role="status">{t('workspace.loadingList')}</p>}>
        <FollowUpForm recommendationId={recommendationId} csrf={csrf} />
      </Suspense>
    </section>
  );
}
