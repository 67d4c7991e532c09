import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { searchRecommendations } from '../../api/client';
import { getPublicMechanism } from '../../api/portal';
import type { FacetValue } from '../../api/types';
import { formatDate, formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { langIfOther, PageStatus, searchHref } from '../../components/page-parts';
import { keys } from '../../api/query-keys';

const TOP_THEMES = 10;

/**
 * A mechanism for the public: its name, how its recommendations split by the
 * State's position, UPR cycle and theme (the search's own facet counts, so the
 * numbers match what the filtered search shows), and its latest documents.
 */
export default function MechanismPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { code = '' } = useParams();
  const mechanism = useQuery({
    queryKey: keys.publicMechanism(code, locale),
    queryFn: ({ signal }) => getPublicMechanism(code, locale, signal),
  });
  const key = mechanism.data?.code;
  const facets = useQuery({
    queryKey: keys.publicMechanismFacets(key, locale),
    queryFn: ({ signal }) => searchRecommendations(new URLSearchParams({ mechanism: key!, locale, page_size: '1' }), signal),
    enabled: !!key,
  });
  const data = mechanism.data;
  useDocumentTitle(data?.name ?? (mechanism.isError ? t('portal.errorHeading') : t('portal.loading')), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !mechanism.isPending);

  if (!data) return <PageStatus error={mechanism.error} heading={heading} />;
  const filter = { mechanism: data.code };
  const byCycle = [...(facets.data?.facets.cycle ?? [])].sort((a, b) => Number(a.key) - Number(b.key));

  return (
    <div className="page portal-page mechanism-page">
      <p className="eyebrow">
        {/* The UPR's family is the UPR itself: say what kind of thing it is instead of repeating its name. */}
        {data.family === 'upr' ? t('portal.mechanism.eyebrow') : t(`portal.mechanism.families.${data.family}`, { defaultValue: t('portal.mechanism.eyebrow') })}
      </p>
      <h1 ref={heading} tabIndex={-1}>
        <span lang={langIfOther(data.name_language, locale)}>{data.name}</span>
        {data.acronym && data.acronym !== data.name && <span className="muted"> ({data.acronym})</span>}
      </h1>
      <p className="portal-total">
        {t('portal.mechanism.total', { count: data.total, number: formatNumber(data.total, locale) })}
      </p>
      {data.total > 0 && (
        <p>
          <Link className="portal-search-link" to={searchHref(locale, filter)}>{t('portal.mechanism.searchLink')}</Link>
        </p>
      )}
      {data.treaty && (
        <dl className="details portal-details">
          <div className="details-row">
            <dt>{t('portal.mechanism.treaty')}</dt>
            <dd>{data.treaty}</dd>
          </div>
        </dl>
      )}

      {data.total > 0 && (
        <div className="portal-columns">
          <CountList id="by-position" title={t('portal.mechanism.byPosition')} values={facets.data?.facets.position}
            pending={facets.isPending} href={(v) => searchHref(locale, { ...filter, position: v.key })} />
          {byCycle.length > 0 && (
            <CountList id="by-cycle" title={t('portal.mechanism.byCycle')} values={byCycle}
              pending={false} href={(v) => searchHref(locale, { ...filter, cycle: v.key })} />
          )}
          <CountList id="by-theme" title={t('portal.mechanism.byTheme')} values={facets.data?.facets.theme.slice(0, TOP_THEMES)}
            pending={facets.isPending} href={(v) => searchHref(locale, { ...filter, theme: v.key })} />
        </div>
      )}
      {facets.isError && <p className="muted">{t('portal.listError')}</p>}

      <section aria-labelledby="documents-heading" className="panel">
        <h2 id="documents-heading">{t('portal.mechanism.documentsHeading')}</h2>
        {data.documents.length === 0 ? (
          <p className="muted">{t('portal.mechanism.documentsNone')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('portal.mechanism.documentsHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('portal.mechanism.symbol')}</th>
                  <th scope="col">{t('portal.mechanism.date')}</th>
                  <th scope="col" className="numeric">{t('portal.mechanism.recommendations')}</th>
                </tr>
              </thead>
              <tbody>
                {data.documents.map((doc) => (
                  <tr key={doc.symbol}>
                    <th scope="row">{doc.symbol}</th>
                    <td>{doc.date ? <time dateTime={doc.date}>{formatDate(doc.date, locale)}</time> : '—'}</td>
                    <td className="numeric">{formatNumber(doc.count, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** A heading and its values, each a link to the search filtered by it, with its count. */
export function CountList({ id, title, values, pending, href }: {
  id: string;
  title: string;
  values: FacetValue[] | undefined;
  pending: boolean;
  href: (value: FacetValue) => string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section aria-labelledby={`${id}-heading`} className="panel count-list-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {pending && <p role="status">{t('portal.loading')}</p>}
      {values && values.length === 0 && <p className="muted">{t('portal.noneClassified')}</p>}
      {values && values.length > 0 && (
        <ul className="count-list">
          {values.map((value) => (
            <li key={value.key}>
              <Link to={href(value)}>{value.label}</Link>
              <span className="count">
                <span className="visually-hidden">: </span>
                {t('portal.recommendationCount', { count: value.count, number: formatNumber(value.count, locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
