/** Bits the public portal pages share: their loading and error states, links into the search. */
import type { ReactNode, RefObject } from 'react';
import { useTranslation } from '../i18n';
import { Link } from 'react-router';
import { ApiError } from '../api/http';

/** The search page filtered by these values (as its own URLs write them). */
export function searchHref(locale: string, filters: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) for (const one of [value].flat()) params.append(name, one);
  return `/${locale}/recommendations?${params}`;
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="back-link">
      <Link to={to}>
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}

/** A page whose data is loading or failed: a status line, or a heading and the server's message. */
export function PageStatus({ error, heading, back }: { error: unknown; heading: RefObject<HTMLHeadingElement | null>; back?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) {
    return (
      <div className="page portal-page">
        {back}
        <p role="status">{t('portal.loading')}</p>
      </div>
    );
  }
  return (
    <div className="page portal-page">
      {back}
      <h1 ref={heading} tabIndex={-1}>{t('portal.errorHeading')}</h1>
      <div role="alert" className="alert alert-error">
        <p>{error instanceof ApiError ? error.message : t('search.genericError')}</p>
      </div>
    </div>
  );
}

/** A `lang` attribute when a text is not in the page's language, so screen readers pronounce it right. */
export function langIfOther(language: string, locale: string): string | undefined {
  return language && language !== locale ? language : undefined;
}
