import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from '../../i18n';
import type { PlanDetail } from '../../api/plans';
import { keys } from '../../api/query-keys';
import { DataTable } from '../../components/DataTable';
import { SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { useFocusOnNavigation } from '../../lib/focus';
import { can } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import '../../lib/workspace-strings';
import { kindLabel, periodLabel, statusLabel } from './labels';
import { PlanForm } from './PlanForm';
import { usePlans } from './queries';

/** The implementation plans, drafts included, and (for the secretariat) the form that starts a new one. */
export default function PlansPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const me = session.data;
  const reader = can(me, 'plan:read');
  const plans = usePlans(locale, reader);
  const [creating, setCreating] = useState(false);
  const title = t('plans.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  function created(plan: PlanDetail) {
    void queryClient.invalidateQueries({ queryKey: keys.plans.all });
    void navigate(`/${locale}/workspace/plans/${plan.id}`, { state: { created: true } });
  }

  return (
    <div className="page plans-page">
      <p className="back-link">
        <Link to={`/${locale}/workspace`}><span aria-hidden="true">← </span>{t('action.backToWorkspace')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && <SignInNotice />}
      {me && !reader && <div className="alert alert-info"><p>{t('plans.notAllowed')}</p></div>}
      {reader && (
        <>
          <p className="intro">{t('plans.intro')}</p>
          <p><Link to={`/${locale}/workspace/plans/coverage`}>{t('plans.coverage.link')}</Link></p>
          <section className="panel" aria-labelledby="plans-list-heading">
            <h2 id="plans-list-heading">{t('plans.listHeading')}</h2>
            <QueryList query={plans} loading={t('workspace.loadingList')} errorTitle={t('workspace.errorHeading')}>
              {(list) => (
                <DataTable
                  caption={t('plans.listHeading')}
                  rows={list}
                  rowKey={(plan) => plan.id}
                  empty={<p>{t('plans.none')}</p>}
                  columns={[
                    { header: t('plans.fields.title'), cell: (plan) => <Link to={`/${locale}/workspace/plans/${plan.id}`} lang={plan.title_language}>{plan.title}</Link> },
                    { header: t('plans.fields.kind'), cell: (plan) => kindLabel(t, plan.kind) },
                    { header: t('plans.fields.period'), cell: (plan) => periodLabel(plan.period_start, plan.period_end, locale) ?? '—' },
                    { header: t('plans.fields.status'), cell: (plan) => <span className={`badge plan-${plan.status}`}>{statusLabel(t, plan.status)}</span> },
                  ]}
                />
              )}
            </QueryList>
          </section>
          {can(me, 'plan:manage') && me && (
            creating
              ? <PlanForm csrf={me.csrf_token} onSaved={created} onCancel={() => setCreating(false)} />
              : <p><button type="button" className="primary" onClick={() => setCreating(true)}>{t('plans.form.newHeading')}</button></p>
          )}
        </>
      )}
    </div>
  );
}
