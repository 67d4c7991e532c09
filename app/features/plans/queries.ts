/** Queries of the plan pages, so that they share the cache. */
import { useQuery } from '@tanstack/react-query';
import { getActivity, getPlan, getProgress, getPublicPlan, getPublicProgress, getRevisions, listPlans, listPublicPlans } from '../../api/plans';
import { keys } from '../../api/query-keys';

export function usePlans(locale: string, enabled = true) {
  return useQuery({ queryKey: keys.plans.list(locale), queryFn: ({ signal }) => listPlans(locale, signal), select: (data) => data.items, enabled, staleTime: 0 });
}

export function usePlan(id: string, locale: string, enabled = true) {
  return useQuery({ queryKey: keys.plans.one(id, locale), queryFn: ({ signal }) => getPlan(id, locale, signal), enabled, staleTime: 0 });
}

export function usePlanProgress(id: string, locale: string, enabled = true) {
  return useQuery({ queryKey: keys.plans.progress(id, locale), queryFn: ({ signal }) => getProgress(id, locale, signal), enabled, staleTime: 0 });
}

export function useRevisions(id: string, locale: string, enabled = true) {
  return useQuery({ queryKey: keys.plans.revisions(id, locale), queryFn: ({ signal }) => getRevisions(id, locale, signal), enabled, staleTime: 0 });
}

export function useActivity(id: string, locale: string, enabled = true) {
  return useQuery({ queryKey: keys.plans.activity(id, locale), queryFn: ({ signal }) => getActivity(id, locale, signal), enabled, staleTime: 0 });
}

export function usePublicPlans(locale: string) {
  return useQuery({ queryKey: keys.publicPlans.list(locale), queryFn: ({ signal }) => listPublicPlans(locale, signal), select: (data) => data.items });
}

export function usePublicPlan(id: string, locale: string) {
  return useQuery({ queryKey: keys.publicPlans.one(id, locale), queryFn: ({ signal }) => getPublicPlan(id, locale, signal) });
}

export function usePublicProgress(id: string, locale: string) {
  return useQuery({ queryKey: keys.publicPlans.progress(id, locale), queryFn: ({ signal }) => getPublicProgress(id, locale, signal) });
}
