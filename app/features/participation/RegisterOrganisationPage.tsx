import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { registerOrganisation, type OrganisationKind } from '../../api/participation';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { useSession } from '../../api/session';
import type { Locale } from '../../../shared/i18n';

const KINDS: OrganisationKind[] = ['civil_society', 'nhri', 'academia'];

/**
 * An organisation registers itself and its first member's account. The answer
 * is the same whether the address already has an account or not: the page
 * always says to look for the confirmation email.
 */
export default function RegisterOrganisationPage() {
  const { t, i18n } = useTranslation();
  // The URL's language: always one the app (and the server) speaks.
  const locale = i18n.language as Locale;
  const title = t('participation.register.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading);
  const session = useSession();

  const [form, setForm] = useState({ name: '', kind: 'civil_society' as OrganisationKind, website: '', description: '', display_name: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sentMessage = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sent) sentMessage.current?.focus();
  }, [sent]);

  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!form.name.trim() || !form.display_name.trim() || !form.email.trim() || !form.password) {
      setError(t('participation.register.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await registerOrganisation({
        ...form, website: form.website.trim() || undefined, description: form.description.trim() || undefined, email: form.email.trim(), locale,
      }, locale, session.data?.csrf_token);
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page auth-page narrow participation-register">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {sent ? (
        <div role="status" className="alert alert-success" tabIndex={-1} ref={sentMessage}>
          <p>{t('participation.register.sent')}</p>
        </div>
      ) : (
        <>
          <p className="intro">{t('participation.register.intro')}</p>
          {error !== null && <FormAlert id="register-error" title={t('participation.register.errorHeading')} message={error} />}
          <form className="auth-form" onSubmit={submit} noValidate aria-describedby={error !== null ? 'register-error' : undefined}>
            <fieldset>
              <legend>{t('participation.register.organisationHeading')}</legend>
              <div className="field">
                <label htmlFor="register-name">{t('participation.register.name')}</label>
                <input id="register-name" name="organisation" autoComplete="organization" value={form.name} onChange={set('name')} maxLength={300} required />
              </div>
              <div className="field">
                <label htmlFor="register-kind">{t('participation.register.kind')}</label>
                <select id="register-kind" value={form.kind} onChange={set('kind')}>
                  {KINDS.map((kind) => <option key={kind} value={kind}>{t(`participation.kinds.${kind}`)}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="register-website">{t('participation.register.website')}</label>
                <input id="register-website" type="url" autoComplete="url" value={form.website} onChange={set('website')} aria-describedby="register-website-hint" maxLength={2000} />
                <p id="register-website-hint" className="hint small muted">{t('participation.register.websiteHint')}</p>
              </div>
              <div className="field">
                <label htmlFor="register-description">{t('participation.register.description')}</label>
                <textarea id="register-description" rows={4} value={form.description} onChange={set('description')} maxLength={5000} />
              </div>
            </fieldset>
            <fieldset>
              <legend>{t('participation.register.personHeading')}</legend>
              <div className="field">
                <label htmlFor="register-person">{t('participation.register.displayName')}</label>
                <input id="register-person" autoComplete="name" value={form.display_name} onChange={set('display_name')} maxLength={200} required />
              </div>
              <div className="field">
                <label htmlFor="register-email">{t('participation.register.email')}</label>
                <input id="register-email" type="email" autoComplete="email" value={form.email} onChange={set('email')} aria-describedby="register-email-hint" maxLength={320} required />
                <p id="register-email-hint" className="hint small muted">{t('participation.register.emailHint')}</p>
              </div>
              <div className="field">
                <label htmlFor="register-password">{t('participation.register.password')}</label>
                <input id="register-password" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} aria-describedby="register-password-hint" required />
                <p id="register-password-hint" className="hint small muted">{t('participation.register.passwordHint')}</p>
              </div>
            </fieldset>
            <button type="submit" className="primary" aria-disabled={busy || undefined}>{t('participation.register.submit')}</button>
          </form>
        </>
      )}
      <p><Link to={`/${locale}/sign-in`}>{t('participation.confirm.signIn')}</Link></p>
    </div>
  );
}
