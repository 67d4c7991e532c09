/**
 * What a page shows while its data loads, when loading failed, and when the
 * record does not exist (404), so that each page writes only what it shows
 * with the data. With `back`, the link back is there in every state.
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { ApiError, errorMessage } from '../api/http';
import { BackLink, DetailPage, type Back } from './DetailPage';
import { ErrorNotice } from './Notice';

interface QueryState<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

export function QueryBoundary<T>({ query, loading, errorTitle, title, notFound, back, className, children }: {
  query: QueryState<T>;
  /** Said (role=status) while loading. */
  loading: string;
  errorTitle: string;
  /** The page's heading when loading failed. */
  title: string;
  /** Shown instead of the error when the server says 404. */
  notFound?: ReactNode;
  /** The link back, shown above the loading and error states (the page shows it with the data). */
  back?: Back;
  /** The class of the error state's page frame (DetailPage's when not given). */
  className?: string;
  /**
   * What the page shows with the data. Without it, only the loading and error states: for a page that
   * works with the data after its hooks, `if (query.isError || !data) return <QueryBoundary … />`.
   */
  children?: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    if (!back) return <p role="status" className="page">{loading}</p>;
    return <div className="page"><BackLink back={back} /><p role="status">{loading}</p></div>;
  }
  if (query.isError || query.data === undefined) {
    if (notFound && query.error instanceof ApiError && query.error.status === 404) return <>{notFound}</>;
    return (
      <DetailPage title={title} back={back} className={className}>
        <ErrorNotice title={errorTitle} message={errorMessage(query.error, t('auth.genericError'))} />
      </DetailPage>
    );
  }
  return <>{children?.(query.data)}</>;
}
