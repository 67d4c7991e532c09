/**
 * The only way contributions and organisations leave the server: as plain
 * text, cleaned again on the way out, with scale labels in the caller's
 * language. Links are given only when they are http(s).
 */
import type { z } from 'zod';
import { pickText, type Locale } from '../../platform/http/locale';
import type { ScaleStepRow } from '../status/status.repository';
import type { ContributionRow, OrganisationRow } from './participation.repository';
import {
  BODY_MAX, type moderationItemSchema, type organisationSchema, type ownContributionSchema, type publicContributionSchema,
} from '../../../shared/participation';
import { cleanLine, cleanText } from './sanitise';

export type Labels = Map<string, string>;

export function scaleLabels(steps: ScaleStepRow[], locale: Locale): Labels {
  return new Map(steps.map((s) => [`${s.assessor_kind}:${s.key}`, pickText(s.label, locale)]));
}

function safeLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function presentPublic(row: ContributionRow, labels: Labels): z.infer<typeof publicContributionSchema> {
  return {
    id: row.id,
    recommendation_id: row.recommendation_id,
    kind: row.kind,
    organisation: { id: row.organisation_id, name: cleanLine(row.organisation_name, 300), kind: row.organisation_kind },
    body: cleanText(row.body, BODY_MAX),
    assessment: row.kind === 'assessment' && row.assessor_kind && row.status_key
      ? { assessor_kind: row.assessor_kind, status: { key: row.status_key, label: labels.get(`${row.assessor_kind}:${row.status_key}`) ?? row.status_key } }
      : null,
    evidence: row.evidence.map((e) => ({
      id: Number(e.id),
      kind: e.kind,
      title: cleanLine(e.title, 300),
      url: e.kind === 'link' ? safeLink(e.url) : `/api/v1/contributions/${row.id}/evidence/${e.id}/file`,
      file_name: e.file_name ? cleanLine(e.file_name, 200) : null,
      media_type: e.media_type,
    })),
    published_at: row.state === 'approved' ? row.moderated_at?.toISOString() ?? null : null,
  };
}

export function presentOwn(row: ContributionRow, labels: Labels): z.infer<typeof ownContributionSchema> {
  return {
    ...presentPublic(row, labels),
    state: row.state,
    hidden: row.hidden,
    version: row.version,
    rejection_reason: row.rejection_reason ? cleanText(row.rejection_reason, 2000) : null,
    recommendation_symbol: row.recommendation_symbol,
    created_at: row.created_at.toISOString(),
  };
}

export function presentModeration(row: ContributionRow, labels: Labels): z.infer<typeof moderationItemSchema> {
  return {
    ...presentOwn(row, labels),
    author: row.author_email ? { display_name: cleanLine(row.author_name ?? '', 200), email: row.author_email } : null,
    reports: row.reports.map((r) => ({ reason: cleanText(r.reason, 1000), created_at: new Date(r.created_at).toISOString() })),
  };
}

export function presentOrganisation(row: OrganisationRow): z.infer<typeof organisationSchema> {
  return {
    id: row.id,
    name: cleanLine(row.name, 300),
    kind: row.kind,
    contact_email: row.contact_email,
    website: safeLink(row.website),
    description: cleanText(row.description, BODY_MAX),
    state: row.state,
    state_reason: row.state_reason ? cleanText(row.state_reason, 2000) : null,
    version: row.version,
    created_at: row.created_at.toISOString(),
    members: row.members.map((m) => ({ display_name: cleanLine(m.display_name, 200), email: m.email })),
  };
}
