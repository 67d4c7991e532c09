/**
 * The administration API: people (invite, list, deactivate, roles) and
 * institutions (create, edit, retire, merge). Writes carry the session's CSRF
 * token and the version the person started from.
 */
import type { z } from 'zod';
import type {
  Institution, institutionInputSchema, institutionMergeResultSchema, institutionPatchSchema, memberSchema,
} from '../../shared/institutions';
import type { MembershipRole, User, userListSchema } from '../../shared/users';
import { request } from './http';

export type UserList = z.infer<typeof userListSchema>;
export type InstitutionInput = z.input<typeof institutionInputSchema>;
export type InstitutionPatch = z.input<typeof institutionPatchSchema>;
export type MergeResult = z.infer<typeof institutionMergeResultSchema>;
export type Member = z.infer<typeof memberSchema>;
export type RoleAssignment = { role: MembershipRole; institution_id: number | null };

export interface UserFilters {
  q?: string;
  role?: string;
  institution_id?: number;
  active?: 'true' | 'false';
  page?: number;
  page_size?: number;
}

export function listUsers(filters: UserFilters, locale: string, signal?: AbortSignal) {
  return request<UserList>('GET', '/api/v1/users', { locale, signal, query: { ...filters } });
}

export function getUser(id: number, locale: string, signal?: AbortSignal) {
  return request<User>('GET', `/api/v1/users/${id}`, { locale, signal });
}

export function inviteUser(input: { email: string; display_name: string; locale: string }, locale: string, csrf: string) {
  return request<User>('POST', '/api/v1/users', { locale, csrf, body: input });
}

export function setUserActive(id: number, active: boolean, version: number, locale: string, csrf: string) {
  return request<User>('PATCH', `/api/v1/users/${id}`, { locale, csrf, body: { active, version } });
}

/** An administrator turns off the second factor of a person who lost it. */
export function resetSecondFactor(id: number, version: number, locale: string, csrf: string) {
  return request<User>('POST', `/api/v1/users/${id}/second-factor/reset`, { locale, csrf, body: { version } });
}

export function setUserRoles(id: number, roles: RoleAssignment[], version: number, locale: string, csrf: string) {
  return request<User>('PUT', `/api/v1/users/${id}/roles`, { locale, csrf, body: { roles, version } });
}

export function listAllInstitutions(locale: string, signal?: AbortSignal) {
  return request<{ items: Institution[] }>('GET', '/api/v1/institutions', { locale, signal, query: { include_inactive: 'true' } });
}

export function getInstitution(id: number, locale: string, signal?: AbortSignal) {
  return request<Institution>('GET', `/api/v1/institutions/${id}`, { locale, signal });
}

export function createInstitution(input: InstitutionInput, locale: string, csrf: string) {
  return request<Institution>('POST', '/api/v1/institutions', { locale, csrf, body: input });
}

export function updateInstitution(id: number, patch: InstitutionPatch, locale: string, csrf: string) {
  return request<Institution>('PATCH', `/api/v1/institutions/${id}`, { locale, csrf, body: patch });
}

export function mergeInstitution(id: number, input: { into_id: number; version: number; into_version: number }, locale: string, csrf: string) {
  return request<MergeResult>('POST', `/api/v1/institutions/${id}/merge`, { locale, csrf, body: input });
}

export function listMembers(id: number, locale: string, signal?: AbortSignal) {
  return request<{ items: Member[] }>('GET', `/api/v1/institutions/${id}/members`, { locale, signal });
}
