import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { locales } from '../../../shared/i18n';
import { ApiError, searchRecommendations } from '../../api/client';
import { createObligation, updateRatification } from '../../api/obligations';
import type { Obligation, Ratification } from '../../api/types';
import { FormAlert } from '../account/FormAlert';
import { NEW_OBLIGATION_KINDS, RATIFICATION_STATUSES } from './labels';
import { invalidateObligations, useRatifications } from './queries';
import '../workspace/strings';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { keys } from '../../api/query-keys';

/** The secretariat's part of the calendar page: a new obligation, and the State's ratifications. */
export default function CalendarManage({ csrf, onCreated }: { csrf: string; onCreated: (obligation: Obligation) => void }) {
  return (
    <>
      <NewObligationForm csrf={csrf} onCreated={onCreated} />
      <Ratifications csrf={csrf} />
    </>
  );
}

type NewErrors = Partial<Record<'title' | 'mechanism', string>>;
const NEW_FIELD_IDS: Record<keyof NewErrors, string> = { title: `new-obligation-title-${locales[0]}`, mechanism: 'new-obligation-mechanism' };

/** A regional body's request or any other obligation the app does not work out by itself. */
function NewObligationForm({ csrf, onCreated }: { csrf: string; onCreated: (obligation: Obligation) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  // The mechanisms that have recommendations in the catalogue, from the public search's facet (as the round form does).
  const mechanisms = useQuery({
    queryKey: keys.mechanismFacet(locale),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams({ page_size: '1', locale }), signal),
    select: (data) => data.facets.mechanism,
  });
  const [kind, setKind] = useState<(typeof NEW_OBLIGATION_KINDS)[number]>('regional_request');
  const [mechanism, setMechanism] = useState('');
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [dueOn, setDueOn] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<NewErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: NewErrors = {};
    if (!Object.values(titles).some((text) => text.trim().length >= 2)) found.title = t('calendar.new.errors.title');
    if (kind !== 'other' && !mechanism) found.mechanism = t('calendar.new.errors.mechanism');
    setErrors(found);
    setServerError(null);
    const first = (Object.keys(found) as (keyof NewErrors)[])[0];
    if (first) {
      document.getElementById(NEW_FIELD_IDS[first])?.focus();
      return;
    }
    const title: Record<string, string> = {};
    for (const [code, text] of Object.entries(titles)) if (text.trim()) title[code] = text.trim();
    setBusy(true);
    try {
      const created = await createObligation({ kind, mechanism: mechanism || null, title, due_on: dueOn || null, notes: notes.trim() || null }, locale, csrf);
      invalidateObligations(queryClient);
      onCreated(created);
    } catch (error) {
      setServerError(error instanceof ApiError ? error.message : t('auth.genericError'));
      setBusy(false);
      requestAnimationFrame(() => summary.current?.focus());
    }
  }

  const errorText = (name: keyof NewErrors) => errors[name]
    ? <p id={`${NEW_FIELD_IDS[name]}-error`} className="field-error">{errors[name]}</p>
    : null;
  const errorCount = Object.keys(errors).length;

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="new-obligation-heading">
      <h2 id="new-obligation-heading">{t('calendar.new.heading')}</h2>
      <div ref={summary} tabIndex={-1} className="notice-region">
        {errorCount > 0 && <FormAlert title={t('calendar.new.saveError')} message={t('actionForm.errors.count', { number: errorCount })} />}
        {serverError && <FormAlert title={t('calendar.new.saveError')} message={serverError} />}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="new-obligation-kind">{t('calendar.fields.kind')}</label>
          <select id="new-obligation-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {NEW_OBLIGATION_KINDS.map((k) => <option key={k} value={k}>{t(`calendar.kinds.${k}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={NEW_FIELD_IDS.mechanism}>{t('calendar.fields.mechanism')}</label>
          <select
            id={NEW_FIELD_IDS.mechanism}
            value={mechanism}
            onChange={(e) => setMechanism(e.target.value)}
            aria-invalid={!!errors.mechanism || undefined}
            aria-describedby={['new-obligation-mechanism-hint', errors.mechanism ? `${NEW_FIELD_IDS.mechanism}-error` : ''].filter(Boolean).join(' ')}
          >
            <option value="">{t('calendar.new.noMechanism')}</option>
            {(mechanisms.data ?? []).map((m) => <option key={m.key} value={m.key}>{m.label} ({m.key})</option>)}
          </select>
          <p id="new-obligation-mechanism-hint" className="hint small muted">{t('calendar.new.mechanismHint')}</p>
          {errorText('mechanism')}
        </div>
      </div>
      <fieldset className="form-group" aria-describedby="new-obligation-title-hint">
        <legend>{t('calendar.new.title')}</legend>
        <p id="new-obligation-title-hint" className="hint small muted">{t('calendar.new.titleHint')}</p>
        <div className="form-row">
          {locales.map((code) => (
            <div key={code} className="field">
              <label htmlFor={`new-obligation-title-${code}`}>{t(`languages.${code}`)}</label>
              <input
                id={`new-obligation-title-${code}`}
                type="text"
                lang={code}
                maxLength={300}
                value={titles[code] ?? ''}
                onChange={(e) => setTitles({ ...titles, [code]: e.target.value })}
                aria-invalid={!!errors.title || undefined}
                aria-describedby={errors.title ? `${NEW_FIELD_IDS.title}-error` : undefined}
              />
            </div>
          ))}
        </div>
        {errorText('title')}
      </fieldset>
      <div className="form-row">
        <div className="field">
          <label htmlFor="new-obligation-due">{t('calendar.fields.dueOn')}</label>
          <input id="new-obligation-due" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} aria-describedby="new-obligation-due-hint" />
          <p id="new-obligation-due-hint" className="hint small muted">{t('calendar.manage.dueHint')}</p>
        </div>
      </div>
      <div className="field">
        <label htmlFor="new-obligation-notes">{t('calendar.fields.notes')}</label>
        <textarea id="new-obligation-notes" rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <button type="submit" className="primary" aria-disabled={busy || undefined}>
        {busy ? t('actionForm.saving') : t('calendar.new.submit')}
      </button>
    </form>
  );
}


