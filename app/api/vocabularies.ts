/** The themes, affected persons and mechanisms an administrator keeps (contracts in shared/taxonomies.ts). */
import type { z } from 'zod';
import type {
  EditableVocabulary, mechanismCreateSchema, mechanismListSchema, mechanismUpdateSchema, termCreateSchema, termListSchema, termUpdateSchema,
} from '../../shared/taxonomies';
import { request } from './http';

export type { EditableVocabulary };
export type TermList = z.infer<typeof termListSchema>;
export type Term = TermList['items'][number];

export function listTerms(vocabulary: EditableVocabulary, locale: string, signal?: AbortSignal) {
  return request<TermList>('GET', `/api/v1/admin/vocabularies/${vocabulary}`, { locale, signal });
}

export function createTerm(vocabulary: EditableVocabulary, input: z.infer<typeof termCreateSchema>, locale: string, csrf: string) {
  return request<TermList>('POST', `/api/v1/admin/vocabularies/${vocabulary}`, { locale, csrf, body: input });
}

export function updateTerm(vocabulary: EditableVocabulary, id: number, input: z.infer<typeof termUpdateSchema>, locale: string, csrf: string) {
  return request<TermList>('PUT', `/api/v1/admin/vocabularies/${vocabulary}/${id}`, { locale, csrf, body: input });
}

export function retireTerm(vocabulary: EditableVocabulary, id: number, input: { version: number; retired: boolean }, locale: string, csrf: string) {
  return request<TermList>('POST', `/api/v1/admin/vocabularies/${vocabulary}/${id}/retire`, { locale, csrf, body: input });
}

export type MechanismList = z.infer<typeof mechanismListSchema>;
export type Mechanism = MechanismList['items'][number];

export function listMechanisms(locale: string, signal?: AbortSignal) {
  return request<MechanismList>('GET', '/api/v1/admin/mechanisms', { locale, signal });
}

export function createMechanism(input: z.infer<typeof mechanismCreateSchema>, locale: string, csrf: string) {
  return request<MechanismList>('POST', '/api/v1/admin/mechanisms', { locale, csrf, body: input });
}

export function updateMechanism(id: number, input: z.infer<typeof mechanismUpdateSchema>, locale: string, csrf: string) {
  return request<MechanismList>('PUT', `/api/v1/admin/mechanisms/${id}`, { locale, csrf, body: input });
}

export function retireMechanism(id: number, input: { version: number; retired: boolean }, locale: string, csrf: string) {
  return request<MechanismList>('POST', `/api/v1/admin/mechanisms/${id}/retire`, { locale, csrf, body: input });
}
