/**
 * The public portal API: institutions, mechanisms and SDGs as visitors read
 * them (server/modules/portal). Type-only imports of the contract in
 * shared/portal.ts: nothing of zod reaches the browser bundle.
 */
import type {
  InstitutionActions, InstitutionRecommendations, PublicInstitution, PublicInstitutionList, PublicMechanism, PublicSdg,
  ResponsibleInstitutions,
} from '../../shared/portal';
import { request } from './http';

export type {
  InstitutionActions, InstitutionRecommendations, PublicInstitution, PublicInstitutionList, PublicMechanism, PublicSdg,
  ResponsibleInstitutions,
};
export type { PublicInstitutionSummary, ReportingRecord } from '../../shared/portal';

export const PORTAL_PAGE_SIZE = 20;

export function listPublicInstitutions(locale: string, signal?: AbortSignal) {
  return request<PublicInstitutionList>('GET', '/api/v1/public/institutions', { locale, signal });
}

export function getPublicInstitution(id: string, locale: string, signal?: AbortSignal) {
  return request<PublicInstitution>('GET', `/api/v1/public/institutions/${encodeURIComponent(id)}`, { locale, signal });
}

export function getInstitutionRecommendations(id: string, page: number, locale: string, signal?: AbortSignal) {
  return request<InstitutionRecommendations>('GET', `/api/v1/public/institutions/${encodeURIComponent(id)}/recommendations`, {
    locale, signal, query: { page, page_size: PORTAL_PAGE_SIZE },
  });
}

export function getInstitutionActions(id: string, page: number, locale: string, signal?: AbortSignal) {
  return request<InstitutionActions>('GET', `/api/v1/public/institutions/${encodeURIComponent(id)}/actions`, {
    locale, signal, query: { page, page_size: PORTAL_PAGE_SIZE },
  });
}

export function getResponsibleInstitutions(recommendationId: number, locale: string, signal?: AbortSignal) {
  return request<ResponsibleInstitutions>('GET', `/api/v1/public/recommendations/${recommendationId}/institutions`, { locale, signal });
}

export function getPublicMechanism(code: string, locale: string, signal?: AbortSignal) {
  return request<PublicMechanism>('GET', `/api/v1/public/mechanisms/${encodeURIComponent(code)}`, { locale, signal });
}

export function getPublicSdg(goal: string, locale: string, signal?: AbortSignal) {
  return request<PublicSdg>('GET', `/api/v1/public/sdgs/${encodeURIComponent(goal)}`, { locale, signal });
}
