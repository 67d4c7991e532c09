import type { TFunction } from '../../i18n';
import type { Round } from '../../api/types';

/** "Mechanisms: UPR, CRC · 2 institutions": an empty list of the scope does not narrow it, and says so. */
export function scopeSummary(t: TFunction, round: Pick<Round, 'scope'>): string {
  const { mechanisms, institution_ids: institutions, recommendation_ids: recommendations } = round.scope;
  return [
    mechanisms.length ? t('rounds.scope.mechanisms', { codes: mechanisms.join(', ') }) : t('rounds.scope.allMechanisms'),
    institutions.length ? t('rounds.scope.institutions', { number: institutions.length }) : t('rounds.scope.allInstitutions'),
    recommendations.length ? t('rounds.scope.recommendations', { number: recommendations.length }) : null,
  ].filter(Boolean).join(' · ');
}
