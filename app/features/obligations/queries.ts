/** Queries of the reporting calendar, the obligation page and the recommendation page's notice, so that they share the cache. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { getObligation, listObligations, listRatifications, type ObligationFilters } from '../../api/obligations';
import { keys } from '../../api/query-keys';

export function useObligationList(filters: ObligationFilters, locale: string) {
  return useQuery({
    queryKey: keys.obligations.list(filters, locale),
    queryFn: ({ signal }) => listObligations(filters, locale, signal),
    // The status depends on today's date and the secretariat may have just changed one: always ask again.
    staleTime: 0,
  });
}

export function useObligation(id: string, locale: string) {
  return useQuery({
    queryKey: keys.obligation.of(id, locale),
    queryFn: ({ signal }) => getObligation(id, locale, signal),
    staleTime: 0,
  });
}

export function useRatifications(locale: string, enabled = true) {
  return useQuery({
    queryKey: keys.ratifications.list(locale),
    queryFn: ({ signal }) => listRatifications(locale, signal),
    select: (data) => data.items,
    enabled,
  });
}

/** After any change: every list, page and notice may show the obligation. */
export function invalidateObligations(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: keys.obligations.all });
  void queryClient.invalidateQueries({ queryKey: keys.obligation.all });
}
