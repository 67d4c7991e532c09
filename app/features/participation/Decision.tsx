/**
 * The secretariat's decision on a record it moderates (a contribution, an
 * organisation): a button that accepts it, or a rejection with the reason the
 * author receives, and what the server refused, announced.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { useSave } from '../../api/use-save';
import { ErrorNotice } from '../../components/Notice';
import { LIMITS } from '../../../shared/limits';

type Choice = { accept: true } | { accept: false; reason: string };

export function Decision({ id, accept, reject, reasonLabel, confirmReject, decide, onDecided }: {
  /** The id of the reason's field. */
  id: string;
  /** The accepting button's text. */
  accept: string;
  /** The rejecting button's text. */
  reject: string;
  reasonLabel: string;
  confirmReject: string;
  /** Sends the decision (the reason is trimmed, and given only to reject). */
  decide: (choice: Choice) => Promise<unknown>;
  onDecided: (choice: Choice) => unknown;
}) {
  const { t } = useTranslation();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useSave({ save: decide, onSaved: (_, choice) => void onDecided(choice) });
  const error = invalid ?? save.failure?.message ?? null;

  function send(choice: Choice) {
    if (save.busy) return;
    if (!choice.accept && !choice.reason) {
      save.reset();
      setInvalid(t('moderation.reasonRequired'));
      return;
    }
    setInvalid(null);
    save.submit(choice);
  }

  function submitReject(event: FormEvent) {
    event.preventDefault();
    send({ accept: false, reason: reason.trim() });
  }

  return (
    <>
      {error !== null && <ErrorNotice title={t('moderation.actionError')} message={error} />}
      {rejecting ? (
        <form onSubmit={submitReject} noValidate>
          <div className="field">
            <label htmlFor={id}>{reasonLabel}</label>
            <textarea id={id} rows={3} maxLength={LIMITS.moderation.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="button-row">
            <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{confirmReject}</button>
            <button type="button" className="secondary" onClick={() => setRejecting(false)}>{t('moderation.cancel')}</button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => send({ accept: true })} aria-disabled={save.busy || undefined}>{accept}</button>
          <button type="button" className="secondary" onClick={() => setRejecting(true)}>{reject}</button>
        </div>
      )}
    </>
  );
}
