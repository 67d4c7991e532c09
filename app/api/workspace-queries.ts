/** Queries the workspace pages share, so that they share the cache too. */
import { useQuery } from '@tanstack/react-query';
import { getAction, getQueue, listActions, listInstitutions, type ActionFilters } from './workspace';
import { keys } from './query-keys';

export function useInstitutions(locale: string) {
  return useQuery({
    queryKey: keys.institutions(locale),
    queryFn: ({ signal }) => listInstitutions(locale, signal),
    select: (data) => data.items,
  });
}

/** An institution's queue: up to 100 assigned recommendations, soonest due first. */
export function useQueue(institutionId: number | null, locale: string) {
  return useQuery({
    queryKey: keys.queue.of(institutionId, locale),
    queryFn: ({ signal }) => getQueue(institutionId!, locale, 1, 100, signal),
    enabled: institutionId !== null,
    // A queue changes under the person's feet (the secretariat assigns): ask again on each visit.
    staleTime: 0,
  });
}

export function useActions(filters: ActionFilters, locale: string, enabled = true) {
  return useQuery({
    queryKey: keys.actions.list(filters, locale),
    queryFn: ({ signal }) => listActions({ page_size: 100, ...filters }, locale, signal),
    enabled,
    // Reports move along the chain as other people act: never trust an old list.
    staleTime: 0,
  });
}

export function useAction(id: string, locale: string) {
  return useQuery({
    queryKey: keys.action(id, locale),
    queryFn: ({ signal }) => getAction(id, locale, signal),
    staleTime: 0,
  });
}
