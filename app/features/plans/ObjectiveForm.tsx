/** Add an objective to a plan: its level, where it sits, its code and title (in an adopted plan, a revision with its reason). */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { addObjective, type PlanDetail, type PlanObjective } from '../../api/plans';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { LIMITS } from '../../../shared/limits';
import { levelLabel, OBJECTIVE_LEVELS } from './labels';
import { RevisionReason } from './RevisionReason';

export function ObjectiveForm({ plan, csrf, onSaved, onCancel }: {
  plan: PlanDetail;
  csrf: string;
  onSaved: (objective: PlanObjective) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [level, setLevel] = useState<(typeof OBJECTIVE_LEVELS)[number]>('axis');
  const [parent, setParent] = useState('');
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'title' | 'parent' | 'reason', string>>>({});
  const summary = useRef<HTMLDivElement>(null);
  const revision = plan.status !== 'draft';
  const save = useSave({
    save: () => addObjective(plan.id, {
      level,
      parent_id: parent ? Number(parent) : null,
      code: code.trim() || null,
      title: { [plan.original_language]: title.trim() },
      ...(reason.trim() ? { revision_reason: reason.trim() } : {}),
    }, locale, csrf),
    onSaved,
    onFailed: () => requestAnimationFrame(() => summary.current?.focus()),
  });
  const ids = { title: 'objective-new-title', parent: 'objective-new-parent', reason: 'objective-new-reason' };
  const rank = (value: string) => OBJECTIVE_LEVELS.indexOf(value as never);
  // A child sits below its parent's level.
  const parents = plan.objectives.filter((o) => rank(o.level) < rank(level));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    const found: typeof errors = {};
    if (title.trim().length < 2) found.title = t('plans.objective.errors.title');
    if (parent && !parents.some((o) => String(o.id) === parent)) found.parent = t('plans.objective.errors.parent');
    if (revision && !reason.trim()) found.reason = t('plans.form.errors.reason');
    setErrors(found);
    save.reset();
    if (focusFirstError(found, (name) => ids[name as keyof typeof ids])) return;
    save.submit(undefined);
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="objective-new-heading">
      <h3 id="objective-new-heading">{t('plans.objective.addHeading')}</h3>
      <FormErrors heading={t('plans.form.errors.heading')} errors={errors} failure={save.failure} failureTitle={t('plans.form.saveError')} summaryRef={summary} />
      <div className="form-row">
        <Field id="objective-new-level" label={t('plans.objective.level')}>
          {(props) => (
            <select {...props} value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
              {OBJECTIVE_LEVELS.map((value) => <option key={value} value={value}>{levelLabel(t, value)}</option>)}
            </select>
          )}
        </Field>
        <Field id={ids.parent} label={t('plans.objective.parent')} error={errors.parent}>
          {(props) => (
            <select {...props} value={parent} onChange={(e) => setParent(e.target.value)}>
              <option value="">{t('plans.objective.noParent')}</option>
              {parents.map((o) => <option key={o.id} value={o.id}>{`${levelLabel(t, o.level)}${o.code ? ` ${o.code}` : ''} · ${o.title}`}</option>)}
            </select>
          )}
        </Field>
        <Field id="objective-new-code" label={t('plans.objective.code')}>
          {(props) => <input {...props} type="text" maxLength={LIMITS.plan.objectiveCode} value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
      </div>
      <Field id={ids.title} label={t('plans.objective.title')} error={errors.title} required showRequired>
        {(props) => <input {...props} type="text" lang={plan.original_language} maxLength={LIMITS.plan.title} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      {revision && <RevisionReason id={ids.reason} value={reason} error={errors.reason} onChange={setReason} />}
      <div className="form-actions">
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{save.busy ? t('actionForm.saving') : t('plans.objective.add')}</button>
        <button type="button" className="link-button" onClick={onCancel}>{t('actionForm.cancel')}</button>
      </div>
    </form>
  );
}
