/**
 * The secretariat edits an objective of the plan (its code and title, in the plan's language) or removes it
 * with those under it (their activities stay, under no objective). In an adopted plan each is a revision
 * and asks why.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { deleteObjective, updateObjective, type PlanDetail, type PlanObjective } from '../../api/plans';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { LIMITS } from '../../../shared/limits';
import { RevisionReason } from './RevisionReason';

type Change = { kind: 'save' } | { kind: 'remove' };

export function ObjectiveControls({ plan, objective, csrf, onChanged }: {
  plan: PlanDetail;
  objective: PlanObjective;
  csrf: string;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(objective.titles[plan.original_language] ?? objective.title);
  const [code, setCode] = useState(objective.code ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'title' | 'reason', string>>>({});
  const revision = plan.status !== 'draft';
  const prefix = `objective-${objective.id}`;
  const first = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) first.current?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const reasonField = reason.trim() ? { revision_reason: reason.trim() } : {};
  const save = useSave({
    save: async (change: Change) => {
      if (change.kind === 'remove') {
        await deleteObjective(objective.id, { version: objective.version, ...reasonField }, locale, csrf);
        return t('plans.objective.removed');
      }
      await updateObjective(objective.id, {
        version: objective.version, code: code.trim() || null, title: { ...objective.titles, [plan.original_language]: title.trim() }, ...reasonField,
      }, locale, csrf);
      return t('plans.saved');
    },
    onSaved: (message) => {
      wasOpen.current = false;
      onChanged(message);
    },
  });

  function submit(change: Change) {
    if (save.busy) return;
    const found: typeof errors = {};
    if (change.kind === 'save' && title.trim().length < 2) found.title = t('plans.objective.errors.title');
    if (revision && !reason.trim()) found.reason = t('plans.form.errors.reason');
    setErrors(found);
    save.reset();
    const firstError = found.title ? `${prefix}-title` : found.reason ? `${prefix}-reason` : null;
    if (firstError) {
      document.getElementById(firstError)?.focus();
      return;
    }
    save.submit(change);
  }

  if (!open) {
    return (
      <p className="small">
        <button ref={button} type="button" className="link-button" onClick={() => setOpen(true)}>
          {t('plans.objective.edit')}<span className="visually-hidden"> ({objective.title})</span>
        </button>
      </p>
    );
  }
  return (
    <form className="workspace-form" noValidate onSubmit={(event: FormEvent) => { event.preventDefault(); submit({ kind: 'save' }); }} aria-label={t('plans.objective.editHeading', { title: objective.title })}>
      <FormErrors heading={t('plans.form.errors.heading')} errors={errors} failure={save.failure} failureTitle={t('plans.form.saveError')} />
      <div className="form-row">
        <Field id={`${prefix}-code`} label={t('plans.objective.code')}>
          {(props) => <input {...props} ref={first} type="text" maxLength={LIMITS.plan.objectiveCode} value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field id={`${prefix}-title`} label={t('plans.objective.title')} error={errors.title} required showRequired>
          {(props) => <input {...props} type="text" lang={plan.original_language} maxLength={LIMITS.plan.title} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
      </div>
      {revision && <RevisionReason id={`${prefix}-reason`} value={reason} error={errors.reason} onChange={setReason} />}
      <p className="hint small muted">{t('plans.objective.removeHint')}</p>
      <div className="form-actions">
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{save.busy ? t('actionForm.saving') : t('plans.form.save')}</button>
        <button type="button" className="secondary" aria-disabled={save.busy || undefined} onClick={() => submit({ kind: 'remove' })}>{t('plans.objective.remove')}</button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>{t('actionForm.cancel')}</button>
      </div>
    </form>
  );
}
