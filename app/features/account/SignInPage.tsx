import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { getSignInMethods, login, signInSecondFactor, singleSignOnUrl, type SessionUser } from '../../api/auth';
import { ApiError } from '../../api/http';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { OneTimeCodeField } from './OneTimeCodeField';
import { cachedSession, fetchMe, setSession } from '../../api/session';
import { keys } from '../../api/query-keys';

export default function SignInPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const title = t('auth.signIn.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);

  const methods = useQuery({ queryKey: keys.auth.signInMethods, queryFn: getSignInMethods, staleTime: Infinity }).data;
  const ssoUrl = methods ? singleSignOnUrl(methods, locale) : null;

  const [searchParams] = useSearchParams();
  // After a right password (or single sign-on, which comes back with ?step=second-factor) a person with a second factor types a code.
  const [step, setStep] = useState<'password' | 'code'>(searchParams.get('step') === 'second-factor' ? 'code' : 'password');
  const [code, setCode] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  const codeAsked = useRef(false);
  // Asked for after the password on this page: the code field takes the focus (arriving from single sign-on, the heading has it).
  useEffect(() => {
    if (step === 'code' && codeAsked.current) codeInput.current?.focus();
  }, [step]);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setError(t('auth.signIn.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let me;
      try {
        me = await login(email.trim(), password, locale, cachedSession(queryClient)?.csrf_token);
      } catch (err) {
        // Already signed in in this browser (another tab, another person): the server wants the session's token.
        if (!(err instanceof ApiError && err.status === 403)) throw err;
        const current = await fetchMe();
        if (!current) throw err;
        me = await login(email.trim(), password, locale, current.csrf_token);
      }
      if ('second_factor_required' in me) {
        codeAsked.current = true;
        setStep('code');
        setBusy(false);
        return;
      }
      signedIn(me);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
      setBusy(false);
    }
  }

  function signedIn(me: SessionUser) {
    setSession(queryClient, me);
    void navigate(`/${locale}/account`);
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!code.trim()) {
      setError(t('auth.signIn.codeRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      signedIn(await signInSecondFactor(code.trim(), locale, cachedSession(queryClient)?.csrf_token));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
      setBusy(false);
    }
  }

  if (step === 'code') {
    return (
      <div className="page auth-page narrow">
        <h1 ref={heading} tabIndex={-1}>{title}</h1>
        <p className="intro">{t('auth.signIn.codeIntro')}</p>
        {error !== null && <FormAlert title={t('auth.signIn.errorHeading')} message={error} />}
        <form className="auth-form" onSubmit={submitCode} noValidate>
          <OneTimeCodeField
            id="signin-code"
            label={t('auth.signIn.code')}
            hint={t('auth.signIn.codeHint')}
            inputRef={codeInput}
            value={code}
            onChange={setCode}
            invalid={error !== null}
          />
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            {busy ? t('auth.signIn.submitting') : t('auth.signIn.codeSubmit')}
          </button>
        </form>
      </div>
    );
  }

  return (
    <div className="page auth-page narrow">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {ssoUrl && methods?.oidc ? (
        <>
          <section aria-labelledby="signin-sso" className="auth-sso">
            <h2 id="signin-sso" className="visually-hidden">{t('auth.signIn.ssoHeading')}</h2>
            <p><a className="button primary" href={ssoUrl}>{methods.oidc.label}</a></p>
          </section>
          <p className="intro">{t('auth.signIn.or')}</p>
          {methods.password === 'organisations' && <p className="hint">{t('auth.signIn.organisationsOnly')}</p>}
        </>
      ) : (
        <p className="intro">{t('auth.signIn.intro')}</p>
      )}
      {error !== null && <FormAlert title={t('auth.signIn.errorHeading')} message={error} />}
      <form className="auth-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="signin-email">{t('auth.email')}</label>
          <input
            id="signin-email"
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error !== null || undefined}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="signin-password">{t('auth.password')}</label>
          <input
            id="signin-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error !== null || undefined}
            required
          />
        </div>
        <button type="submit" className="primary" aria-disabled={busy || undefined}>
          {busy ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
        </button>
      </form>
      <p>
        <Link to={`/${locale}/forgot-password`}>{t('auth.signIn.forgot')}</Link>
      </p>
    </div>
  );
}