/** The State's treaty ratifications, and the form that corrects one (its periodic reports follow at once). */
function Ratifications({ csrf }: { csrf: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const list = useRatifications(locale);
  const [selected, setSelected] = useState('');
  const pageNotice = usePageNotice();
  const items = list.data ?? [];
  const current = items.find((r) => r.instrument.code === selected) ?? items[0];

  const statusLabel = (r: Ratification) => t(`calendar.ratifications.status.${r.status}`);

  async function save(patch: { status: Ratification['status']; year: number | null; periodicity_years: number | null }) {
    if (!current) return;
    try {
      await updateRatification(current.instrument.code, { ...patch, version: current.version }, locale, csrf);
      void queryClient.invalidateQueries({ queryKey: keys.ratifications.all });
      invalidateObligations(queryClient);
      pageNotice.show({ kind: 'status', message: t('calendar.ratifications.saved', { name: current.instrument.name }) }, true);
    } catch (error) {
      pageNotice.show(failureNotice(t('calendar.ratifications.saveError'), error, t('auth.genericError')), true);
    }
  }

  return (
    <section className="panel" aria-labelledby="ratifications-heading">
      <h2 id="ratifications-heading">{t('calendar.ratifications.heading')}</h2>
      <p>{t('calendar.ratifications.intro')}</p>
      {list.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {list.isError && (
        <FormAlert title={t('calendar.errorHeading')} message={list.error instanceof ApiError ? list.error.message : t('auth.genericError')} />
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table ratifications-table">
            <caption className="visually-hidden">{t('calendar.ratifications.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('calendar.fields.instrument')}</th>
                <th scope="col">{t('calendar.fields.mechanism')}</th>
                <th scope="col">{t('calendar.ratifications.fields.status')}</th>
                <th scope="col" className="numeric">{t('calendar.ratifications.fields.year')}</th>
                <th scope="col" className="numeric">{t('calendar.ratifications.fields.periodicity')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.instrument.code} data-instrument={r.instrument.code}>
                  <th scope="row">
                    {r.instrument.name} ({r.instrument.code})
                    {r.source === 'manual' && <span className="small muted"> · {t('calendar.ratifications.corrected')}</span>}
                  </th>
                  <td>{r.instrument.mechanism}</td>
                  <td>{statusLabel(r)}</td>
                  <td className="numeric">{r.year ?? '—'}</td>
                  <td className="numeric">
                    {r.instrument.periodicity_years
                      ? t('calendar.ratifications.everyYears', { count: r.instrument.periodicity_years })
                      : t('calendar.ratifications.noPeriodic')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NoticeRegion state={pageNotice} onReload={() => void list.refetch()} />
      {current && (
        <RatificationForm
          // Drawn again when another instrument is chosen or a new version arrives.
          key={`${current.instrument.code}-${current.version}`}
          items={items}
          current={current}
          onSelect={(code) => { setSelected(code); pageNotice.show(null); }}
          onSave={save}
        />
      )}
    </section>
  );
}

type RatErrors = Partial<Record<'year' | 'periodicity', string>>;

function RatificationForm({ items, current, onSelect, onSave }: {
  items: Ratification[];
  current: Ratification;
  onSelect: (code: string) => void;
  onSave: (patch: { status: Ratification['status']; year: number | null; periodicity_years: number | null }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(current.status);
  const [year, setYear] = useState(current.year === null ? '' : String(current.year));
  const [periodicity, setPeriodicity] = useState(current.instrument.periodicity_years === null ? '' : String(current.instrument.periodicity_years));
  const [errors, setErrors] = useState<RatErrors>({});
  const [busy, setBusy] = useState(false);
  const whole = (text: string, min: number, max: number) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: RatErrors = {};
    if (year.trim() && !whole(year, 1945, 2100)) found.year = t('calendar.ratifications.errors.year');
    if (periodicity.trim() && !whole(periodicity, 1, 10)) found.periodicity = t('calendar.ratifications.errors.periodicity');
    setErrors(found);
    if (found.year) return document.getElementById('ratification-year')?.focus();
    if (found.periodicity) return document.getElementById('ratification-periodicity')?.focus();
    setBusy(true);
    await onSave({ status, year: year.trim() ? Number(year) : null, periodicity_years: periodicity.trim() ? Number(periodicity) : null });
    setBusy(false);
  }

  const describedBy = (name: keyof RatErrors, hint: string) => [hint, errors[name] ? `ratification-${name}-error` : ''].filter(Boolean).join(' ');

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="ratification-form-heading">
      <h3 id="ratification-form-heading">{t('calendar.ratifications.formHeading')}</h3>
      <div className="field">
        <label htmlFor="ratification-instrument">{t('calendar.fields.instrument')}</label>
        <select id="ratification-instrument" value={current.instrument.code} onChange={(e) => onSelect(e.target.value)}>
          {items.map((r) => <option key={r.instrument.code} value={r.instrument.code}>{r.instrument.name} ({r.instrument.code})</option>)}
        </select>
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="ratification-status">{t('calendar.ratifications.fields.status')}</label>
          <select id="ratification-status" value={status} onChange={(e) => setStatus(e.target.value as Ratification['status'])}>
            {RATIFICATION_STATUSES.map((s) => <option key={s} value={s}>{t(`calendar.ratifications.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ratification-year">{t('calendar.ratifications.fields.year')}</label>
          <input
            id="ratification-year" type="text" inputMode="numeric" className="short-input" value={year}
            onChange={(e) => setYear(e.target.value)}
            aria-invalid={!!errors.year || undefined} aria-describedby={describedBy('year', 'ratification-year-hint')}
          />
          <p id="ratification-year-hint" className="hint small muted">{t('calendar.ratifications.yearHint')}</p>
          {errors.year && <p id="ratification-year-error" className="field-error" role="alert">{errors.year}</p>}
        </div>
        <div className="field">
          <label htmlFor="ratification-periodicity">{t('calendar.ratifications.fields.periodicity')}</label>
          <input
            id="ratification-periodicity" type="text" inputMode="numeric" className="short-input" value={periodicity}
            onChange={(e) => setPeriodicity(e.target.value)}
            aria-invalid={!!errors.periodicity || undefined} aria-describedby={describedBy('periodicity', 'ratification-periodicity-hint')}
          />
          <p id="ratification-periodicity-hint" className="hint small muted">{t('calendar.ratifications.periodicityHint')}</p>
          {errors.periodicity && <p id="ratification-periodicity-error" className="field-error" role="alert">{errors.periodicity}</p>}
        </div>
      </div>
      <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('calendar.ratifications.save')}</button>
    </form>
  );
}
