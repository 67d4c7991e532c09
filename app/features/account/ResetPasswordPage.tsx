import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useSearchParams } from 'react-router';
import { confirmPasswordReset } from '../../api/auth';
import { ApiError } from '../../api/http';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';

export const PASSWORD_MIN_LENGTH = 12;

type Problem = { field: 'password' | 'confirm' | null; message: string };

export default function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const title = t('auth.reset.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);

  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const doneMessage = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneMessage.current?.focus();
  }, [done]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (password.length < PASSWORD_MIN_LENGTH) {
      setProblem({ field: 'password', message: t('auth.reset.tooShort', { min: PASSWORD_MIN_LENGTH }) });
      return;
    }
    if (password !== confirm) {
      setProblem({ field: 'confirm', message: t('auth.reset.mismatch') });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await confirmPasswordReset(token, password, locale);
      setDone(true);
    } catch (err) {
      setProblem({ field: null, message: err instanceof ApiError ? err.message : t('auth.genericError') });
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (!token) {
    body = (
      <div className="alert alert-info">
        <p>{t('auth.reset.missingToken')}</p>
        <p><Link to={`/${locale}/forgot-password`}>{t('auth.reset.requestNew')}</Link></p>
      </div>
    );
  } else if (done) {
    body = (
      <div role="status" className="alert alert-success" tabIndex={-1} ref={doneMessage}>
        <p>{t('auth.reset.done')}</p>
        <p><Link to={`/${locale}/sign-in`}>{t('auth.signInLink')}</Link></p>
      </div>
    );
  } else {
    body = (
      <>
        <p className="intro">{t('auth.reset.intro')}</p>
        {problem !== null && <FormAlert id="reset-error" title={t('auth.reset.errorHeading')} message={problem.message} />}
        <form className="auth-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="reset-password">{t('auth.reset.password')}</label>
            <input
              id="reset-password"
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={problem?.field === 'password' ? 'reset-password-hint reset-error' : 'reset-password-hint'}
              aria-invalid={problem?.field === 'password' || undefined}
              required
            />
            <p id="reset-password-hint" className="hint small muted">
              {t('auth.reset.hint', { min: PASSWORD_MIN_LENGTH })}
            </p>
          </div>
          <div className="field">
            <label htmlFor="reset-confirm">{t('auth.reset.confirm')}</label>
            <input
              id="reset-confirm"
              name="confirm"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              aria-describedby={problem?.field === 'confirm' ? 'reset-error' : undefined}
              aria-invalid={problem?.field === 'confirm' || undefined}
              required
            />
          </div>
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            {t('auth.reset.submit')}
          </button>
        </form>
      </>
    );
  }

  return (
    <div className="page auth-page narrow">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {body}
    </div>
  );
}
