import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { assessStatus, getStatusScales } from '../../api/followup';
import { todayIso } from '../../lib/format-detail';
import { FormAlert } from '../account/FormAlert';
import '../workspace/strings';
import { keys } from '../../api/query-keys';

type Field = 'status' | 'reason' | 'date';
const IDS: Record<Field, string> = { status: 'assess-status', reason: 'assess-reason', date: 'assess-date' };

/**
 * The secretariat records the government's assessment of a recommendation: a
 * step of the government's scale, why, and on which day. Loaded only for the
 * secretariat.
 */
export default function AssessForm({ recommendationId, csrf }: { recommendationId: number; csrf: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const scales = useQuery({
    queryKey: keys.statusScales(locale),
    queryFn: ({ signal }) => getStatusScales(locale, signal),
    // Retired steps stay readable in the history but are not offered for new assessments.
    select: (data) => data.government.filter((step) => step.active).sort((a, b) => a.position - b.position),
  });
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(todayIso());
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    setProblem(null);
    const found: Partial<Record<Field, string>> = {};
    if (!status) found.status = t('status.form.errors.status');
    if (!reason.trim()) found.reason = t('status.form.errors.reason');
    if (!date) found.date = t('status.form.errors.date');
    else if (date > todayIso()) found.date = t('status.form.errors.future');
    setErrors(found);
    const first = (Object.keys(found) as Field[])[0];
    if (first) {
      document.getElementById(IDS[first])?.focus();
      return;
    }
    setBusy(true);
    try {
      const updated = await assessStatus(recommendationId, { status, reason: reason.trim(), assessed_on: date }, locale, csrf);
      queryClient.setQueryData(keys.recommendationStatus(recommendationId, locale), updated);
      setDone(t('status.form.done', { status: scales.data?.find((step) => step.key === status)?.label ?? status }));
      setStatus('');
      setReason('');
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : t('auth.genericError'));
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: Field, hint?: string) => [hint, errors[field] ? `${IDS[field]}-error` : null].filter(Boolean).join(' ') || undefined;
  const errorText = (field: Field) => errors[field]
    ? <p id={`${IDS[field]}-error`} className="field-error" role="alert">{errors[field]}</p>
    : null;

  return (
    <form ref={form} className="workspace-form assess-form" onSubmit={submit} noValidate aria-labelledby="assess-heading">
      <h3 id="assess-heading">{t('status.form.heading')}</h3>
      {problem && <FormAlert title={t('status.form.error')} message={problem} />}
      <div role="status">{done && <p className="alert alert-success">{done}</p>}</div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={IDS.status}>{t('status.form.status')}</label>
          <select
            id={IDS.status}
            value={status}
            onChange={(e) => { setStatus(e.target.value); setErrors((x) => ({ ...x, status: undefined })); }}
            aria-invalid={!!errors.status || undefined}
            aria-describedby={describedBy('status')}
            required
          >
            <option value="">{t('actionForm.choose')}</option>
            {(scales.data ?? []).map((step) => <option key={step.key} value={step.key}>{step.label}</option>)}
          </select>
          {errorText('status')}
        </div>
        <div className="field">
          <label htmlFor={IDS.date}>{t('status.form.date')}</label>
          <input
            id={IDS.date}
            type="date"
            max={todayIso()}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={!!errors.date || undefined}
            aria-describedby={describedBy('date')}
            required
          />
          {errorText('date')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={IDS.reason}>{t('status.form.reason')}</label>
        <textarea
          id={IDS.reason}
          rows={4}
          maxLength={5000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={!!errors.reason || undefined}
          aria-describedby={describedBy('reason', 'assess-reason-hint')}
          required
        />
        <p id="assess-reason-hint" className="hint small muted">{t('status.form.reasonHint')}</p>
        {errorText('reason')}
      </div>
      <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('status.form.submit')}</button>
    </form>
  );
}
