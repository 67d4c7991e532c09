import { useTranslation } from '../../i18n';
import type { PlanDetail } from '../../api/plans';
import { formatDate } from '../../lib/format';
import { periodLabel } from './labels';

/** The plan's period, adoption and description. */
export function PlanFacts({ plan }: { plan: PlanDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const period = periodLabel(plan.period_start, plan.period_end, locale);
  return (
    <>
      <dl className="details">
        {period && <div className="details-row"><dt>{t('plans.fields.period')}</dt><dd>{period}</dd></div>}
        {plan.adopted_on && <div className="details-row"><dt>{t('plans.fields.adoptedOn')}</dt><dd>{formatDate(plan.adopted_on, locale)}</dd></div>}
        {(plan.legal_instrument || plan.adoption_url) && (
          <div className="details-row">
            <dt>{t('plans.fields.legalInstrument')}</dt>
            <dd>{plan.adoption_url ? <a href={plan.adoption_url}>{plan.legal_instrument || plan.adoption_url}</a> : plan.legal_instrument}</dd>
          </div>
        )}
      </dl>
      {plan.description && <p lang={plan.original_language} className="rec-text-body">{plan.description}</p>}
    </>
  );
}
