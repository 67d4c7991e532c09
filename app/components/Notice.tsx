/**
 * A message on a page: an error (announced at once, role=alert), a success
 * (announced politely, role=status) or information (not announced).
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { Link } from 'react-router';

export function Notice({ kind, title, children, id }: {
  kind: 'error' | 'success' | 'info';
  title?: ReactNode;
  children?: ReactNode;
  id?: string;
}) {
  const role = kind === 'error' ? 'alert' : kind === 'success' ? 'status' : undefined;
  return (
    <div role={role} className={`alert alert-${kind}`} id={id}>
      {title && <p className="alert-title">{title}</p>}
      {children}
    </div>
  );
}

/** An error with a title and the message (the server's, already in the reader's language). */
export function ErrorNotice({ title, message, id, children }: { title: string; message: string; id?: string; children?: ReactNode }) {
  return (
    <Notice kind="error" title={title} id={id}>
      <p>{message}</p>
      {children}
    </Notice>
  );
}

/** For a visitor on a page that needs an account: say so, with the way to sign in. */
export function SignInNotice() {
  const { t, i18n } = useTranslation();
  return (
    <Notice kind="info">
      <p>{t('workspace.notSignedIn')}</p>
      <p><Link to={`/${i18n.language}/sign-in`}>{t('auth.signInLink')}</Link></p>
    </Notice>
  );
}
