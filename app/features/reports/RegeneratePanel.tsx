import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useFocusLater } from './focus-later';

/**
 * Compiling the draft again from the current data. The ordinary button keeps
 * people's edits; discarding them is a separate button that asks first.
 */
export function RegeneratePanel({ busy, edited, onRegenerate }: {
  busy: boolean;
  edited: number;
  onRegenerate: (overwriteEdits: boolean) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const focusLater = useFocusLater();

  function ask() {
    setConfirming(true);
    focusLater('report-discard-confirm');
  }

  function keep() {
    setConfirming(false);
    focusLater('report-discard');
  }

  async function discard() {
    // On success the page's notice takes the focus; on failure too.
    if (await onRegenerate(true)) setConfirming(false);
  }

  return (
    <section className="panel" aria-labelledby="report-regenerate-heading">
      <h2 id="report-regenerate-heading">{t('reports.draft.regenerateHeading')}</h2>
      <p>{t('reports.draft.regenerateHelp')}</p>
      <div className="button-row">
        <button type="button" className="primary" id="report-regenerate" aria-disabled={busy || undefined} onClick={() => void onRegenerate(false)}>
          {busy && !confirming ? t('reports.draft.regenerating') : t('reports.draft.regenerate')}
        </button>
        {!confirming && (
          <button type="button" className="secondary" id="report-discard" aria-disabled={busy || undefined} onClick={ask}>
            {t('reports.draft.discard')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="alert alert-info report-confirm" role="group" aria-labelledby="report-discard-confirm">
          <p id="report-discard-confirm" tabIndex={-1} className="report-confirm-question">
            {t('reports.draft.discardConfirm', { number: formatNumber(edited, i18n.language) })}
          </p>
          <div className="button-row">
            <button type="button" className="primary" aria-disabled={busy || undefined} onClick={() => void discard()}>
              {busy ? t('reports.draft.regenerating') : t('reports.draft.discardYes')}
            </button>
            <button type="button" className="secondary" onClick={keep}>{t('reports.draft.discardNo')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
