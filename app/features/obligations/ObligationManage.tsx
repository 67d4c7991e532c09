import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { setObligationMet, updateObligation } from '../../api/obligations';
import type { Obligation } from '../../api/types';
import { todayIso } from '../../lib/format-detail';
import { invalidateObligations } from './queries';
import '../../lib/workspace-strings';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { keys } from '../../api/query-keys';


/**
 * The secretariat's part of an obligation page: the due date and notes, and
 * marking it met or reopening it. Every change carries the version the page
 * was loaded with; when someone else changed it first, the page offers to
 * load their version.
 */
export default function ObligationManage({ obligation, csrf, onReload }: { obligation: Obligation; csrf: string; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const pageNotice = usePageNotice();
  const [busy, setBusy] = useState(false);

  async function save(change: () => Promise<Obligation>, done: string, failed: string) {
    if (busy) return;
    setBusy(true);
    try {
      const updated = await change();
      queryClient.setQueryData<Obligation>(keys.obligation.of(String(obligation.id), locale), updated);
      invalidateObligations(queryClient);
      // The forms are drawn again with the new version: the outcome takes the focus.
      pageNotice.show({ kind: 'status', message: done }, true);
    } catch (error) {
      pageNotice.show(failureNotice(failed, error, t('auth.genericError')), true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="obligation-manage-heading">
      <h2 id="obligation-manage-heading">{t('calendar.manage.heading')}</h2>
      <NoticeRegion state={pageNotice} onReload={onReload} />
      {/* Keyed by version: after a change or a reload the fields show what the server has. */}
      <DueForm
        key={`due-${obligation.version}`}
        obligation={obligation}
        busy={busy}
        onSave={(dueOn, notes) => save(
          () => updateObligation(obligation.id, { version: obligation.version, due_on: dueOn, notes }, locale, csrf),
          t('calendar.manage.saved'), t('calendar.manage.saveError'),
        )}
      />
      <MetForm
        key={`met-${obligation.version}`}
        obligation={obligation}
        busy={busy}
        onSave={(metOn) => save(
          () => setObligationMet(obligation.id, metOn, obligation.version, locale, csrf),
          metOn ? t('calendar.manage.metDone') : t('calendar.manage.reopened'), t('calendar.manage.saveError'),
        )}
      />
    </section>
  );
}

function DueForm({ obligation, busy, onSave }: {
  obligation: Obligation; busy: boolean; onSave: (dueOn: string | null, notes: string | null) => void;
}) {
  const { t } = useTranslation();
  const [dueOn, setDueOn] = useState(obligation.due_on ?? '');
  const [notes, setNotes] = useState(obligation.notes ?? '');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy) onSave(dueOn || null, notes.trim() || null);
  }
  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="obligation-due-heading">
      <h3 id="obligation-due-heading">{t('calendar.manage.dueHeading')}</h3>
      <div className="field">
        <label htmlFor="obligation-due">{t('calendar.fields.dueOn')}</label>
        <input id="obligation-due" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} aria-describedby="obligation-due-hint" />
        <p id="obligation-due-hint" className="hint small muted">{t('calendar.manage.dueHint')}</p>
      </div>
      <div className="field">
        <label htmlFor="obligation-notes">{t('calendar.fields.notes')}</label>
        <textarea id="obligation-notes" rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('calendar.manage.save')}</button>
    </form>
  );
}

function MetForm({ obligation, busy, onSave }: { obligation: Obligation; busy: boolean; onSave: (metOn: string | null) => void }) {
  const { t } = useTranslation();
  const today = todayIso();
  const [metOn, setMetOn] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const met = obligation.status === 'met';
  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (met) return onSave(null);
    if (!metOn || metOn > today) {
      setError(t('calendar.manage.metError'));
      document.getElementById('obligation-met-on')?.focus();
      return;
    }
    setError(null);
    onSave(metOn);
  }
  return (
    <form className="workspace-form" onSubmit={submit} noValidate aria-labelledby="obligation-met-heading">
      <h3 id="obligation-met-heading">{met ? t('calendar.manage.reopenHeading') : t('calendar.manage.metHeading')}</h3>
      {met ? <p>{t('calendar.manage.reopenHelp')}</p> : (
        <div className="field">
          <label htmlFor="obligation-met-on">{t('calendar.manage.metOn')}</label>
          <input
            id="obligation-met-on"
            type="date"
            max={today}
            value={metOn}
            onChange={(e) => setMetOn(e.target.value)}
            aria-invalid={!!error || undefined}
            aria-describedby={error ? 'obligation-met-on-error' : undefined}
          />
          {error && <p id="obligation-met-on-error" className="field-error" role="alert">{error}</p>}
        </div>
      )}
      <button type="submit" className="secondary" aria-disabled={busy || undefined}>
        {met ? t('calendar.manage.reopen') : t('calendar.manage.markMet')}
      </button>
    </form>
  );
}
