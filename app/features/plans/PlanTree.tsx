/**
 * A plan's objectives as a tree (strategic axis → objective → result, as the plan has them), each with
 * the activities under it, then the activities placed under no objective. Used by the workspace's plan
 * page and the public one; `activityHref` says where an activity's title leads (none: plain text).
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import type { PlanActivity, PlanDetail, PlanObjective } from '../../api/plans';
import { budgetLabel, institutionName, levelLabel, periodLabel } from './labels';
import { ProgressBadge } from './ProgressBadge';

function ActivityItem({ activity, href }: { activity: PlanActivity; href?: (activity: PlanActivity) => string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const period = periodLabel(activity.start_date, activity.end_date, locale);
  const budget = budgetLabel(activity.budget, locale);
  return (
    <li className="plan-activity" data-activity={activity.id}>
      <p className="plan-activity-title">
        {href ? <Link to={href(activity)} lang={activity.title_language}>{activity.title}</Link> : <strong lang={activity.title_language}>{activity.title}</strong>}
        {' '}<ProgressBadge progress={activity.progress} />
      </p>
      <ul className="result-meta">
        <li>{t('plans.activity.lead')}: {institutionName(activity.institution)}</li>
        {activity.co_responsible.length > 0 && (
          <li>{t('plans.activity.coResponsible')}: {activity.co_responsible.map(institutionName).join(', ')}</li>
        )}
        {period && <li>{t('plans.activity.period')}: {period}</li>}
        {budget && <li>{t('plans.activity.budget')}: {budget}</li>}
      </ul>
      {activity.recommendation_ids.length > 0 && (
        <p className="small">
          {t('plans.activity.recommendations')}:{' '}
          {activity.recommendation_ids.map((id, index) => (
            <span key={id}>
              {index > 0 && ', '}
              <Link to={`/${locale}/recommendations/${id}`}>{t('search.resultTitleFallback', { id })}</Link>
            </span>
          ))}
        </p>
      )}
      {activity.sdg_targets.length > 0 && <p className="small">{t('plans.activity.sdgTargets')}: {activity.sdg_targets.join(', ')}</p>}
    </li>
  );
}

export function PlanTree({ plan, activities, activityHref, objectiveExtra }: {
  plan: PlanDetail;
  /** The activities to place (the plan's own; proposals are listed apart). */
  activities: PlanActivity[];
  activityHref?: (activity: PlanActivity) => string;
  /** Something to show after an objective's title (the workspace's edit controls). */
  objectiveExtra?: (objective: PlanObjective) => ReactNode;
}) {
  const { t } = useTranslation();
  const children = new Map<number | null, PlanObjective[]>();
  for (const objective of plan.objectives) children.set(objective.parent_id, [...(children.get(objective.parent_id) ?? []), objective]);
  const byObjective = new Map<number | null, PlanActivity[]>();
  const known = new Set(plan.objectives.map((o) => o.id));
  for (const activity of activities) {
    const key = activity.objective_id !== null && known.has(activity.objective_id) ? activity.objective_id : null;
    byObjective.set(key, [...(byObjective.get(key) ?? []), activity]);
  }

  const branch = (parent: number | null, depth: number): ReactNode => {
    const list = children.get(parent) ?? [];
    if (list.length === 0) return null;
    return (
      <ul className={depth === 0 ? 'plan-tree' : 'plan-subtree'}>
        {list.map((objective) => {
          const own = byObjective.get(objective.id) ?? [];
          const Heading = (depth === 0 ? 'h3' : 'h4') as 'h3' | 'h4';
          return (
            <li key={objective.id} className={`plan-objective level-${objective.level}`}>
              <Heading className="plan-objective-title">
                <span className="muted small">{levelLabel(t, objective.level)}{objective.code ? ` ${objective.code}` : ''} · </span>
                {objective.title}
              </Heading>
              {objectiveExtra?.(objective)}
              {own.length > 0 && <ul className="plan-activities">{own.map((a) => <ActivityItem key={a.id} activity={a} href={activityHref} />)}</ul>}
              {branch(objective.id, depth + 1)}
            </li>
          );
        })}
      </ul>
    );
  };

  const loose = byObjective.get(null) ?? [];
  return (
    <>
      {plan.objectives.length === 0 && activities.length === 0 && <p className="muted">{t('plans.tree.empty')}</p>}
      {branch(null, 0)}
      {loose.length > 0 && (
        <>
          <h3>{t('plans.tree.noObjective')}</h3>
          <ul className="plan-activities">{loose.map((a) => <ActivityItem key={a.id} activity={a} href={activityHref} />)}</ul>
        </>
      )}
    </>
  );
}
