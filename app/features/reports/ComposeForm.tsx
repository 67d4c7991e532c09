import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { searchRecommendations } from '../../api/client';
import { createReport, searchParams, type Report, type ReportGrouping, type ReportInput, type ReportSearch, type ReportTemplate } from '../../api/reports';
import { useSave } from '../../api/use-save';
import { describedBy, errorId, Field, FieldError } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { formatNumber } from '../../lib/format';
import { LIMITS } from '../../../shared/limits';
import { groupingLabel, REPORT_GROUPINGS, REPORT_LANGUAGES, REPORT_TEMPLATES, templateLabel } from './labels';
import { keys } from '../../api/query-keys';

const { year: YEARS, query: QUERY_MAX } = LIMITS.search;
const YEAR_DIGITS = String(YEARS.max).length;

type Mode = 'mechanism' | 'words';
type Language = (typeof REPORT_LANGUAGES)[number];

interface Values {
  template: ReportTemplate;
  title: string;
  language: Language;
  grouping: ReportGrouping;
  includeEarlier: boolean;
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

const isYear = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= YEARS.min && Number(text) <= YEARS.max;

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
    grouping: 'theme', includeEarlier: false, mode: 'mechanism', mechanism: '', cycle: '', yearFrom: '', yearTo: '', q: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  const save = useSave({
    save: (input: ReportInput) => createReport(input, locale, csrf),
    onSaved: onCreated,
    onFailed: () => requestAnimationFrame(() => summary.current?.focus()),
  });

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
    if (name !== 'template' && name !== 'language' && name !== 'grouping' && name !== 'includeEarlier') setErrors((e) => ({ ...e, selection: undefined }));
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
      else if (counted > LIMITS.report.recommendations) found.selection = t('reports.form.errors.tooMany', { max: formatNumber(LIMITS.report.recommendations, locale) });
    }
    return found;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    const found = validate();
    setErrors(found);
    save.reset();
    if (focusFirstError(found, (name) => FIELD_IDS[name as keyof Errors])) return;
    save.submit({
      template: values.template, title: values.title.trim(), language: values.language, grouping: values.grouping, include_earlier: values.includeEarlier, search: selectionOf(values)!,
    });
  }

  /** The controls' described-by: their hint, and their error's id when in error. */
  const describe = (name: keyof Errors, hint?: string) => describedBy(hint, errors[name] && errorId(FIELD_IDS[name]));

  let countText = t('reports.form.countHint');
  if (counted !== null) countText = t('reports.form.matches', { number: formatNumber(counted, locale) });
  else if (current !== null && counting && count.isError) countText = t('reports.form.countError');
  else if (current !== null) countText = t('reports.form.counting');

  return (
    <form className="workspace-form report-compose" onSubmit={submit} noValidate aria-labelledby="report-form-heading">
      <h2 id="report-form-heading">{t('reports.form.heading')}</h2>
      <FormErrors
        heading={t('reports.form.errors.heading')}
        errors={errors}
        failure={save.failure}
        failureTitle={t('reports.form.error')}
        summaryRef={summary}
      />

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
          <select id="report-grouping" value={values.grouping} onChange={(e) => set('grouping', e.target.value as ReportGrouping)}
            aria-describedby={values.grouping === 'cluster' ? 'report-grouping-hint' : undefined}>
            {REPORT_GROUPINGS.map((code) => <option key={code} value={code}>{groupingLabel(t, code)}</option>)}
          </select>
          {values.grouping === 'cluster' && <p id="report-grouping-hint" className="hint small muted">{t('reports.form.clusterHint')}</p>}
        </div>
      </div>
      <div className="field field-inline">
        <input
          id="report-include-earlier"
          type="checkbox"
          checked={values.includeEarlier}
          onChange={(e) => set('includeEarlier', e.target.checked)}
          aria-describedby="report-include-earlier-hint"
        />
        <label htmlFor="report-include-earlier">{t('reports.form.includeEarlier')}</label>
      </div>
      <p id="report-include-earlier-hint" className="hint small muted">{t('reports.form.includeEarlierHint')}</p>

      <Field id={FIELD_IDS.title} label={t('reports.fields.title')} error={errors.title} required>
        {(props) => <input {...props} type="text" maxLength={LIMITS.report.title} value={values.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>

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
            <Field id={FIELD_IDS.mechanism} label={t('reports.form.mechanism')} error={errors.mechanism} required>
              {(props) => (
                <select {...props} value={values.mechanism} onChange={(e) => setValues((v) => ({ ...v, mechanism: e.target.value, cycle: '' }))}>
                  <option value="">{t('reports.form.chooseMechanism')}</option>
                  {(mechanisms.data ?? []).map((m) => <option key={m.key} value={m.key}>{m.label} ({m.short ?? m.key})</option>)}
                </select>
              )}
            </Field>
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
                maxLength={YEAR_DIGITS}
                className="year-input"
                value={values.yearFrom}
                onChange={(e) => set('yearFrom', e.target.value)}
                aria-invalid={!!errors.years || undefined}
                aria-describedby={describe('years', 'report-years-hint')}
              />
            </div>
            <div className="field">
              <label htmlFor="report-year-to">{t('reports.form.yearTo')}</label>
              <input
                id="report-year-to"
                type="text"
                inputMode="numeric"
                maxLength={YEAR_DIGITS}
                className="year-input"
                value={values.yearTo}
                onChange={(e) => set('yearTo', e.target.value)}
                aria-invalid={!!errors.years || undefined}
                aria-describedby={describe('years', 'report-years-hint')}
              />
            </div>
            <p id="report-years-hint" className="hint small muted report-years-hint">{t('reports.form.yearsHint')}</p>
            <FieldError id={FIELD_IDS.years} error={errors.years} />
          </div>
        ) : (
          <Field id={FIELD_IDS.q} label={t('reports.form.words')} hint={t('reports.form.wordsHint')} error={errors.q}>
            {(props) => <input {...props} type="text" maxLength={QUERY_MAX} value={values.q} onChange={(e) => set('q', e.target.value)} />}
          </Field>
        )}

        <p id={FIELD_IDS.selection} className="report-count" role="status" tabIndex={-1} data-count={counted ?? undefined}>{countText}</p>
        <FieldError id={FIELD_IDS.selection} error={errors.selection} />
      </fieldset>

      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
        {save.busy ? t('reports.form.composing') : t('reports.form.submit')}
      </button>
    </form>
  );
}
