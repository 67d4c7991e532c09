import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate } from 'react-router';
import { logout } from '../../api/auth';
import { ApiError } from '../../api/http';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../../components/FormAlert';
import { SecondFactorSection } from './SecondFactorSection';
import { setSession, useSession } from '../../api/session';

export default function AccountPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const title = t('auth.account.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (session.isPending) {
    return <p role="status" className="page">{t('auth.account.loading')}</p>;
  }

  const me = session.data;

  async function signOut() {
    if (!me || busy) return;
    setBusy(true);
    setError(null);
    try {
      await logout(me.csrf_token, locale);
      setSession(queryClient, null);
      void navigate(`/${locale}/sign-in`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('auth.genericError'));
      setBusy(false);
    }
  }

  return (
    <div className="page auth-page narrow">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {session.isError && <FormAlert title={t('auth.account.errorHeading')} message={t('auth.genericError')} />}
      {!session.isError && !me && (
        <div className="alert alert-info">
          <p>{t('auth.account.notSignedIn')}</p>
          <p><Link to={`/${locale}/sign-in`}>{t('auth.signInLink')}</Link></p>
        </div>
      )}
      {me && (
        <>
          <dl className="details account-details">
            <div className="details-row">
              <dt>{t('auth.account.name')}</dt>
              <dd>{me.user.display_name}</dd>
            </div>
            <div className="details-row">
              <dt>{t('auth.email')}</dt>
              <dd>{me.user.email}</dd>
            </div>
            <div className="details-row">
              <dt>{t('auth.account.roles')}</dt>
              <dd>
                {me.user.memberships.length === 0 ? (
                  t('auth.account.noRoles')
                ) : (
                  <ul className="plain-list">
                    {me.user.memberships.map((m) => {
                      const role = t(`auth.roles.${m.role}`, { defaultValue: m.role });
                      return (
                        <li key={`${m.role}:${m.institution_id ?? ''}`}>
                          {m.institution_id === null || m.institution_id === undefined
                            ? role
                            : t('auth.account.roleAt', { role, institution: m.institution_id })}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
          <SecondFactorSection csrf={me.csrf_token} />
          {error !== null && <FormAlert title={t('auth.account.signOutError')} message={error} />}
          <button type="button" className="secondary" onClick={() => void signOut()} aria-disabled={busy || undefined}>
            {t('auth.account.signOut')}
          </button>
        </>
      )}
    </div>
  );
}
