import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { addMeasurement, getIndicator, removeMeasurement } from '../../api/followup';
import type { IndicatorDetail } from '../../api/types';
import { formatDate, formatNumber } from '../../lib/format';
import { todayIso } from '../../lib/format-detail';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { useSession } from '../../api/session';
import { ChangeHistory } from '../../components/ChangeHistory';
import { indicatorValue } from './format';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

/** One indicator, for everyone: what it measures, its baseline and target, every measurement; focal points record new ones. */
export default function IndicatorPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const session = useSession();
  const key = keys.indicator(id, locale);
  const indicator = useQuery({ queryKey: key, queryFn: ({ signal }) => getIndicator(id, locale, signal), staleTime: 0 });
  const data = indicator.data;
  useDocumentTitle(data?.name ?? (indicator.isError ? t('indicators.errorHeading') : t('indicators.loading')), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !indicator.isPending);
  const [notice, setNotice] = useState<{ ok: boolean; message: string } | null>(null);

  const back = (
    <p className="back-link">
      <Link to={`/${locale}/recommendations`}><span aria-hidden="true">← </span>{t('recommendation.back')}</Link>
    </p>
  );
  if (indicator.isPending) return <div className="page">{back}<p role="status">{t('indicators.loading')}</p></div>;
  if (indicator.isError || !data) {
    return (
      <div className="page">
        {back}
        <h1 ref={heading} tabIndex={-1}>{t('indicators.errorHeading')}</h1>
        <FormAlert title={t('indicators.errorHeading')} message={indicator.error instanceof ApiError ? indicator.error.message : t('auth.genericError')} />
      </div>
    );
  }

  const me = session.data;
  const canManage = !!me && data.permissions.includes('indicator:manage');
  const saved = (updated: IndicatorDetail, message: string) => {
    queryClient.setQueryData(key, updated);
    void queryClient.invalidateQueries({ queryKey: keys.indicators.all });
    void queryClient.invalidateQueries({ queryKey: keys.history.of('indicator', String(data.id)) });
    setNotice({ ok: true, message });
  };

  async function remove(measurementId: number) {
    if (!me) return;
    try {
      saved(await removeMeasurement(data!.id, measurementId, locale, me.csrf_token), t('indicators.removed'));
    } catch (error) {
      setNotice({ ok: false, message: error instanceof ApiError ? error.message : t('auth.genericError') });
    }
  }

  // Newest first in the table; the API gives them oldest first.
  const measurements = [...data.measurements].reverse();

  return (
    <div className="page indicator-page">
      {back}
      <p className="eyebrow">{t(`indicators.kinds.${data.kind}`)} · {data.institution.name}</p>
      <h1 ref={heading} tabIndex={-1}>{data.name}</h1>
      <div className="notice-region">
        {notice?.ok && <div role="status" className="alert alert-success"><p>{notice.message}</p></div>}
        {notice && !notice.ok && <FormAlert title={t('indicators.saveError')} message={notice.message} />}
      </div>

      <section className="panel" aria-labelledby="indicator-details-heading">
        <h2 id="indicator-details-heading">{t('recommendation.detailsHeading')}</h2>
        <dl className="details">
          <Row term={t('indicators.fields.unit')}>{data.unit}</Row>
          <Row term={t('indicators.fields.baseline')}>{indicatorValue(t, locale, data.baseline, data.unit)}</Row>
          <Row term={t('indicators.fields.target')}>{indicatorValue(t, locale, data.target, data.unit)}</Row>
          <Row term={t('indicators.fields.latest')}>
            {data.latest ? indicatorValue(t, locale, { value: data.latest.value, date: data.latest.measured_on }, data.unit) : null}
          </Row>
          <Row term={t('indicators.fields.frequency')}>{t(`indicators.frequencies.${data.frequency}`)}</Row>
          <Row term={t('indicators.fields.disaggregation')}>{data.disaggregation.join(', ')}</Row>
          <Row term={t('indicators.fields.sdg')}>{data.sdg_indicator ? `${data.sdg_indicator.code} ${data.sdg_indicator.title}` : null}</Row>
          <Row term={t('indicators.fields.source')}>{data.data_source}</Row>
          <Row term={t('indicators.fields.recommendations')}>
            {data.recommendation_ids.length > 0 ? (
              <ul className="tags">
                {data.recommendation_ids.map((recId) => (
                  <li key={recId}><Link to={`/${locale}/recommendations/${recId}`}>{t('search.resultTitleFallback', { id: recId })}</Link></li>
                ))}
              </ul>
            ) : null}
          </Row>
        </dl>
      </section>

      <section className="panel" aria-labelledby="measurements-heading">
        <h2 id="measurements-heading">{t('indicators.measurements')}</h2>
        {measurements.length === 0 ? <p>{t('indicators.noMeasurements')}</p> : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('indicators.measurements')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.fields.measuredOn')}</th>
                  <th scope="col" className="numeric">{t('indicators.fields.value', { unit: data.unit })}</th>
                  <th scope="col">{t('indicators.fields.group')}</th>
                  <th scope="col">{t('indicators.fields.note')}</th>
                  {canManage && <th scope="col"><span className="visually-hidden">{t('indicators.actions')}</span></th>}
                </tr>
              </thead>
              <tbody>
                {measurements.map((m) => {
                  const group = Object.entries(m.breakdown).map(([dimension, value]) => `${dimension}: ${value}`).join(', ');
                  return (
                    <tr key={m.id}>
                      <td><time dateTime={m.measured_on}>{formatDate(m.measured_on, locale)}</time></td>
                      <td className="numeric">{formatNumber(m.value, locale)}</td>
                      <td>{group || t('indicators.wholePopulation')}</td>
                      <td>{m.note}</td>
                      {canManage && (
                        <td>
                          <button type="button" className="link-button" onClick={() => void remove(m.id)}>
                            {t('action.evidence.remove')}
                            <span className="visually-hidden"> {formatDate(m.measured_on, locale)} {group}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {canManage && me && (
          <MeasurementForm indicator={data} csrf={me.csrf_token} onSaved={(updated) => saved(updated, t('indicators.recorded'))} />
        )}
      </section>

      {canManage && <ChangeHistory entity="indicator" id={data.id} />}
    </div>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return <div className="details-row"><dt>{term}</dt><dd>{children}</dd></div>;
}

/** Records a measurement: the whole population, or one group per dimension of the indicator's disaggregation. */
function MeasurementForm({ indicator, csrf, onSaved }: { indicator: IndicatorDetail; csrf: string; onSaved: (updated: IndicatorDetail) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [date, setDate] = useState(todayIso());
  const [value, setValue] = useState('');
  const [groups, setGroups] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ date?: string; value?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: { date?: string; value?: string } = {};
    if (!date) found.date = t('indicators.form.errors.date');
    const number = Number(value.trim().replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(number)) found.value = t('indicators.form.errors.value');
    setErrors(found);
    setProblem(null);
    if (found.date) return document.getElementById('measurement-date')?.focus();
    if (found.value) return document.getElementById('measurement-value')?.focus();
    const breakdown: Record<string, string> = {};
    for (const [dimension, group] of Object.entries(groups)) if (group.trim()) breakdown[dimension] = group.trim();
    setBusy(true);
    try {
      onSaved(await addMeasurement(indicator.id, { measured_on: date, value: number, breakdown, note: note.trim() || null }, locale, csrf));
      setValue('');
      setNote('');
      setGroups({});
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : t('auth.genericError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="measurement-form-heading">
      <h3 id="measurement-form-heading">{t('indicators.form.heading')}</h3>
      {problem && <FormAlert title={t('indicators.saveError')} message={problem} />}
      <div className="form-row">
        <div className="field">
          <label htmlFor="measurement-date">{t('indicators.fields.measuredOn')}</label>
          <input
            id="measurement-date"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={!!errors.date || undefined}
            aria-describedby={errors.date ? 'measurement-date-error' : undefined}
          />
          {errors.date && <p id="measurement-date-error" className="field-error">{errors.date}</p>}
        </div>
        <div className="field">
          <label htmlFor="measurement-value">{t('indicators.fields.value', { unit: indicator.unit })}</label>
          <input
            id="measurement-value"
            type="text"
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={!!errors.value || undefined}
            aria-describedby={errors.value ? 'measurement-value-error' : undefined}
          />
          {errors.value && <p id="measurement-value-error" className="field-error">{errors.value}</p>}
        </div>
      </div>
      {indicator.disaggregation.length > 0 && (
        <fieldset className="form-group" aria-describedby="measurement-groups-hint">
          <legend>{t('indicators.fields.group')}</legend>
          <p id="measurement-groups-hint" className="hint small muted">{t('indicators.form.groupHint')}</p>
          <div className="form-row">
            {indicator.disaggregation.map((dimension) => (
              <div key={dimension} className="field">
                <label htmlFor={`measurement-group-${dimension}`}>{dimension}</label>
                <input
                  id={`measurement-group-${dimension}`}
                  type="text"
                  maxLength={60}
                  value={groups[dimension] ?? ''}
                  onChange={(e) => setGroups({ ...groups, [dimension]: e.target.value })}
                />
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="measurement-note">{t('indicators.form.note')}</label>
        <input id="measurement-note" type="text" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('indicators.form.submit')}</button>
    </form>
  );
}
