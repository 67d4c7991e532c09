/** Queries of the reporting-round pages and of the workspace home, so that they share the cache. */
import { useQuery } from '@tanstack/react-query';
import { getReportsDue, getRoundDashboard, listRounds } from '../../api/followup';
import { keys } from '../../api/query-keys';

export function useRounds(locale: string, enabled = true) {
  return useQuery({
    queryKey: keys.rounds.list(locale),
    queryFn: ({ signal }) => listRounds(locale, signal),
    select: (data) => data.items,
    enabled,
    staleTime: 0,
  });
}

export function useDashboard(id: string, locale: string) {
  return useQuery({
    queryKey: keys.roundDashboard(id, locale),
    queryFn: ({ signal }) => getRoundDashboard(id, locale, signal),
    // Institutions report while the secretariat watches: always ask again.
    staleTime: 0,
  });
}

export function useReportsDue(roundId: number | string, institutionId: number | string, locale: string) {
  return useQuery({
    queryKey: keys.roundReportsDue(String(roundId), String(institutionId), locale),
    queryFn: ({ signal }) => getReportsDue(roundId, institutionId, locale, signal),
    staleTime: 0,
  });
}
