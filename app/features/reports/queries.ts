/** Queries of the report composer's pages, so that the list and a draft share the cache. */
import { useQuery } from '@tanstack/react-query';
import { getReport, listReports, listReportVersions } from '../../api/reports';
import { keys } from '../../api/query-keys';

export function useReports(locale: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.reports.list(locale),
    queryFn: ({ signal }) => listReports(locale, signal),
    select: (data) => data.items,
    enabled,
    staleTime: 0,
  });
}

export function useReport(id: string, locale: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.report(id, locale),
    queryFn: ({ signal }) => getReport(id, locale, signal),
    enabled,
    // Another member of the secretariat may be editing the same draft.
    staleTime: 0,
  });
}

export function useReportVersions(id: string, locale: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.reportVersions.list(id, locale),
    queryFn: ({ signal }) => listReportVersions(id, locale, signal),
    select: (data) => data.items,
    enabled,
    staleTime: 0,
  });
}
