import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { searchRecommendations } from '../../api/client';
import { createRound } from '../../api/followup';
import type { Round, RoundInput } from '../../api/types';
import { useSave } from '../../api/use-save';
import { errorId, Field, FieldError } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { todayIso } from '../../lib/format-detail';
import { locales } from '../../../shared/i18n';
import { LIMITS } from '../../../shared/limits';
import { useInstitutions } from '../../api/workspace-queries';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

interface Values {
  titles: Record<string, string>;
  mechanisms: string[];
  institutionIds: number[];
  opensOn: string;
  dueOn: string;
  reminderDays: string;
  toValidator: string;
  toSecretariat: string;
}

type Errors = Partial<Record<'title' | 'opens' | 'due' | 'reminders' | 'toValidator' | 'toSecretariat', string>>;

/** The element id of each field that can be in error, so that errors point at it and focus can move to it. */
const FIELD_IDS: Record<keyof Errors, string> = {
  title: `round-title-${locales[0]}`,
  opens: 'round-opens',
  due: 'round-due',
  reminders: 'round-reminders',
  toValidator: 'round-to-validator',
  toSecretariat: 'round-to-secretariat',
};

const { days: DAYS, reminders: MAX_REMINDERS } = LIMITS.round;

/** "14, 7, 1" → [14, 7, 1]; null when a part is not a whole number of days from 1 to 365, or more than 6 are given. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length > MAX_REMINDERS) return null;
  const days = parts.map(Number);
  if (days.some((d) => !Number.isInteger(d) || d < DAYS.min || d > DAYS.max)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}

const isDays = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= DAYS.min && Number(text) <= DAYS.max;

function validate(values: Values, t: (key: string) => string): Errors {
  const errors: Errors = {};
  if (!Object.values(values.titles).some((title) => title.trim().length >= 2)) errors.title = t('rounds.form.errors.title');
  if (!values.opensOn) errors.opens = t('rounds.form.errors.opens');
  if (!values.dueOn) errors.due = t('rounds.form.errors.due');
  else if (values.opensOn && values.dueOn < values.opensOn) errors.due = t('rounds.form.errors.dueBeforeOpens');
  if (parseDays(values.reminderDays) === null) errors.reminders = t('rounds.form.errors.reminders');
  if (!isDays(values.toValidator)) errors.toValidator = t('rounds.form.errors.days');
  if (!isDays(values.toSecretariat)) errors.toSecretariat = t('rounds.form.errors.days');
  return errors;
}

/**
 * The secretariat opens a reporting round: its title in one or more
 * languages, its scope (mechanisms, institutions; none ticked means all), its
 * dates and its reminder and escalation schedule.
 */
