import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { listIndicators } from '../../api/followup';
import { formatNumber } from '../../lib/format';
import { indicatorValue } from './format';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

/** The indicators linked to a recommendation: the latest value against the baseline and the target. */
export function LinkedIndicators({ recommendationId }: { recommendationId: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const list = useQuery({
    queryKey: keys.indicators.list({ recommendation_id: recommendationId }, locale),
    queryFn: ({ signal }) => listIndicators({ recommendation_id: recommendationId }, locale, signal),
  });
  const items = list.data?.items ?? [];
  // Most recommendations have none: the section appears only when there is something to show.
  if (!list.isError && items.length === 0) return null;

  return (
    <section aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">{t('indicators.heading')}</h2>
      {list.isError && <p className="muted">{t('indicators.error')}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('indicators.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicators.fields.name')}</th>
                <th scope="col" className="numeric">{t('indicators.fields.baseline')}</th>
                <th scope="col" className="numeric">{t('indicators.fields.latest')}</th>
                <th scope="col" className="numeric">{t('indicators.fields.target')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((indicator) => (
                <tr key={indicator.id}>
                  <th scope="row">
                    <Link to={`/${locale}/indicators/${indicator.id}`}>{indicator.name}</Link>
                    <span className="muted small"> · {indicator.institution.acronym ?? indicator.institution.name}</span>
                  </th>
                  <td className="numeric">{indicatorValue(t, locale, indicator.baseline, indicator.unit)}</td>
                  <td className="numeric">
                    {indicator.latest
                      ? indicatorValue(t, locale, { value: indicator.latest.value, date: indicator.latest.measured_on }, indicator.unit)
                      : t('indicators.noValue')}
                  </td>
                  <td className="numeric">{indicatorValue(t, locale, indicator.target, indicator.unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && list.data.total > items.length && (
        <p className="muted small">{t('indicators.more', { shown: formatNumber(items.length, locale), total: formatNumber(list.data.total, locale) })}</p>
      )}
    </section>
  );
}
