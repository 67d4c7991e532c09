import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { DataTable } from '../../components/DataTable';
import { DetailPage } from '../../components/DetailPage';
import { QueryList } from '../../components/QueryList';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../lib/workspace-strings';
import { kindLabel, periodLabel, statusLabel } from './labels';
import { usePublicPlans } from './queries';

/** The adopted implementation plans (and closed ones), for everyone. */
export default function PublicPlansPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const plans = usePublicPlans(locale);
  const title = t('plans.public.title');
  useDocumentTitle(title, t('app.name'));
  return (
    <DetailPage title={title} className="page portal-page" intro={<p className="intro">{t('plans.public.intro')}</p>}>
      <QueryList query={plans} loading={t('workspace.loadingList')} errorTitle={t('plans.loadError')}>
        {(list) => (
          <DataTable
            caption={title}
            className="public-plans"
            rows={list}
            rowKey={(plan) => plan.id}
            empty={<p>{t('plans.public.none')}</p>}
            columns={[
              { header: t('plans.fields.title'), cell: (plan) => <Link to={`/${locale}/plans/${plan.id}`} lang={plan.title_language}>{plan.title}</Link> },
              { header: t('plans.fields.kind'), cell: (plan) => kindLabel(t, plan.kind) },
              { header: t('plans.fields.period'), cell: (plan) => periodLabel(plan.period_start, plan.period_end, locale) ?? '—' },
              { header: t('plans.fields.status'), cell: (plan) => statusLabel(t, plan.status) },
            ]}
          />
        )}
      </QueryList>
    </DetailPage>
  );
}
