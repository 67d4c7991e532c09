import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { locales } from '../../../shared/i18n';
import { LIMITS } from '../../../shared/limits';
import { searchRecommendations } from '../../api/client';
import { createObligation, updateRatification } from '../../api/obligations';
import type { Obligation, ObligationInput, Ratification } from '../../api/types';
import { useSave } from '../../api/use-save';
import { DataTable } from '../../components/DataTable';
import { describedBy, errorId, Field, FieldError } from '../../components/Field';
import { focusFirstError, FormErrors } from '../../components/FormErrors';
import { QueryList } from '../../components/QueryList';
import { NEW_OBLIGATION_KINDS, RATIFICATION_STATUSES } from './labels';
import { invalidateObligations, useRatifications } from './queries';
import '../../lib/workspace-strings';
import { NoticeRegion, usePageNotice } from '../../lib/page-notice';
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
  const summary = useRef<HTMLDivElement>(null);
  const save = useSave({
    save: (input: ObligationInput) => createObligation(input, locale, csrf),
    onSaved: (created) => {
      invalidateObligations(queryClient);
      onCreated(created);
    },
    onFailed: () => requestAnimationFrame(() => summary.current?.focus()),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    const found: NewErrors = {};
    if (!Object.values(titles).some((text) => text.trim().length >= LIMITS.localizedName.min)) found.title = t('calendar.new.errors.title');
    if (kind !== 'other' && !mechanism) found.mechanism = t('calendar.new.errors.mechanism');
    setErrors(found);
    save.reset();
    if (focusFirstError(found, (name) => NEW_FIELD_IDS[name as keyof NewErrors])) return;
    const title: Record<string, string> = {};
    for (const [code, text] of Object.entries(titles)) if (text.trim()) title[code] = text.trim();
    save.submit({ kind, mechanism: mechanism || null, title, due_on: dueOn || null, notes: notes.trim() || null });
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="new-obligation-heading">
      <h2 id="new-obligation-heading">{t('calendar.new.heading')}</h2>
      <FormErrors
        heading={t('calendar.new.saveError')}
        errors={errors}
        failure={save.failure}
        failureTitle={t('calendar.new.saveError')}
        summaryRef={summary}
      />
      <div className="form-row">
        <Field id="new-obligation-kind" label={t('calendar.fields.kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {NEW_OBLIGATION_KINDS.map((k) => <option key={k} value={k}>{t(`calendar.kinds.${k}`)}</option>)}
            </select>
          )}
        </Field>
        <Field id={NEW_FIELD_IDS.mechanism} label={t('calendar.fields.mechanism')} hint={t('calendar.new.mechanismHint')} error={errors.mechanism}>
          {(props) => (
            <select {...props} value={mechanism} onChange={(e) => setMechanism(e.target.value)}>
              <option value="">{t('calendar.new.noMechanism')}</option>
              {(mechanisms.data ?? []).map((m) => <option key={m.key} value={m.key}>{m.label} ({m.key})</option>)}
            </select>
          )}
        </Field>
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
                maxLength={LIMITS.localizedName.max}
                value={titles[code] ?? ''}
                onChange={(e) => setTitles({ ...titles, [code]: e.target.value })}
                aria-invalid={!!errors.title || undefined}
                aria-describedby={describedBy(errors.title && errorId(NEW_FIELD_IDS.title))}
              />
            </div>
          ))}
        </div>
        <FieldError id={NEW_FIELD_IDS.title} error={errors.title} />
      </fieldset>
      <div className="form-row">
        <Field id="new-obligation-due" label={t('calendar.fields.dueOn')} hint={t('calendar.manage.dueHint')}>
          {(props) => <input {...props} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
        </Field>
      </div>
      <Field id="new-obligation-notes" label={t('calendar.fields.notes')}>
        {(props) => <textarea {...props} rows={3} maxLength={LIMITS.obligation.notes} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
        {save.busy ? t('actionForm.saving') : t('calendar.new.submit')}
      </button>
    </form>
  );
}