export function RoundForm({ csrf, onCreated }: { csrf: string; onCreated: (round: Round) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const institutions = useInstitutions(locale);
  // The mechanisms that have recommendations in the catalogue, from the public search's facet.
  const mechanisms = useQuery({
    queryKey: keys.mechanismFacet(locale),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams({ page_size: '1', locale }), signal),
    select: (data) => data.facets.mechanism,
  });
  const [values, setValues] = useState<Values>({
    titles: {}, mechanisms: [], institutionIds: [], opensOn: todayIso(), dueOn: '', reminderDays: '14, 7, 1', toValidator: '3', toSecretariat: '7',
  });
  const [errors, setErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  const save = useSave({
    save: (input: RoundInput) => createRound(input, locale, csrf),
    onSaved: onCreated,
    onFailed: () => requestAnimationFrame(() => summary.current?.focus()),
  });

  const set = <K extends keyof Values>(name: K, value: Values[K]) => setValues((v) => ({ ...v, [name]: value }));
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((item) => item !== value));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    const found = validate(values, t);
    setErrors(found);
    save.reset();
    if (focusFirstError(found, (name) => FIELD_IDS[name as keyof Errors])) return;
    const title: Record<string, string> = {};
    for (const [code, text] of Object.entries(values.titles)) if (text.trim()) title[code] = text.trim();
    save.submit({
      title,
      scope: { mechanisms: values.mechanisms, institution_ids: values.institutionIds, recommendation_ids: [] },
      opens_on: values.opensOn,
      due_on: values.dueOn,
      reminder_days: parseDays(values.reminderDays)!,
      escalate_to_validator_after_days: Number(values.toValidator),
      escalate_to_secretariat_after_days: Number(values.toSecretariat),
    });
  }

  /** A number of days, with the hint shared by both escalations. */
  const daysField = (name: 'toValidator' | 'toSecretariat', label: string) => (
    <Field id={FIELD_IDS[name]} label={label} error={errors[name]} describedByIds={['round-escalation-hint']}>
      {(props) => (
        <input
          {...props}
          type="number"
          inputMode="numeric"
          min={DAYS.min}
          max={DAYS.max}
          value={values[name]}
          onChange={(e) => set(name, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="round-form-heading">
      <h2 id="round-form-heading">{t('rounds.form.heading')}</h2>
      <FormErrors
        heading={t('rounds.form.errors.heading')}
        errors={errors}
        failure={save.failure}
        failureTitle={t('rounds.form.saveError')}
        summaryRef={summary}
      />

      <fieldset className="form-group" aria-describedby={errors.title ? `round-title-hint ${errorId(FIELD_IDS.title)}` : 'round-title-hint'}>
        <legend>{t('rounds.form.title')}</legend>
        <p id="round-title-hint" className="hint small muted">{t('rounds.form.titleHint')}</p>
        <div className="form-row">
          {locales.map((code) => (
            <div key={code} className="field">
              <label htmlFor={`round-title-${code}`}>{t(`languages.${code}`)}</label>
              <input
                id={`round-title-${code}`}
                type="text"
                lang={code}
                maxLength={LIMITS.localizedName.max}
                value={values.titles[code] ?? ''}
                onChange={(e) => set('titles', { ...values.titles, [code]: e.target.value })}
                aria-invalid={!!errors.title || undefined}
                aria-describedby={errors.title ? errorId(FIELD_IDS.title) : undefined}
              />
            </div>
          ))}
        </div>
        <FieldError id={FIELD_IDS.title} error={errors.title} />
      </fieldset>

      <fieldset className="form-group" aria-describedby="round-mechanisms-hint">
        <legend>{t('rounds.form.mechanisms')}</legend>
        <p id="round-mechanisms-hint" className="hint small muted">{t('rounds.form.mechanismsHint')}</p>
        {mechanisms.isPending && <p role="status">{t('workspace.loadingList')}</p>}
        <ul className="check-list check-columns">
          {(mechanisms.data ?? []).map((mechanism) => (
            <li key={mechanism.key}>
              <input
                type="checkbox"
                id={`round-mechanism-${mechanism.key}`}
                checked={values.mechanisms.includes(mechanism.key)}
                onChange={(e) => set('mechanisms', toggle(values.mechanisms, mechanism.key, e.target.checked))}
              />
              <label htmlFor={`round-mechanism-${mechanism.key}`}>{mechanism.label} ({mechanism.short ?? mechanism.key})</label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="form-group" aria-describedby="round-institutions-hint">
        <legend>{t('rounds.form.institutions')}</legend>
        <p id="round-institutions-hint" className="hint small muted">{t('rounds.form.institutionsHint')}</p>
        {institutions.isPending && <p role="status">{t('workspace.loadingList')}</p>}
        <ul className="check-list check-columns">
          {(institutions.data ?? []).map((institution) => (
            <li key={institution.id}>
              <input
                type="checkbox"
                id={`round-institution-${institution.id}`}
                checked={values.institutionIds.includes(institution.id)}
                onChange={(e) => set('institutionIds', toggle(values.institutionIds, institution.id, e.target.checked))}
              />
              <label htmlFor={`round-institution-${institution.id}`}>
                {institution.acronym ? `${institution.name} (${institution.acronym})` : institution.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <div className="form-row">
        <Field id={FIELD_IDS.opens} label={t('rounds.fields.opensOn')} error={errors.opens} required>
          {(props) => <input {...props} type="date" value={values.opensOn} onChange={(e) => set('opensOn', e.target.value)} />}
        </Field>
        <Field id={FIELD_IDS.due} label={t('rounds.fields.dueOn')} error={errors.due} required>
          {(props) => <input {...props} type="date" value={values.dueOn} onChange={(e) => set('dueOn', e.target.value)} />}
        </Field>
      </div>

      <fieldset className="form-group">
        <legend>{t('rounds.form.schedule')}</legend>
        <div className="form-row">
          <Field id={FIELD_IDS.reminders} label={t('rounds.fields.reminderDays')} hint={t('rounds.form.reminderHint')} error={errors.reminders}>
            {(props) => (
              <input {...props} type="text" inputMode="numeric" value={values.reminderDays} onChange={(e) => set('reminderDays', e.target.value)} />
            )}
          </Field>
          {daysField('toValidator', t('rounds.fields.toValidator'))}
          {daysField('toSecretariat', t('rounds.fields.toSecretariat'))}
        </div>
        <p id="round-escalation-hint" className="hint small muted">{t('rounds.form.escalationHint')}</p>
      </fieldset>

      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
        {save.busy ? t('actionForm.saving') : t('rounds.form.submit')}
      </button>
    </form>
  );
}
