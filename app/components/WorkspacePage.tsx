/**
 * A page of the workspace that lists or edits something a permission guards (rounds, plans, reports,
 * institutions, people, settings, vocabularies): its title in the tab, its heading focused after a
 * navigation, the way back to the workspace, and — for a visitor or a person without the permission — a
 * notice instead of the content.
 */
import { type ReactNode, type RefObject, useRef } from 'react';
import { Link } from 'react-router';
import type { SessionUser } from '../api/auth';
import { useSession } from '../api/session';
import { type TFunction, useTranslation } from '../i18n';
import { useFocusOnNavigation } from '../lib/focus';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Notice, SignInNotice } from './Notice';

export interface WorkspacePageState {
  t: TFunction;
  locale: string;
  /** Who is signed in (undefined for a visitor or while asking). */
  me: SessionUser | undefined;
  /** True while the server has not yet said who is signed in. */
  pending: boolean;
  title: string;
  heading: RefObject<HTMLHeadingElement | null>;
}

/** What the page's own code needs: the reader's language, who is signed in, and the title (a key of the strings). */
export function useWorkspacePage(titleKey: string): WorkspacePageState {
  const { t, i18n } = useTranslation();
  const session = useSession(true);
  const title = t(titleKey);
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);
  return { t, locale: i18n.language, me: session.data ?? undefined, pending: session.isPending, title, heading };
}

/**
 * The page: `children` is drawn only for a signed-in person the page `allowed`; a visitor is asked to sign in, anyone
 * else reads `notAllowed`.
 */
export function WorkspacePage({ page, className, allowed, notAllowed, children }: {
  page: WorkspacePageState;
  className: string;
  allowed: boolean;
  notAllowed: string;
  children: (me: SessionUser) => ReactNode;
}) {
  const { t, locale, me, title, heading } = page;
  if (page.pending) return <p role="status" className="page">{t('workspace.loading')}</p>;
  return (
    <div className={`page ${className}`}>
      <p className="back-link">
        <Link to={`/${locale}/workspace`}><span aria-hidden="true">← </span>{t('action.backToWorkspace')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && <SignInNotice />}
      {me && !allowed && <Notice kind="info"><p>{notAllowed}</p></Notice>}
      {me && allowed && children(me)}
    </div>
  );
}
