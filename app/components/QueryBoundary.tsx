/**
 * What a page shows while its data loads, when loading failed, and when the
 * record does not exist (404), so that each page writes only what it shows
 * with the data.
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { ApiError, errorMessage } from '../api/http';
import { DetailPage } from './DetailPage';
import { ErrorNotice } from './Notice';

interface QueryState<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

export function QueryBoundary<T>({ query, loading, errorTitle, title, notFound, children }: {
  query: QueryState<T>;
  /** Said (role=status) while loading. */
  loading: string;
  errorTitle: string;
  /** The page's heading when loading failed. */
  title: string;
  /** Shown instead of the error when the server says 404. */
  notFound?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <p role="status" className="page">{loading}</p>;
  if (query.isError || query.data === undefined) {
    if (notFound && query.error instanceof ApiError && query.error.status === 404) return <>{notFound}</>;
    return (
      <DetailPage title={title}>
        <ErrorNotice title={errorTitle} message={errorMessage(query.error, t('auth.genericError'))} />
      </DetailPage>
    );
  }
  return <>{children(query.data)}</>;
}
