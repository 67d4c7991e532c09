/**
 * A list inside a page while it loads and when loading failed; with the data,
 * the page writes only how the list looks (a DataTable, which has its own
 * empty state, or a list of cards). QueryBoundary does the same for a page.
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { errorMessage } from '../api/http';
import { ErrorNotice } from './Notice';

interface ListQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

export function QueryList<T>({ query, loading, errorTitle, children }: {
  query: ListQuery<T>;
  /** Said (role=status) while loading. */
  loading: string;
  errorTitle: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <p role="status">{loading}</p>;
  if (query.isError || query.data === undefined) {
    return <ErrorNotice title={errorTitle} message={errorMessage(query.error, t('auth.genericError'))} />;
  }
  return <>{children(query.data)}</>;
}
