import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { searchRecommendations } from '../../api/client';
import { createReport, searchParams, type Report, type ReportGrouping, type ReportSearch, type ReportTemplate } from '../../api/reports';
import { formatNumber } from '../../lib/format';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { FormAlert } from '../account/FormAlert';
import { groupingLabel, REPORT_GROUPINGS, REPORT_LANGUAGES, REPORT_TEMPLATES, templateLabel } from './labels';
import { keys } from '../../api/query-keys';

/** The API refuses larger drafts (MAX_REPORT_RECOMMENDATIONS in shared/reports.ts, which loads zod). */
export const MAX_REPORT_RECOMMENDATIONS = 5000;

type Mode = 'mechanism' | 'words';
type Language = (typeof REPORT_LANGUAGES)[number];

interface Values {
  template: ReportTemplate;
  title: string;
  language: Language;
  grouping: ReportGrouping;
  mode: Mode;
  mechanism: string;
  cycle: string;
  yearFrom: string;
  yearTo: string;
  q: string;
}

type Errors = Partial<Record<'title' | 'mechanism' | 'years' | 'q' | 'selection', string>>;

/** The element id of each field that can be in error, so that errors point at it and focus can move to it. */
const FIELD_IDS: Record<keyof Errors, string> = {
  title: 'report-title',
  mechanism: 'report-mechanism',
  years: 'report-year-from',
  q: 'report-q',
  selection: 'report-selection-count',
};

const isYear = (text: string) => /^\d{4}$/.test(text.trim()) && Number(text) >= 1900 && Number(text) <= 2100;

function yearProblem(values: Values, t: (key: string) => string): string | undefined {
  const from = values.yearFrom.trim();
  const to = values.yearTo.trim();
  if ((from && !isYear(from)) || (to && !isYear(to))) return t('reports.form.errors.year');
  if (from && to && Number(from) > Number(to)) return t('reports.form.errors.yearOrder');
  return undefined;
}

/** The selection as the API's `search`; null while it is incomplete. */
function selectionOf(values: Values): ReportSearch | null {
  if (values.mode === 'words') return values.q.trim() ? { q: values.q.trim() } : null;
  if (!values.mechanism) return null;
  const from = values.yearFrom.trim();
  const to = values.yearTo.trim();
  if ((from && !isYear(from)) || (to && !isYear(to))) return null;
  return {
    mechanism: [values.mechanism],
    ...(values.cycle ? { cycle: [Number(values.cycle)] } : {}),
    ...(from ? { year_from: Number(from) } : {}),
    ...(to ? { year_to: Number(to) } : {}),
  };
}

