import { useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import { DetailPage } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { NotFoundPage } from '../../layout/NotFoundPage';
import '../../lib/workspace-strings';
import { kindLabel, statusLabel } from './labels';
import { PlanFacts } from './PlanFacts';
import { PlanTree } from './PlanTree';
import { ProgressTables } from './ProgressTables';
import { usePublicPlan, usePublicProgress } from './queries';

/** An adopted plan, for everyone: its objectives, activities, responsible institutions, progress and linked recommendations. */
export default function PublicPlanPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const plan = usePublicPlan(id, locale);
  const progress = usePublicProgress(id, locale);
  useDocumentTitle(plan.data?.title ?? t('plans.public.title'), t('app.name'));
  const back = { to: `/${locale}/plans`, label: t('plans.public.back') };
  return (
    <QueryBoundary query={plan} back={back} className="page" loading={t('workspace.loading')} title={t('plans.public.title')} errorTitle={t('plans.loadError')} notFound={<NotFoundPage />}>
      {(detail) => (
        <DetailPage
          title={<span lang={detail.title_language}>{detail.title}</span>}
          back={back}
          className="page portal-page public-plan-page"
          intro={<p className="eyebrow">{kindLabel(t, detail.kind)} · {statusLabel(t, detail.status)}</p>}
        >
          <section className="panel" aria-labelledby="public-plan-details">
            <h2 id="public-plan-details">{t('recommendation.detailsHeading')}</h2>
            <PlanFacts plan={detail} />
          </section>
          <section className="panel" aria-labelledby="public-plan-progress">
            <h2 id="public-plan-progress">{t('plans.progressHeading')}</h2>
            {progress.data ? <ProgressTables progress={progress.data} /> : <p role="status">{t('workspace.loadingList')}</p>}
          </section>
          <section className="panel" aria-labelledby="public-plan-tree">
            <h2 id="public-plan-tree">{t('plans.tree.heading')}</h2>
            <PlanTree plan={detail} activities={detail.activities} />
          </section>
        </DetailPage>
      )}
    </QueryBoundary>
  );
}
