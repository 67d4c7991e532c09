/** Adopt a draft plan (its adoption date), close an adopted one or reopen a closed one (each with why). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { setPlanStatus, type PlanDetail, type PlanStatusInput } from '../../api/plans';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { todayIso } from '../../lib/format-detail';
import { RevisionReason } from './RevisionReason';

export function StatusPanel({ plan, csrf, onSaved, onReload }: { plan: PlanDetail; csrf: string; onSaved: (plan: PlanDetail) => void; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [adoptedOn, setAdoptedOn] = useState(plan.adopted_on ?? todayIso());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const target = plan.status === 'draft' ? 'adopted' : plan.status === 'adopted' ? 'closed' : 'adopted';
  const save = useSave({ save: (input: PlanStatusInput) => setPlanStatus(plan.id, input, locale, csrf), onSaved });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    save.reset();
    if (plan.status === 'draft') {
      if (!adoptedOn) return setError(t('plans.status.errors.adoptedOn'));
      setError(undefined);
      save.submit({ version: plan.version, status: 'adopted', adopted_on: adoptedOn, ...(reason.trim() ? { revision_reason: reason.trim() } : {}) });
      return;
    }
    if (!reason.trim()) {
      setError(t('plans.form.errors.reason'));
      document.getElementById('plan-status-reason')?.focus();
      return;
    }
    setError(undefined);
    save.submit({ version: plan.version, status: target, revision_reason: reason.trim() });
  }

  const label = plan.status === 'draft' ? t('plans.status.adopt') : plan.status === 'adopted' ? t('plans.status.close') : t('plans.status.reopen');
  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="plan-status-heading">
      <h3 id="plan-status-heading">{t('plans.status.heading')}</h3>
      <p className="hint small muted">{t(`plans.status.hint.${plan.status}`)}</p>
      <FormErrors heading={t('plans.form.errors.heading')} errors={{}} failure={save.failure} failureTitle={t('plans.form.saveError')} onReload={onReload} />
      {plan.status === 'draft'
        ? (
          <Field id="plan-status-adopted" label={t('plans.fields.adoptedOn')} error={error} required>
            {(props) => <input {...props} type="date" value={adoptedOn} onChange={(e) => setAdoptedOn(e.target.value)} />}
          </Field>
        )
        : <RevisionReason id="plan-status-reason" value={reason} error={error} onChange={setReason} />}
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{save.busy ? t('actionForm.saving') : label}</button>
    </form>
  );
}
