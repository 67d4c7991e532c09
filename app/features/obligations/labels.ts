/**
 * The lists of shared/obligations.ts, repeated here because that module loads
 * zod, which the browser bundle does without.
 */
import type { ObligationKind, ObligationStatus } from '../../api/types';

export const OBLIGATION_KINDS: readonly ObligationKind[] = [
  'periodic_report', 'upr_review', 'upr_midterm', 'follow_up', 'regional_request', 'other',
];
export const OBLIGATION_STATUSES: readonly ObligationStatus[] = ['open', 'late', 'met'];
/** What the secretariat records by hand; the rest is derived from ratifications, the catalogue or follow-up flags. */
export const NEW_OBLIGATION_KINDS = ['regional_request', 'other'] as const;
export const RATIFICATION_STATUSES = ['party', 'signatory', 'none'] as const;

export const isKind = (value: string | null): value is ObligationKind => OBLIGATION_KINDS.includes(value as ObligationKind);
export const isStatus = (value: string | null): value is ObligationStatus => OBLIGATION_STATUSES.includes(value as ObligationStatus);
