/**
 * The secretariat removes an activity or a proposal from the plan (in an adopted plan, a revision that asks
 * why). The server refuses (409, with its reason) when an action report says it carries the activity out.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { deleteActivity, type ActivityDetail } from '../../api/plans';
import { useSave } from '../../api/use-save';
import { FormErrors } from '../../components/FormErrors';
import { RevisionReason } from './RevisionReason';

export function RemoveActivity({ activity, adopted, csrf, onRemoved }: { activity: ActivityDetail; adopted: boolean; csrf: string; onRemoved: () => void }) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (asking) form.current?.querySelector<HTMLElement>('textarea, button')?.focus();
  }, [asking]);
  const save = useSave({
    save: () => deleteActivity(activity.id, { version: activity.version, ...(reason.trim() ? { revision_reason: reason.trim() } : {}) }, i18n.language, csrf),
    onSaved: onRemoved,
  });

  function confirm(event: FormEvent) {
    event.preventDefault();
    if (save.busy) return;
    if (adopted && !reason.trim()) {
      setError(t('plans.form.errors.reason'));
      document.getElementById('activity-remove-reason')?.focus();
      return;
    }
    setError(undefined);
    save.submit(undefined);
  }

  if (!asking) {
    return <p><button type="button" className="secondary" onClick={() => setAsking(true)}>{t('plans.activity.remove')}</button></p>;
  }
  return (
    <form ref={form} className="workspace-form" onSubmit={confirm} noValidate aria-label={t('plans.activity.remove')}>
      <FormErrors heading={t('plans.form.errors.heading')} errors={{}} failure={save.failure} failureTitle={t('plans.activity.removeError')} />
      <p>{t('plans.activity.removeHint')}</p>
      {adopted && <RevisionReason id="activity-remove-reason" value={reason} error={error} onChange={setReason} />}
      <div className="form-actions">
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('plans.activity.removeConfirm')}</button>
        <button type="button" className="link-button" onClick={() => setAsking(false)}>{t('actionForm.cancel')}</button>
      </div>
    </form>
  );
}
