/**
 * The participation API: organisations register and confirm their address,
 * the public reads approved contributions and reports abuse, verified members
 * post, the secretariat verifies organisations and moderates. The locale goes
 * on every call (messages come back in it), the CSRF token on every write.
 */
import { ApiError, NetworkError } from './client';

export type OrganisationKind = 'civil_society' | 'nhri' | 'academia';
export type OrganisationState = 'email_pending' | 'awaiting_verification' | 'verified' | 'rejected' | 'suspended';
export type ContributionKind = 'comment' | 'assessment';

export interface Evidence {
  id: number;
  kind: 'link' | 'file';
  title: string;
  url: string | null;
  file_name: string | null;
  media_type: string | null;
}

export interface PublicContribution {
  id: number;
  recommendation_id: number;
  kind: ContributionKind;
  organisation: { id: number; name: string; kind: OrganisationKind };
  body: string;
  assessment: { assessor_kind: 'nhri' | 'civil_society'; status: { key: string; label: string } } | null;
  evidence: Evidence[];
  published_at: string | null;
}

export interface OwnContribution extends PublicContribution {
  state: 'pending' | 'approved' | 'rejected';
  hidden: boolean;
  version: number;
  rejection_reason: string | null;
  recommendation_symbol: string | null;
  created_at: string;
}

export interface ModerationItem extends OwnContribution {
  author: { display_name: string; email: string } | null;
  reports: { reason: string; created_at: string }[];
}

export interface Organisation {
  id: number;
  name: string;
  kind: OrganisationKind;
  contact_email: string;
  website: string | null;
  description: string;
  state: OrganisationState;
  state_reason: string | null;
  version: number;
  created_at: string;
  members: { display_name: string; email: string }[];
}

export interface MyOrganisation extends Omit<Organisation, 'members'> {
  contributions: OwnContribution[];
}

export interface Registration {
  name: string;
  kind: OrganisationKind;
  website?: string;
  description?: string;
  display_name: string;
  email: string;
  password: string;
  locale: string;
}

export interface ContributionInput {
  organisation_id?: number;
  kind: ContributionKind;
  body: string;
  status?: string;
  evidence?: { title: string; url: string }[];
}

async function call<T>(method: string, path: string, options: { locale: string; csrf?: string | null; body?: unknown; signal?: AbortSignal }): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  const separator = path.includes('?') ? '&' : '?';
  let response: Response;
  try {
    response = await fetch(`${path}${separator}${new URLSearchParams({ locale: options.locale })}`, {
      method, headers, credentials: 'same-origin', signal: options.signal,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (error) {
    if (response.ok) throw new NetworkError(error);
  }
  if (!response.ok) {
    const err = body as { error?: unknown; message?: unknown } | null;
    if (err && typeof err.message === 'string') throw new ApiError(response.status, String(err.error ?? 'error'), err.message);
    throw new ApiError(response.status, 'http_error', response.statusText || `HTTP ${response.status}`);
  }
  return body as T;
}

/** `csrf` when the browser is signed in: the server then checks it as for any write. */
export const registerOrganisation = (input: Registration, locale: string, csrf?: string | null) =>
  call<{ status: 'accepted' }>('POST', '/api/v1/organisations', { locale, csrf, body: input });

export const confirmOrganisation = (token: string, locale: string, csrf?: string | null) =>
  call<null>('POST', '/api/v1/organisations/confirm', { locale, csrf, body: { token } });

export const getMyOrganisations = (locale: string, signal?: AbortSignal) =>
  call<{ items: MyOrganisation[] }>('GET', '/api/v1/organisations/mine', { locale, signal });

export const listOrganisations = (state: OrganisationState | '', locale: string, signal?: AbortSignal) =>
  call<{ items: Organisation[] }>('GET', `/api/v1/organisations${state ? `?state=${state}` : ''}`, { locale, signal });

export const decideOrganisation = (id: number, decision: { verify: boolean; version: number; reason?: string }, locale: string, csrf: string) =>
  call<Organisation>('POST', `/api/v1/organisations/${id}/${decision.verify ? 'verify' : 'reject'}`, {
    locale, csrf, body: decision.verify ? { version: decision.version } : { version: decision.version, reason: decision.reason },
  });

export const getContributions = (recommendationId: number, locale: string, signal?: AbortSignal) =>
  call<{ items: PublicContribution[] }>('GET', `/api/v1/recommendations/${recommendationId}/contributions`, { locale, signal });

export const postContribution = (recommendationId: number, input: ContributionInput, locale: string, csrf: string) =>
  call<OwnContribution>('POST', `/api/v1/recommendations/${recommendationId}/contributions`, { locale, csrf, body: input });

export const reportContribution = (id: number, reason: string, locale: string, csrf: string | null) =>
  call<{ status: 'accepted' }>('POST', `/api/v1/contributions/${id}/reports`, { locale, csrf, body: { reason } });

export const getModerationQueue = (locale: string, signal?: AbortSignal) =>
  call<{ items: ModerationItem[] }>('GET', '/api/v1/moderation/contributions', { locale, signal });

export const moderateContribution = (
  id: number, decision: 'approve' | 'reject' | 'restore', input: { version: number; reason?: string }, locale: string, csrf: string,
) => call<ModerationItem>('POST', `/api/v1/moderation/contributions/${id}/${decision}`, { locale, csrf, body: input });
