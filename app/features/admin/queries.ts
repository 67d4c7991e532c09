/** The administration pages' data: people and institutions, retired ones included. */
import { useQuery } from '@tanstack/react-query';
import { getInstitution, getUser, listAllInstitutions, listMembers, listUsers, type UserFilters } from '../../api/admin';
import { keys } from '../../api/query-keys';

export function usePeople(filters: UserFilters, locale: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.people.list(filters, locale),
    queryFn: ({ signal }) => listUsers(filters, locale, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function usePerson(id: number, locale: string) {
  return useQuery({ queryKey: keys.people.one(id, locale), queryFn: ({ signal }) => getUser(id, locale, signal), retry: false });
}

export function useAllInstitutions(locale: string, enabled = true) {
  return useQuery({
    queryKey: keys.adminInstitutions.list(locale),
    queryFn: ({ signal }) => listAllInstitutions(locale, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useInstitution(id: number, locale: string) {
  return useQuery({ queryKey: keys.adminInstitutions.one(id, locale), queryFn: ({ signal }) => getInstitution(id, locale, signal), retry: false });
}

export function useMembers(id: number, locale: string) {
  return useQuery({ queryKey: keys.adminInstitutions.members(id, locale), queryFn: ({ signal }) => listMembers(id, locale, signal) });
}
