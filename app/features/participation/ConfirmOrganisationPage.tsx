import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { confirmOrganisation } from '../../api/participation';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { useSession } from '../../api/session';

/**
 * The emailed link lands here; the address is confirmed only when the person
 * presses the button, so a mail scanner that opens links confirms nothing.
 */
export default function ConfirmOrganisationPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const title = t('participation.confirm.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);
  const session = useSession();

  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const doneMessage = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneMessage.current?.focus();
  }, [done]);

  async function confirm() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await confirmOrganisation(token, locale, session.data?.csrf_token);
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page auth-page narrow">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!token && <FormAlert title={t('participation.confirm.errorHeading')} message={t('participation.confirm.missing')} />}
      {token && done && (
        <div role="status" className="alert alert-success" tabIndex={-1} ref={doneMessage}>
          <p>{t('participation.confirm.done')}</p>
        </div>
      )}
      {token && !done && (
        <>
          <p className="intro">{t('participation.confirm.intro')}</p>
          {error !== null && <FormAlert title={t('participation.confirm.errorHeading')} message={error} />}
          <button type="button" className="primary" onClick={confirm} aria-disabled={busy || undefined}>{t('participation.confirm.submit')}</button>
        </>
      )}
      <p><Link to={`/${locale}/sign-in`}>{t('participation.confirm.signIn')}</Link></p>
    </div>
  );
}
