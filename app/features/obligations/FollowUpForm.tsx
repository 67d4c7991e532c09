import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { ApiError } from '../../api/http';
import { flagFollowUp } from '../../api/obligations';
import { FormAlert } from '../../components/FormAlert';
import { invalidateObligations } from './queries';
import '../../lib/workspace-strings';

/**
 * The secretariat records that the committee asked for information on this
 * recommendation within one or two years of its concluding observations.
 * Paragraphs of the same document selected together can be flagged through
 * the API in one go; from here, one at a time.
 */
export default function FollowUpForm({ recommendationId, csrf }: { recommendationId: number; csrf: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const [years, setYears] = useState<1 | 2>(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await flagFollowUp({ recommendation_ids: [recommendationId], years }, locale, csrf);
      // The notice replaces this form.
      invalidateObligations(queryClient);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('auth.genericError'));
      setBusy(false);
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  }

  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="follow-up-heading">
      <p className="hint small muted">{t('calendar.followUp.help')}</p>
      <div ref={alertRef} tabIndex={-1} className="notice-region">
        {error && <FormAlert title={t('calendar.followUp.error')} message={error} />}
      </div>
      <fieldset className="form-group compact">
        <legend>{t('calendar.followUp.years')}</legend>
        {([1, 2] as const).map((n) => (
          <div key={n} className="field-inline">
            <input type="radio" id={`follow-up-years-${n}`} name="follow-up-years" checked={years === n} onChange={() => setYears(n)} />
            {' '}<label htmlFor={`follow-up-years-${n}`}>{t('calendar.followUp.yearsOption', { count: n })}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="primary" aria-disabled={busy || undefined}>
        {busy ? t('actionForm.saving') : t('calendar.followUp.submit')}
      </button>
    </form>
  );
}
