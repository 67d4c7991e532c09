/**
 * An activity of a plan: added by the secretariat (straight into the plan; in an adopted plan, a revision
 * with its reason), proposed by a focal point for their institution (a draft of the validation chain), or
 * edited later. Recommendations are found with the catalogue's search (RecommendationPicker);
 * `?recommendation=` in the page's address chooses one. Milestones and indicators are edited here too.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import {
  addActivity, proposeActivity, updateActivity, updateProposal, type ActivityDetail, type ActivityInput, type PlanDetail,
} from '../../api/plans';
import type { Institution } from '../../api/types';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { LIMITS } from '../../../shared/limits';
import { IndicatorChoices } from './IndicatorChoices';
import { institutionName, levelLabel } from './labels';
import { MilestonesField, type MilestoneValue } from './MilestonesField';
import { RecommendationPicker } from './RecommendationPicker';
import { RevisionReason } from './RevisionReason';

export type ActivityMode = 'add' | 'propose' | 'edit' | 'editProposal';

interface Values {
  objectiveId: string;
  institutionId: string;
  coResponsible: number[];
  title: string;
  description: string;
  startDate: string;
  endDate: string;
  budgetAmount: string;
  budgetCurrency: string;
  budgetProgramme: string;
  recommendations: number[];
  milestones: MilestoneValue[];
  indicators: number[];
  sdgTargets: string;
  reason: string;
}

type Errors = Partial<Record<'institution' | 'title' | 'endDate' | 'budget' | 'milestones' | 'sdgTargets' | 'reason', string>>;

const splitList = (text: string) => text.split(/[\s,;|]+/).map((part) => part.trim()).filter(Boolean);

export function ActivityForm({ mode, plan, activity, institutions, csrf, initialRecommendation, onSaved, onCancel }: {
  mode: ActivityMode;
  plan: PlanDetail;
  activity?: ActivityDetail;
  /** The institutions the activity may be led by (a focal point: their own). */
  institutions: Institution[];
  csrf: string;
  initialRecommendation?: number | null;
  onSaved: (activity: ActivityDetail) => void;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const prefix = activity ? `activity-${activity.id}` : `activity-${mode}`;
  const language = activity?.original_language ?? locale;
  const [values, setValues] = useState<Values>({
    objectiveId: activity?.objective_id ? String(activity.objective_id) : '',
    institutionId: activity ? String(activity.institution.id) : institutions.length === 1 ? String(institutions[0].id) : '',
    coResponsible: activity?.co_responsible.map((i) => i.id) ?? [],
    title: activity?.titles[language] ?? '',
    description: activity?.descriptions[language] ?? '',
    startDate: activity?.start_date ?? '',
    endDate: activity?.end_date ?? '',
    budgetAmount: activity?.budget ? String(activity.budget.amount) : '',
    budgetCurrency: activity?.budget?.currency ?? 'PYG',
    budgetProgramme: activity?.budget?.programme ?? '',
    recommendations: activity?.recommendation_ids ?? (initialRecommendation ? [initialRecommendation] : []),
    milestones: (activity?.milestones ?? []).map((m) => ({ title: m.title, due_on: m.due_on ?? '' })),
    indicators: activity?.indicator_ids ?? [],
    sdgTargets: (activity?.sdg_targets ?? []).join(', '),
    reason: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [milestoneErrors, setMilestoneErrors] = useState<Record<number, string>>({});
  const summary = useRef<HTMLDivElement>(null);
  const revision = (mode === 'add' || mode === 'edit') && plan.status !== 'draft';
  const ids: Record<keyof Errors, string> = {
    institution: `${prefix}-institution`, title: `${prefix}-title`, endDate: `${prefix}-end`, budget: `${prefix}-amount`,
    milestones: `${prefix}-milestone-${Math.max(0, values.milestones.findIndex((m) => !m.title.trim()))}`, sdgTargets: `${prefix}-sdgs`, reason: `${prefix}-reason`,
  };

  const save = useSave({
    save: (input: ActivityInput) => {
      const reason = values.reason.trim() ? { revision_reason: values.reason.trim() } : {};
      switch (mode) {
        case 'add': return addActivity(plan.id, { ...input, ...reason }, locale, csrf);
        case 'propose': return proposeActivity(plan.id, input, locale, csrf);
        case 'edit': return updateActivity(activity!.id, { ...input, ...reason, version: activity!.version }, locale, csrf);
        case 'editProposal': {
          const { institution_id: _lead, ...rest } = input;
          return updateProposal(activity!.id, { ...rest, version: activity!.version }, locale, csrf);
        }
      }
    },
    onSaved,
    onFailed: () => requestAnimationFrame(() => summary.current?.focus()),
  });
  const set = <K extends keyof Values>(name: K, value: Values[K]) => setValues((v) => ({ ...v, [name]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    const found: Errors = {};
    if (!values.institutionId) found.institution = t('plans.activityForm.errors.institution');
    if (values.title.trim().length < 2) found.title = t('plans.activityForm.errors.title');
    if (values.startDate && values.endDate && values.endDate < values.startDate) found.endDate = t('plans.activityForm.errors.endDate');
    const amount = values.budgetAmount.trim() ? Number(values.budgetAmount.replace(',', '.')) : null;
    if (amount !== null && (!Number.isFinite(amount) || amount < 0)) found.budget = t('plans.activityForm.errors.budget');
    else if (amount !== null && !/^[A-Z]{3}$/.test(values.budgetCurrency.trim())) found.budget = t('plans.activityForm.errors.currency');
    const untitled = Object.fromEntries(values.milestones.flatMap((m, index) => (m.title.trim() ? [] : [[index, t('plans.milestones.errors.title')]])));
    if (Object.keys(untitled).length > 0) found.milestones = t('plans.milestones.errors.title');
    setMilestoneErrors(untitled);
    const sdgs = splitList(values.sdgTargets);
    if (sdgs.some((code) => !/^\d{1,2}\.[0-9a-z]{1,2}$/.test(code))) found.sdgTargets = t('plans.activityForm.errors.sdgTargets');
    if (revision && !values.reason.trim()) found.reason = t('plans.form.errors.reason');
    setErrors(found);
    save.reset();
    if (focusFirstError(found, (name) => ids[name as keyof Errors])) return;
    save.submit({
      objective_id: values.objectiveId ? Number(values.objectiveId) : null,
      institution_id: Number(values.institutionId),
      co_responsible_ids: values.coResponsible.filter((id) => id !== Number(values.institutionId)),
      title: { ...(activity?.titles ?? {}), [language]: values.title.trim() },
      description: { ...(activity?.descriptions ?? {}), [language]: values.description.trim() },
      original_language: language,
      start_date: values.startDate || null,
      end_date: values.endDate || null,
      budget: amount === null ? null : { amount: Math.round(amount * 100) / 100, currency: values.budgetCurrency.trim(), programme: values.budgetProgramme.trim() || null },
      milestones: values.milestones.map((m) => ({ title: m.title.trim(), due_on: m.due_on || null })),
      recommendation_ids: [...new Set(values.recommendations)],
      sdg_targets: [...new Set(sdgs)],
      indicator_ids: [...new Set(values.indicators)],
    });
  }

  const headings: Record<ActivityMode, string> = {
    add: t('plans.activityForm.addHeading'),
    propose: t('plans.activityForm.proposeHeading'),
    edit: t('plans.activityForm.editHeading'),
    editProposal: t('plans.activityForm.editHeading'),
  };
  const submitLabels: Record<ActivityMode, string> = {
    add: t('plans.activityForm.add'),
    propose: t('plans.activityForm.propose'),
    edit: t('plans.form.save'),
    editProposal: t('plans.form.save'),
  };
  const leadFixed = mode === 'editProposal';

  return (
    <form id={`${prefix}-form`} className="workspace-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>{headings[mode]}</h2>
      {mode === 'propose' && <p className="hint small muted">{t('plans.activityForm.proposeHint')}</p>}
      <FormErrors heading={t('plans.form.errors.heading')} errors={errors} failure={save.failure} failureTitle={t('plans.form.saveError')} summaryRef={summary} />
      <div className="form-row">
        <Field id={`${prefix}-objective`} label={t('plans.activityForm.objective')}>
          {(props) => (
            <select {...props} value={values.objectiveId} onChange={(e) => set('objectiveId', e.target.value)}>
              <option value="">{t('plans.activityForm.noObjective')}</option>
              {plan.objectives.map((o) => (
                <option key={o.id} value={o.id}>{`${levelLabel(t, o.level)}${o.code ? ` ${o.code}` : ''} · ${o.title}`}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id={ids.institution} label={t('plans.activity.lead')} error={errors.institution} required showRequired>
          {(props) => (
            <select {...props} value={values.institutionId} disabled={leadFixed} onChange={(e) => set('institutionId', e.target.value)}>
              <option value="">{t('plans.activityForm.chooseInstitution')}</option>
              {(leadFixed && activity ? [{ ...activity.institution } as Institution] : institutions).map((i) => (
                <option key={i.id} value={i.id}>{institutionName(i)}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id={ids.title} label={t('plans.activityForm.title')} error={errors.title} required showRequired>
        {(props) => <input {...props} type="text" lang={language} maxLength={LIMITS.plan.title} value={values.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field id={`${prefix}-description`} label={t('plans.fields.description')}>
        {(props) => <textarea {...props} rows={3} lang={language} maxLength={LIMITS.plan.description} value={values.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <div className="form-row">
        <Field id={`${prefix}-start`} label={t('plans.activityForm.startDate')}>
          {(props) => <input {...props} type="date" value={values.startDate} onChange={(e) => set('startDate', e.target.value)} />}
        </Field>
        <Field id={ids.endDate} label={t('plans.activityForm.endDate')} error={errors.endDate}>
          {(props) => <input {...props} type="date" value={values.endDate} onChange={(e) => set('endDate', e.target.value)} />}
        </Field>
      </div>
      <fieldset className="form-group">
        <legend>{t('plans.activity.budget')}</legend>
        <div className="form-row">
          <Field id={ids.budget} label={t('plans.activityForm.amount')} error={errors.budget}>
            {(props) => <input {...props} type="text" inputMode="decimal" value={values.budgetAmount} onChange={(e) => set('budgetAmount', e.target.value)} />}
          </Field>
          <Field id={`${prefix}-currency`} label={t('plans.activityForm.currency')}>
            {(props) => <input {...props} type="text" maxLength={3} value={values.budgetCurrency} onChange={(e) => set('budgetCurrency', e.target.value.toUpperCase())} />}
          </Field>
          <Field id={`${prefix}-programme`} label={t('plans.activityForm.programme')}>
            {(props) => <input {...props} type="text" value={values.budgetProgramme} onChange={(e) => set('budgetProgramme', e.target.value)} />}
          </Field>
        </div>
      </fieldset>
      {!leadFixed && mode !== 'propose' && institutions.length > 1 && (
        <fieldset className="form-group">
          <legend>{t('plans.activity.coResponsible')}</legend>
          <ul className="check-list check-columns">
            {institutions.filter((i) => String(i.id) !== values.institutionId).map((i) => (
              <li key={i.id}>
                <input
                  type="checkbox"
                  id={`${prefix}-co-${i.id}`}
                  checked={values.coResponsible.includes(i.id)}
                  onChange={(e) => set('coResponsible', e.target.checked ? [...values.coResponsible, i.id] : values.coResponsible.filter((id) => id !== i.id))}
                />
                <label htmlFor={`${prefix}-co-${i.id}`}>{institutionName(i)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <MilestonesField prefix={prefix} milestones={values.milestones} errors={milestoneErrors} onChange={(milestones) => set('milestones', milestones)} />
      <RecommendationPicker id={`${prefix}-recommendations`} selected={values.recommendations} onChange={(chosen) => set('recommendations', chosen)} />
      <Field id={ids.sdgTargets} label={t('plans.activity.sdgTargets')} hint={t('plans.activityForm.sdgHint')} error={errors.sdgTargets}>
        {(props) => <input {...props} type="text" value={values.sdgTargets} onChange={(e) => set('sdgTargets', e.target.value)} />}
      </Field>
      <IndicatorChoices
        prefix={prefix}
        institutionIds={[...new Set([Number(values.institutionId), ...values.coResponsible].filter((id) => id > 0))]}
        selected={values.indicators}
        onChange={(chosen) => set('indicators', chosen)}
      />
      {revision && <RevisionReason id={ids.reason} value={values.reason} error={errors.reason} onChange={(text) => set('reason', text)} />}
      <div className="form-actions">
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{save.busy ? t('actionForm.saving') : submitLabels[mode]}</button>
        {onCancel && <button type="button" className="link-button" onClick={onCancel}>{t('actionForm.cancel')}</button>}
      </div>
    </form>
  );
}
