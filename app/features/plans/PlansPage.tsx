import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PlanDetail } from '../../api/plans';
import { keys } from '../../api/query-keys';
import { DataTable } from '../../components/DataTable';
import { QueryList } from '../../components/QueryList';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import { kindLabel, periodLabel, statusLabel } from './labels';
import { PlanForm } from './PlanForm';
import { usePlans } from './queries';
import { useWorkspacePage, WorkspacePage } from '../../components/WorkspacePage';

/** The implementation plans, drafts included, and (for the secretariat) the form that starts a new one. */
export default function PlansPage() {
  const page = useWorkspacePage('plans.title');
  const { t, locale, me } = page;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reader = can(me, 'plan:read');
  const plans = usePlans(locale, reader);
  const [creating, setCreating] = useState(false);

  function created(plan: PlanDetail) {
    void queryClient.invalidateQueries({ queryKey: keys.plans.all });
    void navigate(`/${locale}/workspace/plans/${plan.id}`, { state: { created: true } });
  }

  return (
    <WorkspacePage page={page} className="plans-page" allowed={reader} notAllowed={t('plans.notAllowed')}>
      {(me) => (
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
    </WorkspacePage>
  );
}
