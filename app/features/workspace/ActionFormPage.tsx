import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/http';
import type { ActionDetail, ActionInput } from '../../api/types';
import { useSave } from '../../api/use-save';
import { createAction, updateAction } from '../../api/workspace';
import { errorId, Field, FieldError } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { DetailPage } from '../../components/DetailPage';
import { Notice } from '../../components/Notice';
import { QueryBoundary } from '../../components/QueryBoundary';
import { institutionsWhere } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { languageName, recommendationTitle } from '../../lib/recommendation-labels';
import {
  ACTION_REACHES, ACTION_TYPES, CONTENT_LANGUAGES, DEFAULT_CURRENCY, institutionLabel, reachLabel, typeLabel,
} from '../../lib/action-model';
import { useAction, useInstitutions, useQueue } from '../../api/workspace-queries';
import '../../lib/workspace-strings';
import { LIMITS } from '../../../shared/limits';
import { keys } from '../../api/query-keys';
import { PlanActivityField } from '../plans/PlanActivityField';

/**
 * Writing an action report: a new one (/workspace/actions/new, optionally
 * with ?institution= and ?recommendation= from a queue item) or an existing
 * draft or returned one (/workspace/actions/:id/edit).
 */
export default function ActionFormPage() {
  const { id } = useParams();
  return id ? <EditAction id={id} /> : <NewAction />;
}

function NewAction() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const session = useSession(true);
  const title = t('actionForm.newTitle');
  useDocumentTitle(title, t('app.name'));
  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;
  const authorOf = institutionsWhere(session.data, 'action:create');
  if (authorOf.length === 0) return <NotAuthor title={title} signedIn={!!session.data} />;
  const asked = Number(params.get('institution'));
  const institutionId = authorOf.includes(asked) ? asked : authorOf.length === 1 ? authorOf[0] : null;
  const recommendation = Number(params.get('recommendation'));
  const initial = emptyForm(i18n.language, institutionId, Number.isInteger(recommendation) && recommendation > 0 ? [recommendation] : []);
  return <ActionForm title={title} initial={initial} authorOf={authorOf} csrf={session.data?.csrf_token} />;
}

/** For a visitor or a person who does not write reports: say why there is no form. */
function NotAuthor({ title, signedIn }: { title: string; signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <DetailPage title={title}>
      <Notice kind="info">
        <p>{signedIn ? t('actionForm.notAuthor') : t('workspace.notSignedIn')}</p>
        <p>
          {signedIn
            ? <Link to={`/${i18n.language}/workspace`}>{t('action.backToWorkspace')}</Link>
            : <Link to={`/${i18n.language}/sign-in`}>{t('auth.signInLink')}</Link>}
        </p>
      </Notice>
    </DetailPage>
  );
}

