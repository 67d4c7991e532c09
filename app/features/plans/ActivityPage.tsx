import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import { getRecommendation } from '../../api/client';
import { getIndicator } from '../../api/followup';
import { moveProposal, type ActivityDetail } from '../../api/plans';
import { keys } from '../../api/query-keys';
import { BackLink } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import { useFocusOnNavigation } from '../../lib/focus';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { can } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { ACTION_TRANSITIONS } from '../../../shared/workflows/action-review';
import { useSession } from '../../api/session';
import { recommendationTitle } from '../../lib/recommendation-labels';
import { Transitions } from '../workspace/ActionPage';
import { stateLabel } from '../../lib/action-model';
import { useInstitutions } from '../../api/workspace-queries';
import '../../lib/workspace-strings';
import { ActivityForm } from './ActivityForm';
import { budgetLabel, institutionName, periodLabel } from './labels';
import { ProgressBadge } from './ProgressBadge';
import { RemoveActivity } from './RemoveActivity';
import { useActivity, usePlan } from './queries';

/**
 * One planned activity, or a proposal of one on its way through the validation chain: what it is, who
 * leads it, when, its budget and the recommendations it answers, the moves the reader may make (as the
 * server says), its chain history, and the form that edits it.
 */
export default function ActivityPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useSession(true);
  const me = session.data;
  const activity = useActivity(id, locale, !!me);
  const plan = usePlan(String(activity.data?.plan_id ?? ''), locale, !!activity.data);
  const institutions = useInstitutions(locale);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const notice = usePageNotice();
  useDocumentTitle(activity.data?.title ?? t('plans.activity.heading'), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !activity.isPending);

  const back = activity.data
    ? { to: `/${locale}/workspace/plans/${activity.data.plan_id}`, label: plan.data ? t('plans.backTo', { title: plan.data.title }) : t('plans.back') }
    : { to: `/${locale}/workspace/plans`, label: t('plans.back') };

  function updated(detail: ActivityDetail, message: string) {
    queryClient.setQueryData(keys.plans.activity(id, locale), detail);
    void queryClient.invalidateQueries({ queryKey: keys.plans.all });
    setEditing(false);
    notice.show({ kind: 'status', message }, true);
  }

  return (
    <QueryBoundary query={activity} back={back} className="page" loading={t('workspace.loading')} title={t('plans.activity.heading')} errorTitle={t('plans.loadError')}>
      {(detail) => {
        const period = periodLabel(detail.start_date, detail.end_date, locale);
        const budget = budgetLabel(detail.budget, locale);
        const proposal = detail.state !== 'published';
        const manager = can(me, 'plan:manage');
        const canEdit = proposal ? detail.editable : manager;
        const adopted = plan.data ? plan.data.status !== 'draft' : false;
        return (
          <div className="page plan-activity-page">
            <BackLink back={back} />
            <p className="eyebrow">
              {proposal
                ? <span className={`badge state-${detail.state}`}>{t('plans.proposals.state', { state: stateLabel(t, detail.state) })}</span>
                : <ProgressBadge progress={detail.progress} />}
              {' · '}{institutionName(detail.institution)}
            </p>
            <h1 ref={heading} tabIndex={-1} lang={detail.title_language}>{detail.title}</h1>
            <NoticeRegion state={notice} onReload={() => void activity.refetch()} />

            {(detail.available_transitions.length > 0 || canEdit || manager) && (
              <section className="panel" aria-labelledby="activity-next-heading">
                <h2 id="activity-next-heading">{t('action.nextHeading')}</h2>
                {canEdit && !editing && (
                  <p><button type="button" className="secondary" onClick={() => setEditing(true)}>{t('plans.activityForm.editHeading')}</button></p>
                )}
                {/* Whether accepting is a revision depends on the plan: its moves show once the plan is known. */}
                {plan.data && <Transitions
                  detail={detail}
                  busy={busy}
                  // Accepting a proposal into an adopted plan is a revision of it: the comment is its reason.
                  commentRequired={(name) => ACTION_TRANSITIONS[name].commentRequired || (name === 'publish' && adopted)}
                  onMove={async (name, comment) => {
                    if (busy || !me) return false;
                    setBusy(true);
                    try {
                      const next = await moveProposal(detail.id, name, { version: detail.version, ...(comment ? { comment } : {}) }, locale, me.csrf_token);
                      updated(next, t(`plans.proposals.done.${name}`));
                      return true;
                    } catch (error) {
                      notice.show(failureNotice(t('action.transitionError'), error, t('auth.genericError')), true);
                      return false;
                    } finally {
                      setBusy(false);
                    }
                  }}
                />}
                {manager && me && plan.data && !editing && (
                  <RemoveActivity
                    activity={detail}
                    adopted={adopted}
                    csrf={me.csrf_token}
                    onRemoved={() => {
                      // Marked stale, not fetched now: this page still shows the removed activity, which would be asked
                      // for again (a 404); the plan's page fetches what it shows when it opens.
                      void queryClient.invalidateQueries({ queryKey: keys.plans.all, refetchType: 'none' });
                      void navigate(`/${locale}/workspace/plans/${detail.plan_id}`);
                    }}
                  />
                )}
                {editing && me && plan.data && (
                  <ActivityForm
                    mode={proposal ? 'editProposal' : 'edit'}
                    plan={plan.data}
                    activity={detail}
                    institutions={institutions.data ?? []}
                    csrf={me.csrf_token}
                    onSaved={(next) => updated(next, t('plans.saved'))}
                    onCancel={() => setEditing(false)}
                  />
                )}
              </section>
            )}

            <section className="panel" aria-labelledby="activity-details-heading">
              <h2 id="activity-details-heading">{t('recommendation.detailsHeading')}</h2>
              <dl className="details">
                <div className="details-row"><dt>{t('plans.activity.lead')}</dt><dd>{institutionName(detail.institution)}</dd></div>
                {detail.co_responsible.length > 0 && (
                  <div className="details-row"><dt>{t('plans.activity.coResponsible')}</dt><dd>{detail.co_responsible.map(institutionName).join(', ')}</dd></div>
                )}
                {period && <div className="details-row"><dt>{t('plans.activity.period')}</dt><dd>{period}</dd></div>}
                {budget && <div className="details-row"><dt>{t('plans.activity.budget')}</dt><dd>{budget}</dd></div>}
                {detail.sdg_targets.length > 0 && <div className="details-row"><dt>{t('plans.activity.sdgTargets')}</dt><dd>{detail.sdg_targets.join(', ')}</dd></div>}
                {detail.indicator_ids.length > 0 && (
                  <div className="details-row">
                    <dt>{t('plans.indicators.legend')}</dt>
                    <dd><ul className="plain-list">{detail.indicator_ids.map((indicatorId) => <IndicatorLink key={indicatorId} id={indicatorId} />)}</ul></dd>
                  </div>
                )}
                {detail.milestones.length > 0 && (
                  <div className="details-row">
                    <dt>{t('plans.activity.milestones')}</dt>
                    <dd><ul className="plain-list">{detail.milestones.map((m, i) => <li key={i}>{m.title}{m.due_on ? ` (${formatDate(m.due_on, locale)})` : ''}</li>)}</ul></dd>
                  </div>
                )}
              </dl>
              {detail.description && <p className="rec-text-body" lang={detail.original_language}>{detail.description}</p>}
            </section>

            <section className="panel" aria-labelledby="activity-recs-heading">
              <h2 id="activity-recs-heading">{t('plans.activity.recommendations')}</h2>
              {detail.recommendation_ids.length === 0
                ? <p className="muted">{t('plans.activity.noRecommendation')}</p>
                : <ul className="plain-list">{detail.recommendation_ids.map((recId) => <RecommendationLink key={recId} id={recId} />)}</ul>}
            </section>

            {!proposal && (
              <section className="panel" aria-labelledby="activity-actions-heading">
                <h2 id="activity-actions-heading">{t('plans.activity.actions')}</h2>
                {detail.action_ids.length === 0
                  ? <p className="muted">{t('plans.activity.noActions')}</p>
                  : (
                    <ul className="plain-list">
                      {detail.action_ids.map((actionId) => (
                        <li key={actionId}><Link to={`/${locale}/workspace/actions/${actionId}`}>{t('plans.activity.actionLink', { id: actionId })}</Link></li>
                      ))}
                    </ul>
                  )}
              </section>
            )}

            {detail.history.length > 0 && (
              <section className="panel" aria-labelledby="activity-history-heading">
                <h2 id="activity-history-heading">{t('action.history.heading')}</h2>
                <ol className="history">
                  {detail.history.map((entry, index) => (
                    <li key={`${entry.at}-${index}`}>
                      <p>
                        <strong>{t(`action.history.${entry.transition}`)}</strong>{' '}
                        <span className="muted">
                          {t('action.history.by', { actor: entry.actor.display_name })} · <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
                        </span>
                      </p>
                      {entry.comment && <blockquote className="comment"><p>{entry.comment}</p></blockquote>}
                    </li>
                  ))}
                </ol>
              </section>
            )}
          </div>
        );
      }}
    </QueryBoundary>
  );
}

function RecommendationLink({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const rec = useQuery({ queryKey: keys.recommendation(String(id), locale), queryFn: ({ signal }) => getRecommendation(String(id), locale, signal) });
  return (
    <li>
      <Link to={`/${locale}/recommendations/${id}`}>{rec.data ? recommendationTitle(t, rec.data, locale) : t('search.resultTitleFallback', { id })}</Link>
      {rec.data && <span className="muted small"> · {rec.data.mechanism.label}</span>}
    </li>
  );
}

function IndicatorLink({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const indicator = useQuery({ queryKey: keys.indicator(String(id), locale), queryFn: ({ signal }) => getIndicator(String(id), locale, signal) });
  return <li><Link to={`/${locale}/indicators/${id}`}>{indicator.data ? indicator.data.name : t('plans.indicators.fallback', { id })}</Link></li>;
}
