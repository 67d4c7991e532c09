import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';

/** What a visitor or a member of an institution gets instead of the composer (nothing if the reader may compose). */
export function NotAllowed() {
  const { t, i18n } = useTranslation();
  const session = useSession(true);
  const me = session.data;
  if (session.isPending || can(me, 'report:manage')) return null;
  if (!me) {
    return (
      <div className="alert alert-info">
        <p>{t('workspace.notSignedIn')}</p>
        <p><Link to={`/${i18n.language}/sign-in`}>{t('auth.signInLink')}</Link></p>
      </div>
    );
  }
  return <div className="alert alert-info"><p>{t('reports.notSecretariat')}</p></div>;
}
