/**
 * The workspace API: institutions, assignments and their queues, action
 * reports, their evidence and their validation chain. Every write carries the
 * session's CSRF token; every call sends the UI locale so that error messages
 * come back in the reader's language (app/api/http.ts).
 */
import { request } from './http';
import type {
  ActionDetail, ActionInput, ActionList, ActionPatch, AssignInput, AssignResult, Institution, Queue,
} from './types';
import type { Overview } from '../../shared/overview';
import type { AssignPreview } from '../../shared/assignments';
import type { TransitionName } from '../../shared/workflows/action-review';

// The secretariat's overview

export function getOverview(locale: string, signal?: AbortSignal) {
  return request<Overview>('GET', '/api/v1/workspace/overview', { locale, signal });
}

// Institutions and assignments

export function listInstitutions(locale: string, signal?: AbortSignal) {
  return request<{ items: Institution[] }>('GET', '/api/v1/institutions', { locale, signal });
}

export function getQueue(institutionId: number, locale: string, page = 1, pageSize = 100, signal?: AbortSignal) {
  return request<Queue>('GET', `/api/v1/institutions/${institutionId}/assignments`, {
    locale, signal, query: { page, page_size: pageSize },
  });
}

export function assign(input: AssignInput, locale: string, csrf: string) {
  return request<AssignResult>('POST', '/api/v1/assignments', { locale, csrf, body: input });
}

/** What an assignment would do per institution (new, changed, unchanged, led by another), writing nothing. */
export function previewAssign(input: Omit<AssignInput, 'due_date'>, locale: string, csrf: string) {
  return request<AssignPreview>('POST', '/api/v1/assignments/preview', { locale, csrf, body: input });
}

// Action reports

export interface ActionFilters {
  institution_id?: number;
  recommendation_id?: number;
  state?: string[];
  page?: number;
  page_size?: number;
}

export function listActions(filters: ActionFilters, locale: string, signal?: AbortSignal) {
  return request<ActionList>('GET', '/api/v1/actions', { locale, signal, query: { ...filters } });
}

export function getAction(id: number | string, locale: string, signal?: AbortSignal) {
  return request<ActionDetail>('GET', `/api/v1/actions/${encodeURIComponent(id)}`, { locale, signal });
}

export function createAction(input: ActionInput, locale: string, csrf: string) {
  return request<ActionDetail>('POST', '/api/v1/actions', { locale, csrf, body: input });
}

export function updateAction(id: number, patch: ActionPatch, locale: string, csrf: string) {
  return request<ActionDetail>('PATCH', `/api/v1/actions/${id}`, { locale, csrf, body: patch });
}

/** One move along the validation chain; the endpoint is the transition's name with dashes. */
export function moveAction(
  id: number, transition: TransitionName, input: { version: number; comment?: string }, locale: string, csrf: string,
) {
  return request<ActionDetail>('POST', `/api/v1/actions/${id}/${transition.replaceAll('_', '-')}`, { locale, csrf, body: input });
}

export function addLinkEvidence(id: number, input: { title: string; url: string }, locale: string, csrf: string) {
  return request<ActionDetail>('POST', `/api/v1/actions/${id}/evidence/links`, { locale, csrf, body: input });
}

export function uploadEvidence(id: number, file: File, title: string, locale: string, csrf: string) {
  const form = new FormData();
  // The server reads the fields that come before the file: the title goes first.
  if (title) form.append('title', title);
  form.append('file', file, file.name);
  return request<ActionDetail>('POST', `/api/v1/actions/${id}/evidence/files`, { locale, csrf, form });
}

export function removeEvidence(id: number, evidenceId: number, locale: string, csrf: string) {
  return request<ActionDetail>('DELETE', `/api/v1/actions/${id}/evidence/${evidenceId}`, { locale, csrf });
}
