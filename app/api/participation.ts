/**
 * The participation API: organisations register and confirm their address,
 * the public reads approved contributions and reports abuse, verified members
 * post, the secretariat verifies organisations and moderates. The locale goes
 * on every call (messages come back in it), the CSRF token on every write.
 */
import type {
  ContributionInput, ModerationItem, MyOrganisation, Organisation, OrganisationState, OwnContribution, PublicContribution, Registration,
} from '../../shared/participation';
import { request as call } from './http';

export type {
  ContributionInput, ContributionKind, Evidence, ModerationItem, MyOrganisation, Organisation, OrganisationKind, OrganisationState,
  OwnContribution, PublicContribution, Registration,
} from '../../shared/participation';

/** `csrf` when the browser is signed in: the server then checks it as for any write. */
export const registerOrganisation = (input: Registration, locale: string, csrf?: string | null) =>
  call<{ status: 'accepted' }>('POST', '/api/v1/organisations', { locale, csrf, body: input });

export const confirmOrganisation = (token: string, locale: string, csrf?: string | null) =>
  call<null>('POST', '/api/v1/organisations/confirm', { locale, csrf, body: { token } });

export const getMyOrganisations = (locale: string, signal?: AbortSignal) =>
  call<{ items: MyOrganisation[] }>('GET', '/api/v1/organisations/mine', { locale, signal });

export const listOrganisations = (state: OrganisationState | '', locale: string, signal?: AbortSignal) =>
  call<{ items: Organisation[] }>('GET', '/api/v1/organisations', { locale, signal, query: { state: state || undefined } });

export const decideOrganisation = (id: number, decision: { verify: boolean; version: number; reason?: string }, locale: string, csrf: string) =>
  call<Organisation>('POST', `/api/v1/organisations/${id}/${decision.verify ? 'verify' : 'reject'}`, {
    locale, csrf, body: decision.verify ? { version: decision.version } : { version: decision.version, reason: decision.reason },
  });

export const getContributions = (recommendationId: number, locale: string, signal?: AbortSignal) =>
  call<{ items: PublicContribution[] }>('GET', `/api/v1/recommendations/${recommendationId}/contributions`, { locale, signal });

export const postContribution = (recommendationId: number, input: ContributionInput, locale: string, csrf: string) =>
  call<OwnContribution>('POST', `/api/v1/recommendations/${recommendationId}/contributions`, { locale, csrf, body: input });

/** A file as evidence of the member's own contribution (kept private until the contribution is approved). */
export function uploadContributionEvidence(id: number, file: File, title: string, locale: string, csrf: string) {
  const form = new FormData();
  // The server reads the fields that come before the file: the title goes first.
  form.append('title', title || file.name);
  form.append('file', file, file.name);
  return call<unknown>('POST', `/api/v1/contributions/${id}/evidence/files`, { locale, csrf, form });
}

export const reportContribution = (id: number, reason: string, locale: string, csrf: string | null) =>
  call<{ status: 'accepted' }>('POST', `/api/v1/contributions/${id}/reports`, { locale, csrf, body: { reason } });

export const getModerationQueue = (locale: string, signal?: AbortSignal) =>
  call<{ items: ModerationItem[] }>('GET', '/api/v1/moderation/contributions', { locale, signal });

export const moderateContribution = (
  id: number, decision: 'approve' | 'reject' | 'restore', input: { version: number; reason?: string }, locale: string, csrf: string,
) => call<ModerationItem>('POST', `/api/v1/moderation/contributions/${id}/${decision}`, { locale, csrf, body: input });
