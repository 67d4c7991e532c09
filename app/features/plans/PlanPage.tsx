import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useTranslation } from '../../i18n';
import type { ActivityDetail, PlanDetail } from '../../api/plans';
import { keys } from '../../api/query-keys';
import { BackLink } from '../../components/DetailPage';
import { DownloadLinks } from '../../components/DownloadLinks';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useFocusOnNavigation } from '../../lib/focus';
import { NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { can, institutionsWhere } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { stateLabel } from '../../lib/action-model';
import { useInstitutions } from '../../api/workspace-queries';
import '../../lib/workspace-strings';
import { ActivityForm } from './ActivityForm';
import { ImportPanel } from './ImportPanel';
import { kindLabel, statusLabel } from './labels';
import { ObjectiveControls } from './ObjectiveControls';
import { ObjectiveForm } from './ObjectiveForm';
import { PlanFacts } from './PlanFacts';
import { PlanForm } from './PlanForm';
import { PlanTree } from './PlanTree';
import { ProgressTables } from './ProgressTables';
import { usePlan, usePlanProgress } from './queries';
import { Revisions } from './Revisions';
import { StatusPanel } from './StatusPanel';

type Open = null | 'edit' | 'objective' | 'activity' | 'propose';

/**
 * One plan in the workspace: its details, progress per objective and per institution, its objectives
 * with their activities, the proposals the reader may see, its revisions; the secretariat edits, adopts,
 * imports and exports it; a focal point proposes an activity for their institution.
 */
export default function PlanPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const location = useLocation();
  const [search] = useSearchParams();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const me = session.data;
  const plan = usePlan(id, locale, can(me, 'plan:read'));
  const progress = usePlanProgress(id, locale, can(me, 'plan:read'));
  const institutions = useInstitutions(locale);
  const recommendation = Number(search.get('recommendation')) || null;
  const [open, setOpen] = useState<Open>(recommendation ? 'propose' : null);
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const notice = usePageNotice(created ? { kind: 'status', message: t('plans.created') } : null);
  useDocumentTitle(plan.data?.title ?? t('plans.title'), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !plan.isPending);
  // A form opened from its button takes the focus (the button gives way to it); closed, its button takes it back.
  const opened = useRef<HTMLDivElement>(null);
  const lastOpen = useRef<Open>(null);
  useEffect(() => {
    if (open) opened.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
    else if (lastOpen.current) document.getElementById(`plan-open-${lastOpen.current}`)?.focus();
    lastOpen.current = open;
  }, [open]);

  const back = { to: `/${locale}/workspace/plans`, label: t('plans.back') };
  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  /** After a change: the plan the server answered (when it did) shows at once; the rest of the page asks again. */
  function changed(message: string, next?: PlanDetail) {
    // The notice takes the focus, not the button the closed form gives way to.
    lastOpen.current = null;
    setOpen(null);
    if (next) queryClient.setQueryData(keys.plans.one(id, locale), next);
    void queryClient.invalidateQueries({ queryKey: keys.plans.all });
    notice.show({ kind: 'status', message }, true);
  }

  return (
    <QueryBoundary query={plan} back={back} className="page" loading={t('workspace.loading')} title={t('plans.title')} errorTitle={t('plans.loadError')}>
      {(detail) => {
        const manager = can(me, 'plan:manage');
        const proposerIn = institutionsWhere(me, 'plan:propose');
        const own = detail.activities.filter((a) => a.state === 'published');
        const proposals = detail.activities.filter((a) => a.state !== 'published');
        const activityHref = (a: { id: number }) => `/${locale}/workspace/plan-activities/${a.id}`;
        const allInstitutions = institutions.data ?? [];
        const toggle = (what: Exclude<Open, null>, label: string, form: ReactNode) => (
          open === what ? <div ref={opened}>{form}</div> : (
            <p><button type="button" id={`plan-open-${what}`} className="secondary" onClick={() => setOpen(what)}>{label}</button></p>
          )
        );
        return (
          <div className="page plan-page">
            <BackLink back={back} />
            <p className="eyebrow">
              <span className={`badge plan-${detail.status}`}>{statusLabel(t, detail.status)}</span> · {kindLabel(t, detail.kind)}
            </p>
            <h1 ref={heading} tabIndex={-1} lang={detail.title_language}>{detail.title}</h1>
            <NoticeRegion state={notice} onReload={() => void plan.refetch()} />

            <section className="panel" aria-labelledby="plan-details-heading">
              <h2 id="plan-details-heading">{t('recommendation.detailsHeading')}</h2>
              <PlanFacts plan={detail} />
              {manager && me && toggle('edit', t('plans.form.editHeading'), (
                <PlanForm plan={detail} csrf={me.csrf_token} onSaved={(next) => changed(t('plans.saved'), next)} onCancel={() => setOpen(null)} />
              ))}
              {manager && me && (
                <StatusPanel
                  key={`${detail.status}-${detail.version}`}
                  plan={detail}
                  csrf={me.csrf_token}
                  onSaved={(next: PlanDetail) => changed(t(`plans.status.done.${next.status}`), next)}
                  onReload={() => void plan.refetch()}
                />
              )}
              <h3>{t('plans.export.heading')}</h3>
              <DownloadLinks path={`/api/v1/plans/${detail.id}/export`} list={t('plans.export.list')} />
            </section>

            {manager && me && detail.status === 'draft' && (
              <ImportPanel planId={detail.id} csrf={me.csrf_token} onImported={() => changed(t('plans.import.imported'))} />
            )}

            <section className="panel" aria-labelledby="plan-progress-heading">
              <h2 id="plan-progress-heading">{t('plans.progressHeading')}</h2>
              {progress.data ? <ProgressTables progress={progress.data} /> : <p role="status">{t('workspace.loadingList')}</p>}
            </section>

            <section className="panel" aria-labelledby="plan-tree-heading">
              <h2 id="plan-tree-heading">{t('plans.tree.heading')}</h2>
              <PlanTree
                plan={detail}
                activities={own}
                activityHref={activityHref}
                objectiveExtra={manager && me ? (objective) => (
                  <ObjectiveControls key={`${objective.id}-${objective.version}`} plan={detail} objective={objective} csrf={me.csrf_token} onChanged={(message) => changed(message)} />
                ) : undefined}
              />
              {manager && me && toggle('objective', t('plans.objective.addHeading'), (
                <ObjectiveForm plan={detail} csrf={me.csrf_token} onSaved={() => changed(t('plans.objective.added'))} onCancel={() => setOpen(null)} />
              ))}
              {manager && me && toggle('activity', t('plans.activityForm.addHeading'), (
                <ActivityForm
                  mode="add"
                  plan={detail}
                  institutions={allInstitutions}
                  csrf={me.csrf_token}
                  onSaved={(a: ActivityDetail) => changed(t('plans.activityForm.added', { title: a.title }))}
                  onCancel={() => setOpen(null)}
                />
              ))}
            </section>

            {(proposals.length > 0 || proposerIn.length > 0) && (
              <section className="panel" aria-labelledby="plan-proposals-heading">
                <h2 id="plan-proposals-heading">{t('plans.proposals.heading')}</h2>
                {proposals.length === 0
                  ? <p className="muted">{t('plans.proposals.none')}</p>
                  : (
                    <ul className="plain-list">
                      {proposals.map((a) => (
                        <li key={a.id} data-activity={a.id}>
                          <Link to={activityHref(a)} lang={a.title_language}>{a.title}</Link>{' '}
                          <span className={`badge state-${a.state}`}>{stateLabel(t, a.state)}</span>
                          <span className="muted small"> · {a.institution.name}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                {me && proposerIn.length > 0 && detail.status !== 'closed' && toggle('propose', t('plans.activityForm.proposeHeading'), (
                  <ActivityForm
                    mode="propose"
                    plan={detail}
                    institutions={allInstitutions.filter((i) => proposerIn.includes(i.id))}
                    csrf={me.csrf_token}
                    initialRecommendation={recommendation}
                    onSaved={(a: ActivityDetail) => changed(t('plans.activityForm.proposed', { title: a.title }))}
                    onCancel={() => setOpen(null)}
                  />
                ))}
              </section>
            )}

            {detail.status !== 'draft' && <Revisions planId={detail.id} />}
          </div>
        );
      }}
    </QueryBoundary>
  );
}
