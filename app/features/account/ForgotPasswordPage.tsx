import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { requestPasswordReset } from '../../api/auth';
import { ApiError } from '../../api/http';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';

export default function ForgotPasswordPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const title = t('auth.forgot.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);

  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sentMessage = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sent) sentMessage.current?.focus();
  }, [sent]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!email.trim()) {
      setError(t('auth.forgot.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await requestPasswordReset(email.trim(), locale);
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page auth-page narrow">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {sent ? (
        <div role="status" className="alert alert-success" tabIndex={-1} ref={sentMessage}>
          <p>{t('auth.forgot.sent')}</p>
        </div>
      ) : (
        <>
          <p className="intro">{t('auth.forgot.intro')}</p>
          {error !== null && <FormAlert title={t('auth.forgot.errorHeading')} message={error} />}
          <form className="auth-form" onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="forgot-email">{t('auth.email')}</label>
              <input
                id="forgot-email"
                name="email"
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={error !== null || undefined}
                required
              />
            </div>
            <button type="submit" className="primary" aria-disabled={busy || undefined}>
              {t('auth.forgot.submit')}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to={`/${locale}/sign-in`}>{t('auth.backToSignIn')}</Link>
      </p>
    </div>
  );
}
