/**
 * The account page's second factor: its state, and turning it on — the
 * secret (as an otpauth:// link for an authenticator app on this device and
 * as text to type), a code to confirm, then the recovery codes, shown once.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { confirmSecondFactorSetup, getSecondFactor, startSecondFactorSetup } from '../../api/auth';
import { ApiError } from '../../api/http';
import { FormAlert } from '../../components/FormAlert';
import { OneTimeCodeField } from './OneTimeCodeField';
import { ME_KEY } from '../../api/session';
import { keys } from '../../api/query-keys';

export function SecondFactorSection({ csrf }: { csrf: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: keys.auth.secondFactor, queryFn: () => getSecondFactor(locale), retry: false });
  const [setup, setSetup] = useState<{ secret: string; otpauth_uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLHeadingElement>(null);

  async function start() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setSetup(await startSecondFactorSetup(csrf, locale));
      setTimeout(() => codeInput.current?.focus(), 0);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
    }
    setBusy(false);
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!code.trim()) {
      setError(t('auth.signIn.codeRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await confirmSecondFactorSetup(code.trim(), csrf, locale);
      setRecoveryCodes(result.recovery_codes);
      setSetup(null);
      await queryClient.invalidateQueries({ queryKey: keys.auth.secondFactor });
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      setTimeout(() => done.current?.focus(), 0);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
    }
    setBusy(false);
  }

  return (
    <section aria-labelledby="second-factor-heading" className="second-factor">
      <h2 id="second-factor-heading">{t('auth.secondFactor.title')}</h2>
      {status.data?.required && !status.data.enabled && (
        <div className="alert alert-info" role="alert"><p>{t('auth.secondFactor.required')}</p></div>
      )}
      {error !== null && <FormAlert title={t('auth.secondFactor.errorHeading')} message={error} />}
      {recoveryCodes && (
        <div className="alert alert-success">
          <h3 ref={done} tabIndex={-1}>{t('auth.secondFactor.onNow')}</h3>
          <p>{t('auth.secondFactor.recoveryIntro')}</p>
          <ul className="recovery-codes" aria-label={t('auth.secondFactor.recoveryCodes')}>
            {recoveryCodes.map((c) => <li key={c}><code>{c}</code></li>)}
          </ul>
        </div>
      )}
      {status.data?.enabled && !recoveryCodes && (
        <p>{t('auth.secondFactor.on', { count: status.data.recovery_codes_left })}</p>
      )}
      {status.data && !status.data.enabled && !setup && (
        <>
          <p>{t('auth.secondFactor.off')}</p>
          <button type="button" className="secondary" onClick={() => void start()} aria-disabled={busy || undefined}>
            {t('auth.secondFactor.turnOn')}
          </button>
        </>
      )}
      {setup && (
        <>
          <p>{t('auth.secondFactor.scan')}</p>
          <p><a href={setup.otpauth_uri}>{t('auth.secondFactor.openApp')}</a></p>
          <p>{t('auth.secondFactor.typeSecret')} <code className="totp-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
          <form className="auth-form" onSubmit={confirm} noValidate>
            <OneTimeCodeField
              id="second-factor-code"
              label={t('auth.secondFactor.code')}
              numeric
              inputRef={codeInput}
              value={code}
              onChange={setCode}
              invalid={error !== null}
            />
            <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('auth.secondFactor.confirm')}</button>
          </form>
        </>
      )}
    </section>
  );
}
