import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { listPublicInstitutions } from '../../api/portal';
import { formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { langIfOther, PageStatus } from '../../components/page-parts';
import { keys } from '../../api/query-keys';

/** Every active institution, by name, with what it was assigned and what it published. */
export default function InstitutionsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const list = useQuery({
    queryKey: keys.publicInstitutions(locale),
    queryFn: ({ signal }) => listPublicInstitutions(locale, signal),
  });
  const title = t('portal.institutions.title');
  useDocumentTitle(list.isError ? t('portal.errorHeading') : title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !list.isPending);

  if (!list.data) return <PageStatus error={list.error} heading={heading} />;
  const items = list.data.items;

  return (
    <div className="page portal-page">
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <p className="intro">{t('portal.institutions.intro')}</p>
      <p className="results-count">
        {t('portal.institutions.count', { count: items.length, number: formatNumber(items.length, locale) })}
      </p>
      {items.length === 0 ? (
        <p>{t('portal.institutions.none')}</p>
      ) : (
        <div className="table-scroll panel">
          <table className="data-table institutions-table">
            <caption className="visually-hidden">{t('portal.institutions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portal.institutions.name')}</th>
                <th scope="col" className="numeric">{t('portal.institutions.lead')}</th>
                <th scope="col" className="numeric">{t('portal.institutions.coResponsible')}</th>
                <th scope="col" className="numeric">{t('portal.institutions.publishedActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-institution={item.id}>
                  <th scope="row">
                    <Link to={`/${locale}/institutions/${item.id}`} lang={langIfOther(item.name_language, locale)}>{item.name}</Link>
                    {item.acronym && <span className="muted"> ({item.acronym})</span>}
                  </th>
                  <td className="numeric">{formatNumber(item.counts.lead, locale)}</td>
                  <td className="numeric">{formatNumber(item.counts.co_responsible, locale)}</td>
                  <td className="numeric">{formatNumber(item.counts.published_actions, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
