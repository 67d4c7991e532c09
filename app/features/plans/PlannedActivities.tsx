import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { getPlannedActivities } from '../../api/plans';
import { keys } from '../../api/query-keys';
import '../../lib/workspace-strings';
import { institutionName, periodLabel } from './labels';
import { ProgressBadge } from './ProgressBadge';

/** On a recommendation's page: the activities of adopted plans that answer it, with their plan and progress. */
export function PlannedActivities({ recommendationId }: { recommendationId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const list = useQuery({
    queryKey: keys.plannedActivities(recommendationId, locale),
    queryFn: ({ signal }) => getPlannedActivities(recommendationId, locale, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="planned-heading" className="panel planned-activities">
      <h2 id="planned-heading">{t('plans.planned.heading')}</h2>
      {list.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {list.isError && <p className="muted">{t('plans.loadError')}</p>}
      {list.data && items.length === 0 && <p className="muted">{t('plans.planned.none')}</p>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((item) => {
            const period = periodLabel(item.start_date, item.end_date, locale);
            return (
              <li key={item.id} className="planned-activity" data-activity={item.id}>
                <p>
                  <strong lang={item.title_language}>{item.title}</strong> <ProgressBadge progress={item.progress} />
                </p>
                <ul className="result-meta">
                  <li>{institutionName(item.institution)}</li>
                  {period && <li>{period}</li>}
                  <li>{t('plans.planned.inPlan')} <Link to={`/${locale}/plans/${item.plan.id}`} lang={item.plan.title_language}>{item.plan.title}</Link></li>
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
