/**
 * The follow-up API beyond action reports: reporting rounds, the web import,
 * implementation status, record histories and indicators. Same conventions as
 * workspace.ts (locale on every call, CSRF on every write).
 */
import type {
  AssessmentInput, ChangeLog, HistoryEntity, ImportReport, Indicator, IndicatorDetail, MeasurementInput, RecommendationStatus,
  Round, RoundDashboard, RoundInput, RoundReportsDue, RoundPatch, StatusScales,
} from './types';
import { request } from './http';

// Reporting rounds

export function listRounds(locale: string, signal?: AbortSignal) {
  return request<{ items: Round[] }>('GET', '/api/v1/rounds', { locale, signal });
}

export function createRound(input: RoundInput, locale: string, csrf: string) {
  return request<Round>('POST', '/api/v1/rounds', { locale, csrf, body: input });
}

export function updateRound(id: number, patch: RoundPatch, locale: string, csrf: string) {
  return request<Round>('PATCH', `/api/v1/rounds/${id}`, { locale, csrf, body: patch });
}

export function getRoundDashboard(id: number | string, locale: string, signal?: AbortSignal) {
  return request<RoundDashboard>('GET', `/api/v1/rounds/${encodeURIComponent(id)}/dashboard`, { locale, signal });
}

export function getReportsDue(roundId: number | string, institutionId: number | string, locale: string, signal?: AbortSignal) {
  return request<RoundReportsDue>(
    'GET', `/api/v1/rounds/${encodeURIComponent(roundId)}/institutions/${encodeURIComponent(institutionId)}`, { locale, signal },
  );
}

// Web import

export interface ImportOptions {
  /** Empty: the server detects the format. */
  format: string;
  dryRun: boolean;
  skipInvalid: boolean;
  /** Score what the import brings with the suggestion model at once (the review queue shows it). */
  suggest: boolean;
}

export function importFile(file: File, options: ImportOptions, locale: string, csrf: string) {
  const form = new FormData();
  // The server reads the fields that come before the file: the options go first.
  if (options.format) form.append('format', options.format);
  form.append('dry_run', String(options.dryRun));
  form.append('skip_invalid', String(options.skipInvalid));
  form.append('suggest', String(options.suggest));
  form.append('file', file, file.name);
  return request<ImportReport>('POST', '/api/v1/imports', { locale, csrf, form });
}

// Implementation status

export function getStatusScales(locale: string, signal?: AbortSignal) {
  return request<StatusScales>('GET', '/api/v1/status-scales', { locale, signal });
}

export function getRecommendationStatus(id: number, locale: string, signal?: AbortSignal) {
  return request<RecommendationStatus>('GET', `/api/v1/recommendations/${id}/status`, { locale, signal });
}

export function assessStatus(id: number, input: AssessmentInput, locale: string, csrf: string) {
  return request<RecommendationStatus>('POST', `/api/v1/recommendations/${id}/status`, { locale, csrf, body: input });
}

// History

export function getHistory(entity: HistoryEntity, id: number | string, locale: string, signal?: AbortSignal) {
  return request<ChangeLog>('GET', `/api/v1/history/${entity}/${encodeURIComponent(id)}`, { locale, signal, query: { page_size: 50 } });
}

// Indicators

export function listIndicators(filters: { recommendation_id?: number; institution_id?: number; page_size?: number }, locale: string, signal?: AbortSignal) {
  return request<{ total: number; items: Indicator[] }>('GET', '/api/v1/indicators', { locale, signal, query: { ...filters } });
}

export function getIndicator(id: number | string, locale: string, signal?: AbortSignal) {
  return request<IndicatorDetail>('GET', `/api/v1/indicators/${encodeURIComponent(id)}`, { locale, signal });
}

export function addMeasurement(id: number, input: MeasurementInput, locale: string, csrf: string) {
  return request<IndicatorDetail>('POST', `/api/v1/indicators/${id}/measurements`, { locale, csrf, body: input });
}

export function removeMeasurement(id: number, measurementId: number, locale: string, csrf: string) {
  return request<IndicatorDetail>('DELETE', `/api/v1/indicators/${id}/measurements/${measurementId}`, { locale, csrf });
}
