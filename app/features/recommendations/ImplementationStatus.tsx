import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from '../../i18n';
import { getRecommendationStatus } from '../../api/followup';
import type { Assessment } from '../../api/types';
import { formatDate } from '../../lib/format';
import type { AssessorKind } from '../../../shared/status';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

// Only the secretariat assesses: nobody else downloads the form.
const AssessForm = lazy(() => import('./AssessForm'));

/** shared/status.ts's list (that module loads zod, so it is repeated here), in display order. */
const ASSESSOR_KINDS: readonly AssessorKind[] = ['government', 'nhri', 'civil_society', 'mechanism'];

/**
 * A recommendation's implementation status, for everyone: the government's
 * latest assessment with its date and reason, its earlier ones behind a
 * disclosure, and the latest assessment of each other assessor beside it.
 */
export function ImplementationStatus({ recommendationId, csrf }: { recommendationId: number; csrf: string | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const status = useQuery({
    queryKey: keys.recommendationStatus(recommendationId, locale),
    queryFn: ({ signal }) => getRecommendationStatus(recommendationId, locale, signal),
  });
  const government = status.data?.current.government ?? null;
  const earlier = (status.data?.history ?? []).filter((item) => item.assessor_kind === 'government' && item.id !== government?.id);
  const others = ASSESSOR_KINDS.filter((kind) => kind !== 'government')
    .map((kind) => status.data?.current[kind] ?? null)
    .filter((item): item is Assessment => item !== null);

  return (
    <section aria-labelledby="status-heading" className="implementation-status">
      <h2 id="status-heading">{t('status.heading')}</h2>
      {status.isPending && <p role="status">{t('status.loading')}</p>}
      {status.isError && <p className="muted">{t('status.error')}</p>}
      {status.data && (
        <div className="status-columns">
          <div className="status-current" data-assessor="government">
            <h3>{t('status.assessors.government')}</h3>
            {government ? <AssessmentView assessment={government} /> : <p className="muted">{t('status.notAssessed')}</p>}
            {earlier.length > 0 && (
              <details className="status-history">
                <summary>{t('status.earlier', { number: earlier.length })}</summary>
                <ol className="history">
                  {earlier.map((item) => <li key={item.id}><AssessmentView assessment={item} /></li>)}
                </ol>
              </details>
            )}
          </div>
          {others.length > 0 && (
            <div className="status-others">
              <h3>{t('status.othersHeading')}</h3>
              <ul className="plain-list">
                {others.map((item) => (
                  <li key={item.id} data-assessor={item.assessor_kind}>
                    <p className="status-assessor">{t(`status.assessors.${item.assessor_kind}`)}</p>
                    <AssessmentView assessment={item} />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {csrf && (
        <Suspense fallback={<p role="status">{t('workspace.loadingList')}</p>}>
          <AssessForm recommendationId={recommendationId} csrf={csrf} />
        </Suspense>
      )}
    </section>
  );
}

function AssessmentView({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p>
        <span className={`badge status-step status-${assessment.status.key}`}>{assessment.status.label}</span>{' '}
        <span className="muted small">
          {t('status.assessedOn', { date: formatDate(assessment.assessed_on, i18n.language) })}
        </span>
      </p>
      <p className="status-reason">{assessment.reason}</p>
    </>
  );
}
