import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { assessStatus, getStatusScales } from '../../api/followup';
import { keys } from '../../api/query-keys';
import type { AssessmentInput } from '../../api/types';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { focusFirstError } from '../../components/FormErrors';
import { ErrorNotice } from '../../components/Notice';
import { todayIso } from '../../lib/format-detail';
import '../../lib/workspace-strings';
import { LIMITS } from '../../../shared/limits';

type FieldName = 'status' | 'reason' | 'date';
const IDS: Record<FieldName, string> = { status: 'assess-status', reason: 'assess-reason', date: 'assess-date' };

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
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const save = useSave({
    save: (input: AssessmentInput) => assessStatus(recommendationId, input, locale, csrf),
    onSaved: (updated, input) => {
      queryClient.setQueryData(keys.recommendationStatus(recommendationId, locale), updated);
      setDone(t('status.form.done', { status: scales.data?.find((step) => step.key === input.status)?.label ?? input.status }));
      setStatus('');
      setReason('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    setDone(null);
    save.reset();
    const found: Partial<Record<FieldName, string>> = {};
    if (!status) found.status = t('status.form.errors.status');
    if (!reason.trim()) found.reason = t('status.form.errors.reason');
    if (!date) found.date = t('status.form.errors.date');
    else if (date > todayIso()) found.date = t('status.form.errors.future');
    setErrors(found);
    if (focusFirstError(found, (name) => IDS[name as FieldName])) return;
    save.submit({ status, reason: reason.trim(), assessed_on: date });
  }

  return (
    <form ref={form} className="workspace-form assess-form" onSubmit={submit} noValidate aria-labelledby="assess-heading">
      <h3 id="assess-heading">{t('status.form.heading')}</h3>
      {save.failure && <ErrorNotice title={t('status.form.error')} message={save.failure.message} />}
      <div role="status">{done && <p className="alert alert-success">{done}</p>}</div>
      <div className="form-row">
        <Field id={IDS.status} label={t('status.form.status')} error={errors.status} required announce>
          {(props) => (
            <select
              {...props}
              value={status}
              onChange={(e) => { setStatus(e.target.value); setErrors((x) => ({ ...x, status: undefined })); }}
            >
              <option value="">{t('actionForm.choose')}</option>
              {(scales.data ?? []).map((step) => <option key={step.key} value={step.key}>{step.label}</option>)}
            </select>
          )}
        </Field>
        <Field id={IDS.date} label={t('status.form.date')} error={errors.date} required announce>
          {(props) => <input {...props} type="date" max={todayIso()} value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
      </div>
      <Field id={IDS.reason} label={t('status.form.reason')} hint={t('status.form.reasonHint')} error={errors.reason} required announce>
        {(props) => (
          <textarea {...props} rows={4} maxLength={LIMITS.assessment.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('status.form.submit')}</button>
    </form>
  );
}
