import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, searchRecommendations } from '../../api/client';
import { createRound } from '../../api/followup';
import type { Round, RoundInput } from '../../api/types';
import { todayIso } from '../../lib/format-detail';
import { FormAlert } from '../account/FormAlert';
import { locales } from '../../../shared/i18n';
import { useInstitutions } from '../workspace/queries';
import '../workspace/strings';
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

/** "14, 7, 1" → [14, 7, 1]; null when a part is not a whole number of days from 1 to 365, or more than 6 are given. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length > 6) return null;
  const days = parts.map(Number);
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}

const isDays = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 365;

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
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const set = <K extends keyof Values>(name: K, value: Values[K]) => setValues((v) => ({ ...v, [name]: value }));
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((item) => item !== value));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = validate(values, t);
    setErrors(found);
    setServerError(null);
    const first = (Object.keys(found) as (keyof Errors)[])[0];
    if (first) {
      document.getElementById(FIELD_IDS[first])?.focus();
      return;
    }
    const title: Record<string, string> = {};
    for (const [code, text] of Object.entries(values.titles)) if (text.trim()) title[code] = text.trim();
    const input: RoundInput = {
      title,
      scope: { mechanisms: values.mechanisms, institution_ids: values.institutionIds, recommendation_ids: [] },
      opens_on: values.opensOn,
      due_on: values.dueOn,
      reminder_days: parseDays(values.reminderDays)!,
      escalate_to_validator_after_days: Number(values.toValidator),
      escalate_to_secretariat_after_days: Number(values.toSecretariat),
    };
    setBusy(true);
    try {
      onCreated(await createRound(input, locale, csrf));
    } catch (error) {
      setServerError(error instanceof ApiError ? error.message : t('auth.genericError'));
      setBusy(false);
      requestAnimationFrame(() => summary.current?.focus());
    }
  }

  const describedBy = (name: keyof Errors, hint?: string) =>
    [hint, errors[name] ? `${FIELD_IDS[name]}-error` : null].filter(Boolean).join(' ') || undefined;
  const errorText = (name: keyof Errors) => errors[name]
    ? <p id={`${FIELD_IDS[name]}-error`} className="field-error">{errors[name]}</p>
    : null;
  const errorCount = Object.keys(errors).length;

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="round-form-heading">
      <h2 id="round-form-heading">{t('rounds.form.heading')}</h2>
      <div ref={summary} tabIndex={-1} className="notice-region">
        {errorCount > 0 && <FormAlert title={t('rounds.form.errors.heading')} message={t('actionForm.errors.count', { number: errorCount })} />}
        {serverError && <FormAlert title={t('rounds.form.saveError')} message={serverError} />}
      </div>

      <fieldset className="form-group" aria-describedby={describedBy('title', 'round-title-hint')}>
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
                maxLength={300}
                value={values.titles[code] ?? ''}
                onChange={(e) => set('titles', { ...values.titles, [code]: e.target.value })}
                aria-invalid={!!errors.title || undefined}
                aria-describedby={errors.title ? `${FIELD_IDS.title}-error` : undefined}
              />
            </div>
          ))}
        </div>
        {errorText('title')}
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
        <div className="field">
          <label htmlFor={FIELD_IDS.opens}>{t('rounds.fields.opensOn')}</label>
          <input
            id={FIELD_IDS.opens}
            type="date"
            value={values.opensOn}
            onChange={(e) => set('opensOn', e.target.value)}
            aria-invalid={!!errors.opens || undefined}
            aria-describedby={describedBy('opens')}
            required
          />
          {errorText('opens')}
        </div>
        <div className="field">
          <label htmlFor={FIELD_IDS.due}>{t('rounds.fields.dueOn')}</label>
          <input
            id={FIELD_IDS.due}
            type="date"
            value={values.dueOn}
            onChange={(e) => set('dueOn', e.target.value)}
            aria-invalid={!!errors.due || undefined}
            aria-describedby={describedBy('due')}
            required
          />
          {errorText('due')}
        </div>
      </div>

      <fieldset className="form-group">
        <legend>{t('rounds.form.schedule')}</legend>
        <div className="form-row">
          <div className="field">
            <label htmlFor={FIELD_IDS.reminders}>{t('rounds.fields.reminderDays')}</label>
            <input
              id={FIELD_IDS.reminders}
              type="text"
              inputMode="numeric"
              value={values.reminderDays}
              onChange={(e) => set('reminderDays', e.target.value)}
              aria-invalid={!!errors.reminders || undefined}
              aria-describedby={describedBy('reminders', 'round-reminders-hint')}
            />
            <p id="round-reminders-hint" className="hint small muted">{t('rounds.form.reminderHint')}</p>
            {errorText('reminders')}
          </div>
          <div className="field">
            <label htmlFor={FIELD_IDS.toValidator}>{t('rounds.fields.toValidator')}</label>
            <input
              id={FIELD_IDS.toValidator}
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={values.toValidator}
              onChange={(e) => set('toValidator', e.target.value)}
              aria-invalid={!!errors.toValidator || undefined}
              aria-describedby={describedBy('toValidator', 'round-escalation-hint')}
            />
            {errorText('toValidator')}
          </div>
          <div className="field">
            <label htmlFor={FIELD_IDS.toSecretariat}>{t('rounds.fields.toSecretariat')}</label>
            <input
              id={FIELD_IDS.toSecretariat}
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={values.toSecretariat}
              onChange={(e) => set('toSecretariat', e.target.value)}
              aria-invalid={!!errors.toSecretariat || undefined}
              aria-describedby={describedBy('toSecretariat', 'round-escalation-hint')}
            />
            {errorText('toSecretariat')}
          </div>
        </div>
        <p id="round-escalation-hint" className="hint small muted">{t('rounds.form.escalationHint')}</p>
      </fieldset>

      <button type="submit" className="primary" aria-disabled={busy || undefined}>
        {busy ? t('actionForm.saving') : t('rounds.form.submit')}
      </button>
    </form>
  );
}
