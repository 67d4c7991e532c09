/**
 * The report composer's API: drafts of State reports compiled from
 * recommendations, their sections, regeneration and saved versions. Same
 * conventions as workspace.ts (locale on every call, CSRF on every write).
 * Type-only imports of the contract: nothing of zod reaches the browser bundle.
 */
import type { z } from 'zod';
import type { ReportVersion, reportInputSchema, reportSchema, reportSectionSchema } from '../../shared/reports';
import { request } from './http';

export type Report = z.infer<typeof reportSchema>;
export type ReportSummary = Omit<Report, 'sections'>;
export type ReportSection = z.infer<typeof reportSectionSchema>;
/** The filters of GET /api/v1/recommendations that the compose form offers (the API takes them all). */
export interface ReportSearch { q?: string; mechanism?: string[]; cycle?: number[]; year_from?: number; year_to?: number }
export type ReportInput = Omit<z.input<typeof reportInputSchema>, 'search'> & { search?: ReportSearch };
export type ReportTemplate = Report['template'];
export type ReportGrouping = Report['grouping'];
export type { ReportVersion } from '../../shared/reports';

/** The formats a draft downloads as, in the order the page offers them. */
export const REPORT_EXPORT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

export function listReports(locale: string, signal?: AbortSignal) {
  return request<{ items: ReportSummary[] }>('GET', '/api/v1/reports', { locale, signal });
}

export function getReport(id: number | string, locale: string, signal?: AbortSignal) {
  return request<Report>('GET', `/api/v1/reports/${encodeURIComponent(id)}`, { locale, signal });
}

export function createReport(input: ReportInput, locale: string, csrf: string) {
  return request<Report>('POST', '/api/v1/reports', { locale, csrf, body: input });
}

/** Compiles the draft again; people's edits stay unless `overwriteEdits`. */
export function regenerateReport(id: number, version: number, overwriteEdits: boolean, locale: string, csrf: string) {
  return request<Report>('POST', `/api/v1/reports/${id}/regenerate`, { locale, csrf, body: { version, overwrite_edits: overwriteEdits } });
}

/** A section's new text; null gives the section back to the compiled text. */
export function editReportSection(id: number, key: string, version: number, text: string | null, locale: string, csrf: string) {
  return request<Report>('PATCH', `/api/v1/reports/${id}/sections/${encodeURIComponent(key)}`, { locale, csrf, body: { version, text } });
}

export function listReportVersions(id: number | string, locale: string, signal?: AbortSignal) {
  return request<{ items: ReportVersion[] }>('GET', `/api/v1/reports/${encodeURIComponent(id)}/versions`, { locale, signal });
}

/** Where a draft downloads (an attachment: a plain link, no script involved). */
export function reportExportUrl(id: number, format: ReportExportFormat): string {
  return `/api/v1/reports/${id}/export.${format}`;
}

/** The search's filters as query parameters of GET /api/v1/recommendations. */
export function searchParams(search: ReportSearch, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (value === undefined || value === '') continue;
    for (const one of [value].flat()) params.append(name, String(one));
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params;
}
