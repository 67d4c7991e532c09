/**
 * The vocabularies of action reports and their labels, for the workspace
 * pages (what the person may do is asked of app/lib/permissions.ts).
 * The closed lists come from shared/vocabularies.ts, which loads no zod.
 */
import type { TFunction } from '../i18n';
import type { Institution } from '../api/types';
import type { ActionState } from '../../shared/workflows/action-review';

export { ACTION_REACHES, ACTION_TYPES, RESPONSIBILITIES } from '../../shared/vocabularies';

/** The order reports are grouped in on the workspace home: what needs work first. */
export const STATE_ORDER: readonly ActionState[] = ['returned', 'draft', 'submitted', 'validated', 'published'];

/**
 * Languages a report can be written in: the four UI languages plus Guaraní,
 * an official language of Paraguay.
 */
export const CONTENT_LANGUAGES = ['es', 'gn', 'en', 'fr', 'pt'] as const;

/** The currency offered first in the budget field. */
export const DEFAULT_CURRENCY = 'PYG';

/** "Ministry of Education and Sciences (MEC)", or a fallback while the list is loading. */
export function institutionLabel(t: TFunction, institutions: Institution[] | undefined, id: number): string {
  const found = institutions?.find((i) => i.id === id);
  if (!found) return t('workspace.institutionFallback', { id });
  return found.acronym ? `${found.name} (${found.acronym})` : found.name;
}

export const stateLabel = (t: TFunction, state: string) => t(`action.states.${state}`, { defaultValue: state });
export const typeLabel = (t: TFunction, type: string) => t(`action.types.${type}`, { defaultValue: type });
export const reachLabel = (t: TFunction, reach: string) => t(`action.reach.${reach}`, { defaultValue: reach });