/** `value`, once it has stopped changing for a moment: typing a word does not ask the server at each key. */
function useSettled<T>(value: T, delay = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * The secretariat composes a draft: its template, title, language and
 * grouping, and the recommendations it covers (a mechanism and a period, or
 * the words of a search). The number of recommendations the selection matches
 * is shown before composing.
 */
export function ComposeForm({ csrf, onCreated }: { csrf: string; onCreated: (report: Report) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [values, setValues] = useState<Values>({
    template: 'upr_midterm', title: '', language: (REPORT_LANGUAGES as readonly string[]).includes(locale) ? (locale as Language) : 'es',
    grouping: 'theme', mode: 'mechanism', mechanism: '', cycle: '', yearFrom: '', yearTo: '', q: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const notice = usePageNotice();

  // The mechanisms with recommendations in the catalogue, and the cycles of the chosen one, from the search's facets.
  const mechanisms = useQuery({
    queryKey: keys.mechanismFacet(locale),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams({ page_size: '1', locale }), signal),
    select: (data) => data.facets.mechanism,
  });
  const cycles = useQuery({
    queryKey: keys.reportCycles(values.mechanism, locale),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams({ mechanism: values.mechanism, page_size: '1', locale }), signal),
    select: (data) => data.facets.cycle,
    enabled: values.mode === 'mechanism' && values.mechanism !== '',
  });

  // The selection as query parameters ('' while incomplete): a string, so that it settles once and keys the cache.
  const current = selectionOf(values);
  const currentKey = current ? searchParams(current).toString() : '';
  const selectionKey = useSettled(currentKey);
  const counting = selectionKey !== '';
  const count = useQuery({
    queryKey: keys.reportSelectionCount(selectionKey),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams(selectionKey);
      params.set('page_size', '1');
      params.set('locale', locale);
      return searchRecommendations(params, signal);
    },
    select: (data) => data.total,
    enabled: counting,
    placeholderData: keepPreviousData,
  });
  // A number only when it answers the selection as it stands now, not one typed a moment ago.
  const counted = counting && selectionKey === currentKey && count.data !== undefined && !count.isPlaceholderData ? count.data : null;

  const set = <K extends keyof Values>(name: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (name !== 'template' && name !== 'language' && name !== 'grouping') setErrors((e) => ({ ...e, selection: undefined }));
  };

  function validate(): Errors {
    const found: Errors = {};
    if (!values.title.trim()) found.title = t('reports.form.errors.title');
    if (values.mode === 'mechanism') {
      if (!values.mechanism) found.mechanism = t('reports.form.errors.mechanism');
      const years = yearProblem(values, t);
      if (years) found.years = years;
    } else if (!values.q.trim()) {
      found.q = t('reports.form.errors.words');
    }
    if (counted !== null) {
      if (counted === 0) found.selection = t('reports.form.errors.empty');
      else if (counted > MAX_REPORT_RECOMMENDATIONS) found.selection = t('reports.form.errors.tooMany', { max: formatNumber(MAX_REPORT_RECOMMENDATIONS, locale) });
    }
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = validate();
    setErrors(found);
    notice.show(null);
    const first = (Object.keys(found) as (keyof Errors)[])[0];
    if (first) {
      document.getElementById(FIELD_IDS[first])?.focus();
      return;
    }
    setBusy(true);
    try {
      const report = await createReport({
        template: values.template, title: values.title.trim(), language: values.language, grouping: values.grouping, search: selectionOf(values)!,
      }, locale, csrf);
      onCreated(report);
    } catch (error) {
      notice.show(failureNotice(t('reports.form.error'), error, t('auth.genericError')), true);
      setBusy(false);
    }
  }

  const describedBy = (name: keyof Errors, hint?: string) =>
    [hint, errors[name] ? `${FIELD_IDS[name]}-error` : null].filter(Boolean).join(' ') || undefined;
  const errorText = (name: keyof Errors) => errors[name]
    ? <p id={`${FIELD_IDS[name]}-error`} className="field-error">{errors[name]}</p>
    : null;
  const errorCount = Object.values(errors).filter(Boolean).length;

  let countText = t('reports.form.countHint');
  if (counted !== null) countText = t('reports.form.matches', { number: formatNumber(counted, locale) });
  else if (current !== null && counting && count.isError) countText = t('reports.form.countError');
  else if (current !== null) countText = t('reports.form.counting');

  return (
    <form className="workspace-form report-compose" onSubmit={submit} noValidate aria-labelledby="report-form-heading">
      <h2 id="report-form-heading">{t('reports.form.heading')}</h2>
      <div className="notice-region">
        {errorCount > 0 && <FormAlert title={t('reports.form.errors.heading')} message={t('actionForm.errors.count', { number: errorCount })} />}
      </div>
      <NoticeRegion state={notice} onReload={() => undefined} />

      <div className="form-row">
        <div className="field">
          <label htmlFor="report-template">{t('reports.fields.template')}</label>
          <select id="report-template" value={values.template} onChange={(e) => set('template', e.target.value as ReportTemplate)}>
            {REPORT_TEMPLATES.map((code) => <option key={code} value={code}>{templateLabel(t, code)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-language">{t('reports.fields.language')}</label>
          <select id="report-language" value={values.language} onChange={(e) => set('language', e.target.value as Language)}>
            {REPORT_LANGUAGES.map((code) => <option key={code} value={code}>{t(`languages.${code}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-grouping">{t('reports.fields.grouping')}</label>
          <select id="report-grouping" value={values.grouping} onChange={(e) => set('grouping', e.target.value as ReportGrouping)}>
            {REPORT_GROUPINGS.map((code) => <option key={code} value={code}>{groupingLabel(t, code)}</option>)}
          </select>
        </div>
      </div>

      <div className="field">
        <label htmlFor={FIELD_IDS.title}>{t('reports.fields.title')}</label>
        <input
          id={FIELD_IDS.title}
          type="text"
          maxLength={300}
          value={values.title}
          onChange={(e) => set('title', e.target.value)}
          aria-invalid={!!errors.title || undefined}
          aria-describedby={describedBy('title')}
          required
        />
        {errorText('title')}
      </div>

      <fieldset className="form-group" aria-describedby="report-selection-hint">
        <legend>{t('reports.form.selection')}</legend>
        <p id="report-selection-hint" className="hint small muted">{t('reports.form.selectionHint')}</p>
        <div className="field field-inline">
          <input
            type="radio"
            id="report-mode-mechanism"
            name="report-mode"
            checked={values.mode === 'mechanism'}
            onChange={() => set('mode', 'mechanism')}
          />
          <label htmlFor="report-mode-mechanism">{t('reports.form.byMechanism')}</label>
        </div>
        <div className="field field-inline">
          <input type="radio" id="report-mode-words" name="report-mode" checked={values.mode === 'words'} onChange={() => set('mode', 'words')} />
          <label htmlFor="report-mode-words">{t('reports.form.byWords')}</label>
        </div>

        {values.mode === 'mechanism' ? (
          <div className="form-row">
            <div className="field">
              <label htmlFor={FIELD_IDS.mechanism}>{t('reports.form.mechanism')}</label>
              <select
                id={FIELD_IDS.mechanism}
                value={values.mechanism}
                onChange={(e) => setValues((v) => ({ ...v, mechanism: e.target.value, cycle: '' }))}
                aria-invalid={!!errors.mechanism || undefined}
                aria-describedby={describedBy('mechanism')}
                required
              >
                <option value="">{t('reports.form.chooseMechanism')}</option>
                {(mechanisms.data ?? []).map((m) => <option key={m.key} value={m.key}>{m.label} ({m.short ?? m.key})</option>)}
              </select>
              {errorText('mechanism')}
            </div>
            {(cycles.data ?? []).length > 0 && (
              <div className="field">
                <label htmlFor="report-cycle">{t('reports.form.cycle')}</label>
                <select id="report-cycle" value={values.cycle} onChange={(e) => set('cycle', e.target.value)}>
                  <option value="">{t('reports.form.anyCycle')}</option>
                  {cycles.data!.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor={FIELD_IDS.years}>{t('reports.form.yearFrom')}</label>
              <input
                id={FIELD_IDS.years}
                type="text"
                inputMode="numeric"
                maxLength={4}
                className="year-input"
                value={values.yearFrom}
                onChange={(e) => set('yearFrom', e.target.value)}
                aria-invalid={!!errors.years || undefined}
                aria-describedby={describedBy('years', 'report-years-hint')}
              />
            </div>
            <div className="field">
              <label htmlFor="report-year-to">{t('reports.form.yearTo')}</label>
              <input
                id="report-year-to"
                type="text"
                inputMode="numeric"
                maxLength={4}
                className="year-input"
                value={values.yearTo}
                onChange={(e) => set('yearTo', e.target.value)}
                aria-invalid={!!errors.years || undefined}
                aria-describedby={describedBy('years', 'report-years-hint')}
              />
            </div>
            <p id="report-years-hint" className="hint small muted report-years-hint">{t('reports.form.yearsHint')}</p>
            {errorText('years')}
          </div>
        ) : (
          <div className="field">
            <label htmlFor={FIELD_IDS.q}>{t('reports.form.words')}</label>
            <input
              id={FIELD_IDS.q}
              type="text"
              maxLength={500}
              value={values.q}
              onChange={(e) => set('q', e.target.value)}
              aria-invalid={!!errors.q || undefined}
              aria-describedby={describedBy('q', 'report-q-hint')}
            />
            <p id="report-q-hint" className="hint small muted">{t('reports.form.wordsHint')}</p>
            {errorText('q')}
          </div>
        )}

        <p id={FIELD_IDS.selection} className="report-count" role="status" tabIndex={-1} data-count={counted ?? undefined}>{countText}</p>
        {errorText('selection')}
      </fieldset>

      <button type="submit" className="primary" aria-disabled={busy || undefined}>
        {busy ? t('reports.form.composing') : t('reports.form.submit')}
      </button>
    </form>
  );
}
