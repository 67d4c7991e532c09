/**
 * Create a plan, or edit one: its kind, title and description (in the plan's language; the other
 * languages it has are kept), period and adoption. A change to an adopted or closed plan is a revision
 * of it and asks why.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { createPlan, updatePlan, type PlanDetail } from '../../api/plans';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { locales } from '../../../shared/i18n';
import { LIMITS } from '../../../shared/limits';
import { kindLabel, PLAN_KINDS } from './labels';
import { RevisionReason } from './RevisionReason';

interface Values {
  kind: string;
  language: string;
  title: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  adoptedOn: string;
  legalInstrument: string;
  adoptionUrl: string;
  reason: string;
}

type Errors = Partial<Record<'title' | 'periodEnd' | 'adoptionUrl' | 'reason', string>>;

export function PlanForm({ plan, csrf, onSaved, onCancel }: {
  /** The plan to edit; none: a new plan. */
  plan?: PlanDetail;
  csrf: string;
  onSaved: (plan: PlanDetail) => void;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const prefix = plan ? `plan-edit-${plan.id}` : 'plan-new';
  const language = plan?.original_language ?? locale;
  const [values, setValues] = useState<Values>({
    kind: plan?.kind ?? 'national_action_plan',
    language,
    title: plan?.titles[language] ?? '',
    description: plan?.descriptions[language] ?? '',
    periodStart: plan?.period_start ?? '',
    periodEnd: plan?.period_end ?? '',
    adoptedOn: plan?.adopted_on ?? '',
    legalInstrument: plan?.legal_instrument ?? '',
    adoptionUrl: plan?.adoption_url ?? '',
    reason: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  const revision = !!plan && plan.status !== 'draft';
  const save = useSave({
    save: (input: Values) => {
      const fields = {
        kind: input.kind as PlanDetail['kind'],
        title: { ...(plan?.titles ?? {}), [input.language]: input.title.trim() },
        description: { ...(plan?.descriptions ?? {}), [input.language]: input.description.trim() },
        original_language: input.language,
        period_start: input.periodStart || null,
        period_end: input.periodEnd || null,
        adopted_on: input.adoptedOn || null,
        legal_instrument: input.legalInstrument.trim() || null,
        adoption_url: input.adoptionUrl.trim() || null,
      };
      return plan
        ? updatePlan(plan.id, { ...fields, version: plan.version, ...(input.reason.trim() ? { revision_reason: input.reason.trim() } : {}) }, locale, csrf)
        : createPlan(fields, locale, csrf);
    },
    onSaved,
    onFailed: () => requestAnimationFrame(() => summary.current?.focus()),
  });
  const set = <K extends keyof Values>(name: K, value: Values[K]) => setValues((v) => ({ ...v, [name]: value }));
  const ids: Record<keyof Errors, string> = { title: `${prefix}-title`, periodEnd: `${prefix}-end`, adoptionUrl: `${prefix}-url`, reason: `${prefix}-reason` };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    const found: Errors = {};
    if (values.title.trim().length < 2) found.title = t('plans.form.errors.title');
    if (values.periodStart && values.periodEnd && values.periodEnd < values.periodStart) found.periodEnd = t('plans.form.errors.periodEnd');
    if (values.adoptionUrl.trim() && !/^https?:\/\/\S+$/.test(values.adoptionUrl.trim())) found.adoptionUrl = t('plans.form.errors.url');
    if (revision && !values.reason.trim()) found.reason = t('plans.form.errors.reason');
    setErrors(found);
    save.reset();
    if (focusFirstError(found, (name) => ids[name as keyof Errors])) return;
    save.submit(values);
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>{plan ? t('plans.form.editHeading') : t('plans.form.newHeading')}</h2>
      <FormErrors heading={t('plans.form.errors.heading')} errors={errors} failure={save.failure} failureTitle={t('plans.form.saveError')} summaryRef={summary} />
      <div className="form-row">
        <Field id={`${prefix}-kind`} label={t('plans.fields.kind')}>
          {(props) => (
            <select {...props} value={values.kind} onChange={(e) => set('kind', e.target.value)}>
              {PLAN_KINDS.map((kind) => <option key={kind} value={kind}>{kindLabel(t, kind)}</option>)}
            </select>
          )}
        </Field>
        <Field id={`${prefix}-language`} label={t('plans.fields.language')}>
          {(props) => (
            <select {...props} value={values.language} onChange={(e) => set('language', e.target.value)}>
              {locales.map((code) => <option key={code} value={code}>{t(`languages.${code}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <Field id={ids.title} label={t('plans.fields.title')} error={errors.title} required showRequired>
        {(props) => <input {...props} type="text" lang={values.language} maxLength={LIMITS.plan.title} value={values.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field id={`${prefix}-description`} label={t('plans.fields.description')}>
        {(props) => <textarea {...props} rows={4} lang={values.language} maxLength={LIMITS.plan.description} value={values.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <div className="form-row">
        <Field id={`${prefix}-start`} label={t('plans.fields.periodStart')}>
          {(props) => <input {...props} type="date" value={values.periodStart} onChange={(e) => set('periodStart', e.target.value)} />}
        </Field>
        <Field id={ids.periodEnd} label={t('plans.fields.periodEnd')} error={errors.periodEnd}>
          {(props) => <input {...props} type="date" value={values.periodEnd} onChange={(e) => set('periodEnd', e.target.value)} />}
        </Field>
        <Field id={`${prefix}-adopted`} label={t('plans.fields.adoptedOn')}>
          {(props) => <input {...props} type="date" value={values.adoptedOn} onChange={(e) => set('adoptedOn', e.target.value)} />}
        </Field>
      </div>
      <div className="form-row">
        <Field id={`${prefix}-instrument`} label={t('plans.fields.legalInstrument')}>
          {(props) => <input {...props} type="text" maxLength={LIMITS.plan.legalInstrument} value={values.legalInstrument} onChange={(e) => set('legalInstrument', e.target.value)} />}
        </Field>
        <Field id={ids.adoptionUrl} label={t('plans.fields.adoptionUrl')} error={errors.adoptionUrl}>
          {(props) => <input {...props} type="url" maxLength={LIMITS.plan.url} value={values.adoptionUrl} onChange={(e) => set('adoptionUrl', e.target.value)} />}
        </Field>
      </div>
      {revision && <RevisionReason id={ids.reason} value={values.reason} error={errors.reason} onChange={(text) => set('reason', text)} />}
      <div className="form-actions">
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
          {save.busy ? t('actionForm.saving') : plan ? t('plans.form.save') : t('plans.form.create')}
        </button>
        {onCancel && <button type="button" className="link-button" onClick={onCancel}>{t('actionForm.cancel')}</button>}
      </div>
    </form>
  );
}