type RatificationPatch = { status: Ratification['status']; year: number | null; periodicity_years: number | null };

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

  const save = useSave({
    save: ({ ratification, patch }: { ratification: Ratification; patch: RatificationPatch }) =>
      updateRatification(ratification.instrument.code, { ...patch, version: ratification.version }, locale, csrf),
    onSaved: (_, { ratification }) => {
      void queryClient.invalidateQueries({ queryKey: keys.ratifications.all });
      invalidateObligations(queryClient);
      pageNotice.show({ kind: 'status', message: t('calendar.ratifications.saved', { name: ratification.instrument.name }) }, true);
    },
    onFailed: (failure) => pageNotice.show({ kind: 'error', title: t('calendar.ratifications.saveError'), ...failure }, true),
  });

  return (
    <section className="panel" aria-labelledby="ratifications-heading">
      <h2 id="ratifications-heading">{t('calendar.ratifications.heading')}</h2>
      <p>{t('calendar.ratifications.intro')}</p>
      <QueryList query={list} loading={t('workspace.loadingList')} errorTitle={t('calendar.errorHeading')}>
        {(rows) => (
          <DataTable
            caption={t('calendar.ratifications.heading')}
            className="ratifications-table"
            rows={rows}
            rowKey={(r) => r.instrument.code}
            rowProps={(r) => ({ 'data-instrument': r.instrument.code })}
            empty={null}
            columns={[
              {
                header: t('calendar.fields.instrument'),
                cell: (r) => (
                  <>
                    {r.instrument.name} ({r.instrument.code})
                    {r.source === 'manual' && <span className="small muted"> · {t('calendar.ratifications.corrected')}</span>}
                  </>
                ),
              },
              { header: t('calendar.fields.mechanism'), cell: (r) => r.instrument.mechanism },
              { header: t('calendar.ratifications.fields.status'), cell: statusLabel },
              { header: t('calendar.ratifications.fields.year'), className: 'numeric', cell: (r) => r.year ?? '—' },
              {
                header: t('calendar.ratifications.fields.periodicity'),
                className: 'numeric',
                cell: (r) => r.instrument.periodicity_years
                  ? t('calendar.ratifications.everyYears', { count: r.instrument.periodicity_years })
                  : t('calendar.ratifications.noPeriodic'),
              },
            ]}
          />
        )}
      </QueryList>
      <NoticeRegion state={pageNotice} onReload={() => void list.refetch()} />
      {current && (
        <RatificationForm
          // Drawn again when another instrument is chosen or a new version arrives.
          key={`${current.instrument.code}-${current.version}`}
          items={items}
          current={current}
          busy={save.busy}
          onSelect={(code) => { setSelected(code); pageNotice.show(null); }}
          onSave={(patch) => save.submit({ ratification: current, patch })}
        />
      )}
    </section>
  );
}

type RatErrors = Partial<Record<'year' | 'periodicity', string>>;
const RAT_FIELD_IDS: Record<keyof RatErrors, string> = { year: 'ratification-year', periodicity: 'ratification-periodicity' };
const { year: YEARS, periodicity: PERIODICITY } = LIMITS.ratification;

function RatificationForm({ items, current, busy, onSelect, onSave }: {
  items: Ratification[];
  current: Ratification;
  busy: boolean;
  onSelect: (code: string) => void;
  onSave: (patch: RatificationPatch) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(current.status);
  const [year, setYear] = useState(current.year === null ? '' : String(current.year));
  const [periodicity, setPeriodicity] = useState(current.instrument.periodicity_years === null ? '' : String(current.instrument.periodicity_years));
  const [errors, setErrors] = useState<RatErrors>({});
  const whole = (text: string, range: { min: number; max: number }) => /^\d+$/.test(text.trim()) && Number(text) >= range.min && Number(text) <= range.max;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: RatErrors = {};
    if (year.trim() && !whole(year, YEARS)) found.year = t('calendar.ratifications.errors.year');
    if (periodicity.trim() && !whole(periodicity, PERIODICITY)) found.periodicity = t('calendar.ratifications.errors.periodicity');
    setErrors(found);
    if (focusFirstError(found, (name) => RAT_FIELD_IDS[name as keyof RatErrors])) return;
    onSave({ status, year: year.trim() ? Number(year) : null, periodicity_years: periodicity.trim() ? Number(periodicity) : null });
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="ratification-form-heading">
      <h3 id="ratification-form-heading">{t('calendar.ratifications.formHeading')}</h3>
      <Field id="ratification-instrument" label={t('calendar.fields.instrument')}>
        {(props) => (
          <select {...props} value={current.instrument.code} onChange={(e) => onSelect(e.target.value)}>
            {items.map((r) => <option key={r.instrument.code} value={r.instrument.code}>{r.instrument.name} ({r.instrument.code})</option>)}
          </select>
        )}
      </Field>
      <div className="form-row">
        <Field id="ratification-status" label={t('calendar.ratifications.fields.status')}>
          {(props) => (
            <select {...props} value={status} onChange={(e) => setStatus(e.target.value as Ratification['status'])}>
              {RATIFICATION_STATUSES.map((s) => <option key={s} value={s}>{t(`calendar.ratifications.status.${s}`)}</option>)}
            </select>
          )}
        </Field>
        <Field id={RAT_FIELD_IDS.year} label={t('calendar.ratifications.fields.year')} hint={t('calendar.ratifications.yearHint')} error={errors.year} announce>
          {(props) => <input {...props} type="text" inputMode="numeric" className="short-input" value={year} onChange={(e) => setYear(e.target.value)} />}
        </Field>
        <Field
          id={RAT_FIELD_IDS.periodicity}
          label={t('calendar.ratifications.fields.periodicity')}
          hint={t('calendar.ratifications.periodicityHint')}
          error={errors.periodicity}
          announce
        >
          {(props) => <input {...props} type="text" inputMode="numeric" className="short-input" value={periodicity} onChange={(e) => setPeriodicity(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('calendar.ratifications.save')}</button>
    </form>
  );
}
