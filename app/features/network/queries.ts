/** Queries of the Network's pages, so that they share the cache. */
import { useQuery } from '@tanstack/react-query';
import { getCommittee, getDecision, getMeeting, getState, listJoinRequests, listMeetings, listMinutes, listStates } from '../../api/network';
import { getHubTags, type HubTags } from '../../api/knowledge';
import { keys } from '../../api/query-keys';

export function useNetworkStates(locale: string) {
  return useQuery({ queryKey: keys.network.states(locale), queryFn: ({ signal }) => listStates(locale, signal), select: (data) => data.items });
}

export function useNetworkState(iso3: string, locale: string) {
  return useQuery({ queryKey: keys.network.state(iso3, locale), queryFn: ({ signal }) => getState(iso3, locale, signal), enabled: iso3 !== '' });
}

export function useCommittee(locale: string) {
  return useQuery({ queryKey: keys.network.committee(locale), queryFn: ({ signal }) => getCommittee(locale, signal) });
}

export function useMeetings(locale: string) {
  return useQuery({ queryKey: keys.network.meetings(locale), queryFn: ({ signal }) => listMeetings(locale, signal) });
}

export function useMeeting(id: string, locale: string) {
  return useQuery({ queryKey: keys.network.meeting(id, locale), queryFn: ({ signal }) => getMeeting(id, locale, signal), staleTime: 0, enabled: id !== '' });
}

export function useDecision(id: string, locale: string) {
  return useQuery({ queryKey: keys.network.decision(id), queryFn: ({ signal }) => getDecision(id, locale, signal) });
}

export function useJoinRequests(locale: string, enabled: boolean) {
  return useQuery({ queryKey: keys.network.joinRequests(locale), queryFn: ({ signal }) => listJoinRequests(locale, signal), select: (data) => data.items, enabled, staleTime: 0 });
}

export function useMinutes(id: string, locale: string, enabled: boolean) {
  return useQuery({ queryKey: keys.network.minutes(id), queryFn: ({ signal }) => listMinutes(id, locale, signal), enabled, staleTime: 0 });
}

/** The themes and mechanisms a contribution may be tagged with, named in `locale` (the reference data). */
export function useHubTags(locale: string) {
  return useQuery({ queryKey: keys.network.hubTags(locale), queryFn: ({ signal }) => getHubTags(locale, signal), staleTime: 5 * 60_000 });
}

/** How a theme's key or a mechanism's code reads: its name when the reference data has it, else the key. */
export function tagLabel(tags: HubTags | undefined, facet: 'theme' | 'mechanism', key: string): string {
  const found = (facet === 'theme' ? tags?.themes : tags?.mechanisms)?.find((tag) => tag.key === key);
  return found ? (facet === 'mechanism' ? `${found.label} (${key})` : found.label) : key;
}