function EditAction({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const session = useSession(true);
  const action = useAction(id, i18n.language);
  const title = t('actionForm.editTitle');
  useDocumentTitle(title, t('app.name'));

  if (session.isPending) return <p role="status" className="page">{t('action.loading')}</p>;
  return (
    <QueryBoundary query={action} loading={t('action.loading')} title={title} errorTitle={t('action.errorHeading')}>
      {(detail) => detail.editable ? (
        <ActionForm
          // A reload after a conflict brings a new version: start again from it.
          key={`${detail.id}:${detail.version}`}
          title={title}
          initial={formFrom(detail)}
          authorOf={[detail.institution.id]}
          csrf={session.data?.csrf_token}
          existing={detail}
          reload={() => void action.refetch()}
        />
      ) : (
        <DetailPage title={title}>
          <Notice kind="info">
            <p>{t('actionForm.notEditable')}</p>
            <p><Link to={`/${i18n.language}/workspace/actions/${detail.id}`}>{t('actionForm.backToReport')}</Link></p>
          </Notice>
        </DetailPage>
      )}
    </QueryBoundary>
  );
}

interface TextEntry {
  /** Stable key for React while entries are added and removed. */
  key: number;
  lang: string;
  title: string;
  description: string;
}

interface FormValues {
  institutionId: number | null;
  /** texts[0] is the original language; the others are translations. */
  texts: TextEntry[];
  actionType: string;
  reach: string;
  startDate: string;
  endDate: string;
  progress: string;
  budgetAmount: string;
  budgetCurrency: string;
  budgetProgramme: string;
  recommendationIds: number[];
  /** The planned activity the report carries out, and whether it completes it. */
  planActivityId: number | null;
  completesActivity: boolean;
}

function emptyForm(locale: string, institutionId: number | null, recommendationIds: number[]): FormValues {
  return {
    institutionId,
    texts: [{ key: 0, lang: locale, title: '', description: '' }],
    actionType: '',
    reach: '',
    startDate: '',
    endDate: '',
    progress: '',
    budgetAmount: '',
    budgetCurrency: DEFAULT_CURRENCY,
    budgetProgramme: '',
    recommendationIds,
    planActivityId: null,
    completesActivity: false,
  };
}

function formFrom(detail: ActionDetail): FormValues {
  const languages = [detail.original_language, ...Object.keys({ ...detail.titles, ...detail.descriptions })
    .filter((code) => code !== detail.original_language)];
  return {
    institutionId: detail.institution.id,
    texts: [...new Set(languages)].map((lang, key) => ({
      key, lang, title: detail.titles[lang] ?? '', description: detail.descriptions[lang] ?? '',
    })),
    actionType: detail.action_type,
    reach: detail.reach,
    startDate: detail.start_date ?? '',
    endDate: detail.end_date ?? '',
    progress: detail.progress === null ? '' : String(detail.progress),
    budgetAmount: detail.budget ? String(detail.budget.amount) : '',
    budgetCurrency: detail.budget?.currency ?? DEFAULT_CURRENCY,
    budgetProgramme: detail.budget?.programme ?? '',
    recommendationIds: detail.recommendation_ids,
    planActivityId: detail.plan_activity_id,
    completesActivity: detail.completes_activity,
  };
}

type FieldErrors = Partial<Record<string, string>>;

const { progress: PROGRESS } = LIMITS.action;

/** Checks the person can fix before sending; the server checks everything again. */
function validate(values: FormValues, t: (key: string, options?: Record<string, unknown>) => string): FieldErrors {
  const errors: FieldErrors = {};
  if (values.institutionId === null) errors.institution = t('actionForm.errors.institution');
  if (!values.texts[0].title.trim()) errors['title-0'] = t('actionForm.errors.title');
  values.texts.slice(1).forEach((entry, index) => {
    if (!entry.title.trim() && !entry.description.trim()) errors[`title-${index + 1}`] = t('actionForm.errors.translationEmpty');
  });
  if (!values.actionType) errors.type = t('actionForm.errors.type');
  if (!values.reach) errors.reach = t('actionForm.errors.reach');
  if (values.startDate && values.endDate && values.endDate < values.startDate) errors.end = t('actionForm.errors.dates');
  if (values.progress !== '') {
    const progress = Number(values.progress);
    if (!Number.isInteger(progress) || progress < PROGRESS.min || progress > PROGRESS.max) errors.progress = t('actionForm.errors.progress');
  }
  if (values.budgetAmount.trim() !== '') {
    const amount = parseAmount(values.budgetAmount);
    if (amount === null) errors.amount = t('actionForm.errors.amount');
    if (!/^[A-Z]{3}$/.test(values.budgetCurrency.trim().toUpperCase())) errors.currency = t('actionForm.errors.currency');
  }
  if (values.recommendationIds.length === 0) errors.recommendations = t('actionForm.errors.recommendations');
  return errors;
}

/** "1.500.000,50", "1500000.5" or "1,500,000" → 1500000.5; null when not a non-negative amount. */
function parseAmount(text: string): number | null {
  let cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  // The last separator followed by one or two digits is the decimal one; the others group thousands.
  const decimal = /[.,](\d{1,2})$/.exec(cleaned);
  const fraction = decimal ? decimal[1] : '';
  if (decimal) cleaned = cleaned.slice(0, decimal.index);
  cleaned = cleaned.replace(/[.,]/g, '');
  if (!/^\d+$/.test(cleaned)) return null;
  const value = Number(`${cleaned}.${fraction || '0'}`);
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
}

function toInput(values: FormValues): Omit<ActionInput, 'institution_id'> {
  const title: Record<string, string> = {};
  const description: Record<string, string> = {};
  for (const entry of values.texts) {
    if (entry.title.trim()) title[entry.lang] = entry.title.trim();
    if (entry.description.trim()) description[entry.lang] = entry.description.trim();
  }
  const amount = values.budgetAmount.trim() === '' ? null : parseAmount(values.budgetAmount);
  return {
    title,
    description,
    original_language: values.texts[0].lang,
    action_type: values.actionType as ActionInput['action_type'],
    reach: values.reach as ActionInput['reach'],
    start_date: values.startDate || null,
    end_date: values.endDate || null,
    progress: values.progress === '' ? null : Number(values.progress),
    budget: amount === null ? null : {
      amount,
      currency: values.budgetCurrency.trim().toUpperCase(),
      programme: values.budgetProgramme.trim() || null,
    },
    recommendation_ids: values.recommendationIds,
    plan_activity_id: values.planActivityId,
    completes_activity: values.completesActivity,
  };
}

interface ActionFormProps {
  title: string;
  initial: FormValues;
  /** Institutions the person may report for. */
  authorOf: number[];
  csrf: string | undefined;
  existing?: ActionDetail;
  reload?: () => void;
}

function ActionForm({ title, initial, authorOf, csrf, existing, reload }: ActionFormProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const institutions = useInstitutions(locale);

  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useSave({
    save: (input: Omit<ActionInput, 'institution_id'>) => existing
      ? updateAction(existing.id, { ...input, version: existing.version }, locale, csrf!)
      : createAction({ ...input, institution_id: values.institutionId! }, locale, csrf!),
    onSaved: (saved) => {
      queryClient.setQueryData(keys.action(String(saved.id), locale), saved);
      void queryClient.invalidateQueries({ queryKey: keys.actions.all });
      void navigate(`/${locale}/workspace/actions/${saved.id}`, { state: { saved: true } });
    },
  });
  const nextKey = useRef(initial.texts.length);
  const queue = useQueue(values.institutionId, locale);

  const set = <K extends keyof FormValues>(name: K, value: FormValues[K]) => setValues((v) => ({ ...v, [name]: value }));
  const setText = (index: number, change: Partial<TextEntry>) =>
    setValues((v) => ({ ...v, texts: v.texts.map((entry, i) => (i === index ? { ...entry, ...change } : entry)) }));

  const used = new Set(values.texts.map((entry) => entry.lang));
  const canAddLanguage = CONTENT_LANGUAGES.some((code) => !used.has(code));

  function addTranslation() {
    const lang = CONTENT_LANGUAGES.find((code) => !used.has(code));
    if (!lang) return;
    const key = nextKey.current++;
    setValues((v) => ({ ...v, texts: [...v.texts, { key, lang, title: '', description: '' }] }));
    // The new translation's language is the next thing to fill in.
    requestAnimationFrame(() => document.getElementById(`action-lang-${key}`)?.focus());
  }

  function removeTranslation(index: number) {
    setValues((v) => ({ ...v, texts: v.texts.filter((_, i) => i !== index) }));
    requestAnimationFrame(() => document.getElementById('add-translation')?.focus());
  }

  function toggleRecommendation(id: number, checked: boolean) {
    setValues((v) => ({
      ...v,
      recommendationIds: checked ? [...v.recommendationIds, id] : v.recommendationIds.filter((r) => r !== id),
    }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    const found = validate(values, t);
    setErrors(found);
    save.reset();
    if (focusFirstError(found, fieldId)) return;
    if (!csrf) return;
    save.submit(toInput(values));
  }

  /** A field's props beyond Field's: the error of a group (a fieldset) is read with the group. */
  const groupDescribedBy = (name: string, hint?: string) =>
    [hint, errors[name] ? errorId(fieldId(name)) : null].filter(Boolean).join(' ') || undefined;
  const errorText = (name: string) => <FieldError id={fieldId(name)} error={errors[name]} />;

  const backTo = existing ? `/${locale}/workspace/actions/${existing.id}` : `/${locale}/workspace`;
  const queueItems = queue.data?.items ?? [];
  // Linked recommendations no longer in the first page of the queue stay listed, so they can be unlinked.
  const extraLinked = values.recommendationIds.filter((id) => !queueItems.some((item) => item.recommendation.id === id));

  return (
    <DetailPage
      className="page action-form-page"
      title={title}
      back={{ to: backTo, label: existing ? t('actionForm.backToReport') : t('action.backToWorkspace') }}
      intro={existing && <p className="intro" lang={existing.title_language}>{existing.title}</p>}
    >

      <FormErrors
        heading={t('actionForm.errors.heading')}
        errors={errors}
        failure={save.failure}
        onReload={reload}
      />
      {!csrf && <div className="alert alert-info"><p>{t('workspace.notSignedIn')}</p></div>}

      <form className="workspace-form" onSubmit={submit} noValidate>
        {!existing && authorOf.length !== 1 && (
          <Field id={fieldId('institution')} label={t('actionForm.institution')} error={errors.institution}>
            {(props) => (
              <select
                {...props}
                value={values.institutionId ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, institutionId: e.target.value ? Number(e.target.value) : null, recommendationIds: [] }))}
              >
                <option value="">{t('actionForm.choose')}</option>
                {authorOf.map((id) => <option key={id} value={id}>{institutionLabel(t, institutions.data, id)}</option>)}
              </select>
            )}
          </Field>
        )}
        {(existing || authorOf.length === 1) && values.institutionId !== null && (
          <p><strong>{t('actionForm.institution')}:</strong> {institutionLabel(t, institutions.data, values.institutionId)}</p>
        )}

        <fieldset className="form-group">
          <legend>{t('actionForm.textsLegend')}</legend>
          {values.texts.map((entry, index) => {
            const original = index === 0;
            return (
              <div key={entry.key} className="text-entry">
                <div className="field">
                  <label htmlFor={`action-lang-${entry.key}`}>
                    {original ? t('actionForm.originalLanguage') : t('actionForm.translationLanguage')}
                  </label>
                  <select
                    id={`action-lang-${entry.key}`}
                    value={entry.lang}
                    onChange={(e) => setText(index, { lang: e.target.value })}
                  >
                    {CONTENT_LANGUAGES.filter((code) => code === entry.lang || !used.has(code)).map((code) => (
                      <option key={code} value={code}>{languageName(t, code)}</option>
                    ))}
                  </select>
                </div>
                <Field
                  id={fieldId(`title-${index}`)}
                  label={t('actionForm.titleIn', { language: languageName(t, entry.lang) })}
                  error={errors[`title-${index}`]}
                  required={original}
                  showRequired={original}
                >
                  {(props) => (
                    <input
                      {...props}
                      type="text"
                      lang={entry.lang}
                      maxLength={LIMITS.action.title}
                      value={entry.title}
                      onChange={(e) => setText(index, { title: e.target.value })}
                    />
                  )}
                </Field>
                <div className="field">
                  <label htmlFor={`action-description-${entry.key}`}>
                    {t('actionForm.descriptionIn', { language: languageName(t, entry.lang) })}
                  </label>
                  <textarea
                    id={`action-description-${entry.key}`}
                    lang={entry.lang}
                    rows={original ? 6 : 4}
                    maxLength={LIMITS.action.description}
                    value={entry.description}
                    onChange={(e) => setText(index, { description: e.target.value })}
                  />
                </div>
                {!original && (
                  <button type="button" className="link-button" onClick={() => removeTranslation(index)}>
                    {t('actionForm.removeTranslation', { language: languageName(t, entry.lang) })}
                  </button>
                )}
              </div>
            );
          })}
          {canAddLanguage && (
            <button type="button" id="add-translation" className="secondary" onClick={addTranslation}>
              {t('actionForm.addTranslation')}
            </button>
          )}
        </fieldset>

        <div className="form-row">
          <Field id={fieldId('type')} label={t('action.fields.type')} error={errors.type} required>
            {(props) => (
              <select {...props} value={values.actionType} onChange={(e) => set('actionType', e.target.value)}>
                <option value="">{t('actionForm.choose')}</option>
                {ACTION_TYPES.map((type) => <option key={type} value={type}>{typeLabel(t, type)}</option>)}
              </select>
            )}
          </Field>
        </div>

        <fieldset
          className="form-group"
          aria-describedby={groupDescribedBy('reach', 'reach-hint')}
        >
          <legend>{t('action.fields.reach')}</legend>
          <p id="reach-hint" className="hint small muted">{t('actionForm.reachHint')}</p>
          {ACTION_REACHES.map((reach, index) => (
            <div key={reach} className="field field-inline">
              <input
                type="radio"
                id={index === 0 ? fieldId('reach') : `action-reach-${reach}`}
                name="reach"
                value={reach}
                checked={values.reach === reach}
                onChange={() => set('reach', reach)}
              />
              <label htmlFor={index === 0 ? fieldId('reach') : `action-reach-${reach}`}>{reachLabel(t, reach)}</label>
            </div>
          ))}
          {errorText('reach')}
        </fieldset>

        <div className="form-row">
          <Field id={fieldId('start')} label={t('action.fields.startDate')}>
            {(props) => <input {...props} type="date" value={values.startDate} onChange={(e) => set('startDate', e.target.value)} />}
          </Field>
          <Field id={fieldId('end')} label={t('action.fields.endDate')} error={errors.end}>
            {(props) => <input {...props} type="date" value={values.endDate} onChange={(e) => set('endDate', e.target.value)} />}
          </Field>
          <Field id={fieldId('progress')} label={t('action.fields.progress')} hint={t('actionForm.progressHint')} error={errors.progress}>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                min={PROGRESS.min}
                max={PROGRESS.max}
                step={1}
                value={values.progress}
                onChange={(e) => set('progress', e.target.value)}
              />
            )}
          </Field>
        </div>

        <fieldset className="form-group">
          <legend>{t('action.fields.budget')}</legend>
          <p className="hint small muted">{t('actionForm.budgetHint')}</p>
          <div className="form-row">
            <Field id={fieldId('amount')} label={t('actionForm.amount')} error={errors.amount}>
              {(props) => (
                <input {...props} type="text" inputMode="decimal" value={values.budgetAmount} onChange={(e) => set('budgetAmount', e.target.value)} />
              )}
            </Field>
            <Field id={fieldId('currency')} label={t('actionForm.currency')} hint={t('actionForm.currencyHint')} error={errors.currency}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  className="short-input"
                  maxLength={LIMITS.action.currencyLength}
                  autoCapitalize="characters"
                  value={values.budgetCurrency}
                  onChange={(e) => set('budgetCurrency', e.target.value.toUpperCase())}
                />
              )}
            </Field>
            <Field id="action-programme" label={t('actionForm.programme')}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  maxLength={LIMITS.action.programme}
                  value={values.budgetProgramme}
                  onChange={(e) => set('budgetProgramme', e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>

        <PlanActivityField
          institutionId={values.institutionId}
          activityId={values.planActivityId}
          completes={values.completesActivity}
          onChange={(planActivityId, completesActivity) => setValues((v) => ({ ...v, planActivityId, completesActivity }))}
        />

        <fieldset className="form-group" aria-describedby={groupDescribedBy('recommendations')}>
          <legend>{t('actionForm.recommendations')}</legend>
          {values.institutionId === null && <p className="muted">{t('actionForm.chooseInstitutionFirst')}</p>}
          {queue.isPending && values.institutionId !== null && <p role="status">{t('workspace.loadingList')}</p>}
          {queue.isError && <p className="field-error">{errorMessage(queue.error, t('auth.genericError'))}</p>}
          {queue.data && queueItems.length === 0 && <p>{t('workspace.queue.empty')}</p>}
          <ul className="check-list">
            {queueItems.map((item, index) => {
              const checkboxId = index === 0 ? fieldId('recommendations') : `action-rec-${item.recommendation.id}`;
              return (
                <li key={item.id}>
                  <input
                    type="checkbox"
                    id={checkboxId}
                    checked={values.recommendationIds.includes(item.recommendation.id)}
                    onChange={(e) => toggleRecommendation(item.recommendation.id, e.target.checked)}
                    aria-describedby={`${checkboxId}-text`}
                  />
                  <div>
                    <label htmlFor={checkboxId}>{recommendationTitle(t, item.recommendation)}</label>
                    <p id={`${checkboxId}-text`} className="small muted check-text">{item.recommendation.text}</p>
                  </div>
                </li>
              );
            })}
            {extraLinked.map((id) => (
              <li key={`extra-${id}`}>
                <input
                  type="checkbox"
                  id={`action-rec-${id}`}
                  checked
                  onChange={(e) => toggleRecommendation(id, e.target.checked)}
                />
                <label htmlFor={`action-rec-${id}`}>{t('search.resultTitleFallback', { id })}</label>
              </li>
            ))}
          </ul>
          {errorText('recommendations')}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
            {save.busy ? t('actionForm.saving') : existing ? t('actionForm.save') : t('actionForm.create')}
          </button>
          <Link to={backTo}>{t('actionForm.cancel')}</Link>
        </div>
      </form>
    </DetailPage>
  );
}

/** The element id of a field, so that errors can point at it and focus can move to it. */
function fieldId(name: string): string {
  if (name.startsWith('title-')) return `action-title-${name.slice(6)}`;
  return `action-${name}`;
}
