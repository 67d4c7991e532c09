/**
 * The implementation plans API: plans, objectives, activities, proposals through the validation chain,
 * revisions, progress, coverage, import and the public pages. Same conventions as workspace.ts (locale
 * on every call, CSRF on every write). Shapes from shared/plans.ts, as types only.
 */
import type { z } from 'zod';
import type {
  activityDetailSchema, activityInputSchema, activityPatchSchema, Coverage, objectiveInputSchema, objectivePatchSchema, objectiveSchema,
  PlanDetail, PlanImportReport, PlanProgress, planInputSchema, planPatchSchema, planStatusInputSchema, planSummarySchema,
  proposalInputSchema, proposalPatchSchema, recommendationPlannedSchema, revisionListSchema,
} from '../../shared/plans';
import type { TransitionName } from '../../shared/workflows/action-review';
import { request, type QueryValue } from './http';

export type { Coverage, PlanDetail, PlanImportReport, PlanProgress };
export type { PlanActivity } from '../../shared/plans';
export type PlanSummary = z.infer<typeof planSummarySchema>;
export type PlanObjective = z.infer<typeof objectiveSchema>;
export type ActivityDetail = z.infer<typeof activityDetailSchema>;
export type PlanInput = z.input<typeof planInputSchema>;
export type PlanPatch = z.input<typeof planPatchSchema>;
export type PlanStatusInput = z.input<typeof planStatusInputSchema>;
export type ObjectiveInput = z.input<typeof objectiveInputSchema>;
export type ObjectivePatch = z.input<typeof objectivePatchSchema>;
export type ActivityInput = z.input<typeof activityInputSchema>;
export type ActivityPatch = z.input<typeof activityPatchSchema>;
export type ProposalInput = z.input<typeof proposalInputSchema>;
export type ProposalPatch = z.input<typeof proposalPatchSchema>;
export type Revisions = z.infer<typeof revisionListSchema>;
export type PlannedActivities = z.infer<typeof recommendationPlannedSchema>;

// Plans (workspace)

export function listPlans(locale: string, signal?: AbortSignal) {
  return request<{ items: PlanSummary[] }>('GET', '/api/v1/plans', { locale, signal });
}

export function getPlan(id: number | string, locale: string, signal?: AbortSignal) {
  return request<PlanDetail>('GET', `/api/v1/plans/${encodeURIComponent(id)}`, { locale, signal });
}

export function createPlan(input: PlanInput, locale: string, csrf: string) {
  return request<PlanDetail>('POST', '/api/v1/plans', { locale, csrf, body: input });
}

export function updatePlan(id: number, patch: PlanPatch, locale: string, csrf: string) {
  return request<PlanDetail>('PATCH', `/api/v1/plans/${id}`, { locale, csrf, body: patch });
}

export function setPlanStatus(id: number, input: PlanStatusInput, locale: string, csrf: string) {
  return request<PlanDetail>('POST', `/api/v1/plans/${id}/status`, { locale, csrf, body: input });
}

export function getRevisions(id: number | string, locale: string, signal?: AbortSignal) {
  return request<Revisions>('GET', `/api/v1/plans/${encodeURIComponent(id)}/revisions`, { locale, signal });
}

export function getProgress(id: number | string, locale: string, signal?: AbortSignal) {
  return request<PlanProgress>('GET', `/api/v1/plans/${encodeURIComponent(id)}/progress`, { locale, signal });
}

/** Fills a draft plan from a spreadsheet; `dryRun` only checks it. */
export function importPlanFile(id: number, file: File, dryRun: boolean, locale: string, csrf: string) {
  const form = new FormData();
  // The server reads the fields that come before the file.
  form.append('dry_run', String(dryRun));
  form.append('file', file, file.name);
  return request<PlanImportReport>('POST', `/api/v1/plans/${id}/import`, { locale, csrf, form });
}

// Objectives

export function addObjective(planId: number, input: ObjectiveInput, locale: string, csrf: string) {
  return request<PlanObjective>('POST', `/api/v1/plans/${planId}/objectives`, { locale, csrf, body: input });
}

export function updateObjective(id: number, patch: ObjectivePatch, locale: string, csrf: string) {
  return request<PlanObjective>('PATCH', `/api/v1/plan-objectives/${id}`, { locale, csrf, body: patch });
}

export function deleteObjective(id: number, body: { version: number; revision_reason?: string }, locale: string, csrf: string) {
  return request<null>('DELETE', `/api/v1/plan-objectives/${id}`, { locale, csrf, body });
}

// Activities and proposals

export function getActivity(id: number | string, locale: string, signal?: AbortSignal) {
  return request<ActivityDetail>('GET', `/api/v1/plan-activities/${encodeURIComponent(id)}`, { locale, signal });
}

export function addActivity(planId: number, input: ActivityInput, locale: string, csrf: string) {
  return request<ActivityDetail>('POST', `/api/v1/plans/${planId}/activities`, { locale, csrf, body: input });
}

export function updateActivity(id: number, patch: ActivityPatch, locale: string, csrf: string) {
  return request<ActivityDetail>('PATCH', `/api/v1/plan-activities/${id}`, { locale, csrf, body: patch });
}

export function deleteActivity(id: number, body: { version: number; revision_reason?: string }, locale: string, csrf: string) {
  return request<null>('DELETE', `/api/v1/plan-activities/${id}`, { locale, csrf, body });
}

export function proposeActivity(planId: number, input: ProposalInput, locale: string, csrf: string) {
  return request<ActivityDetail>('POST', `/api/v1/plans/${planId}/proposals`, { locale, csrf, body: input });
}

export function updateProposal(id: number, patch: ProposalPatch, locale: string, csrf: string) {
  return request<ActivityDetail>('PATCH', `/api/v1/plan-activities/${id}/proposal`, { locale, csrf, body: patch });
}

export function moveProposal(id: number, transition: TransitionName, body: { version: number; comment?: string }, locale: string, csrf: string) {
  return request<ActivityDetail>('POST', `/api/v1/plan-activities/${id}/${transition.replaceAll('_', '-')}`, { locale, csrf, body });
}

// Coverage

export function getCoverage(query: Record<string, QueryValue>, locale: string, signal?: AbortSignal) {
  return request<Coverage>('GET', '/api/v1/plan-coverage', { locale, query, signal });
}

// Public

export function listPublicPlans(locale: string, signal?: AbortSignal) {
  return request<{ items: PlanSummary[] }>('GET', '/api/v1/public/plans', { locale, signal });
}

export function getPublicPlan(id: number | string, locale: string, signal?: AbortSignal) {
  return request<PlanDetail>('GET', `/api/v1/public/plans/${encodeURIComponent(id)}`, { locale, signal });
}

export function getPublicProgress(id: number | string, locale: string, signal?: AbortSignal) {
  return request<PlanProgress>('GET', `/api/v1/public/plans/${encodeURIComponent(id)}/progress`, { locale, signal });
}

export function getPlannedActivities(recommendationId: number, locale: string, signal?: AbortSignal) {
  return request<PlannedActivities>('GET', `/api/v1/public/recommendations/${recommendationId}/planned-activities`, { locale, signal });
}
