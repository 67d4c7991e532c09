/** An activity's milestones: a title and an optional due date each, added and removed in place. */
import { Field } from '../../components/Field';
import { useTranslation } from '../../i18n';
import { LIMITS } from '../../../shared/limits';

export interface MilestoneValue { title: string; due_on: string }

export function MilestonesField({ prefix, milestones, errors, onChange }: {
  prefix: string;
  milestones: MilestoneValue[];
  /** An error per row (by index), as the form found them. */
  errors: Record<number, string>;
  onChange: (milestones: MilestoneValue[]) => void;
}) {
  const { t } = useTranslation();
  const edit = (index: number, change: Partial<MilestoneValue>) => onChange(milestones.map((m, i) => (i === index ? { ...m, ...change } : m)));
  return (
    <fieldset className="form-group">
      <legend>{t('plans.activity.milestones')}</legend>
      {milestones.length === 0 && <p className="muted small">{t('plans.milestones.none')}</p>}
      <ol className="plain-list">
        {milestones.map((milestone, index) => (
          <li key={index} className="form-row milestone-row">
            <Field id={`${prefix}-milestone-${index}`} label={t('plans.milestones.title', { number: index + 1 })} error={errors[index]}>
              {(props) => <input {...props} type="text" maxLength={LIMITS.plan.milestoneTitle} value={milestone.title} onChange={(e) => edit(index, { title: e.target.value })} />}
            </Field>
            <Field id={`${prefix}-milestone-${index}-due`} label={t('plans.milestones.due', { number: index + 1 })}>
              {(props) => <input {...props} type="date" value={milestone.due_on} onChange={(e) => edit(index, { due_on: e.target.value })} />}
            </Field>
            <button type="button" className="link-button small" onClick={() => onChange(milestones.filter((_, i) => i !== index))}>
              {t('plans.milestones.remove', { number: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      {milestones.length < LIMITS.plan.milestones && (
        <button type="button" className="secondary" onClick={() => onChange([...milestones, { title: '', due_on: '' }])}>{t('plans.milestones.add')}</button>
      )}
    </fieldset>
  );
}
