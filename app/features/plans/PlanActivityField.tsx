/**
 * On the action report form: the planned activity the report carries out (an accepted activity of a draft
 * or adopted plan, led or shared by the report's institution), and whether the report completes it.
 */
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { getPlan, type PlanActivity } from '../../api/plans';
import { keys } from '../../api/query-keys';
import { usePlans } from './queries';

export function PlanActivityField({ institutionId, activityId, completes, onChange }: {
  institutionId: number | null;
  activityId: number | null;
  completes: boolean;
  onChange: (activityId: number | null, completes: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const plans = usePlans(locale, institutionId !== null);
  const open = (plans.data ?? []).filter((plan) => plan.status !== 'closed' || plan.id === activityId);
  const details = useQueries({
    queries: open.map((plan) => ({ queryKey: keys.plans.one(String(plan.id), locale), queryFn: ({ signal }: { signal: AbortSignal }) => getPlan(plan.id, locale, signal) })),
  });
  const ours = (a: PlanActivity) => a.state === 'published' && (a.institution.id === institutionId || a.co_responsible.some((i) => i.id === institutionId));
  const groups = details.flatMap((query) => (query.data ? [{ plan: query.data, activities: query.data.activities.filter(ours) }] : []))
    .filter((group) => group.activities.length > 0 || group.plan.activities.some((a) => a.id === activityId));
  if (institutionId === null || (groups.length === 0 && activityId === null)) return null;
  return (
    <fieldset className="form-group" aria-describedby="action-plan-activity-hint">
      <legend>{t('plans.actionField.label')}</legend>
      <p id="action-plan-activity-hint" className="hint small muted">{t('plans.actionField.hint')}</p>
      <div className="field">
        <label htmlFor="action-plan-activity">{t('plans.actionField.carriesOut')}</label>
        <select
          id="action-plan-activity"
          value={activityId ?? ''}
          onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null, e.target.value ? completes : false)}
        >
          <option value="">{t('plans.actionField.none')}</option>
          {groups.map(({ plan, activities }) => (
            <optgroup key={plan.id} label={plan.title}>
              {activities.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      {activityId !== null && (
        <ul className="check-list">
          <li>
            <input type="checkbox" id="action-completes-activity" checked={completes} onChange={(e) => onChange(activityId, e.target.checked)} />
            <label htmlFor="action-completes-activity">{t('plans.actionField.completes')}</label>
          </li>
        </ul>
      )}
    </fieldset>
  );
}
