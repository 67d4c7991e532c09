import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { getPublicSdg } from '../../api/portal';
import { formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { langIfOther, PageStatus, searchHref } from '../../components/page-parts';
import { keys } from '../../api/query-keys';

const GOALS = Array.from({ length: 17 }, (_, i) => i + 1);

/**
 * A Sustainable Development Goal: its title from the UN reference data (in
 * English where the visitor's language is missing, marked as such), its
 * targets with how many recommendations name each, and links to the search.
 */
export default function SdgPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { goal = '' } = useParams();
  const query = useQuery({
    queryKey: keys.publicSdg(goal, locale),
    queryFn: ({ signal }) => getPublicSdg(goal, locale, signal),
  });
  const data = query.data;
  const title = data ? t('portal.sdg.title', { goal: data.goal, title: data.short_title }) : null;
  useDocumentTitle(title ?? (query.isError ? t('portal.errorHeading') : t('portal.loading')), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !query.isPending);

  if (!data) return <PageStatus error={query.error} heading={heading} />;
  const titleLang = langIfOther(data.title_language, locale);

  return (
    <div className="page portal-page sdg-page">
      <p className="eyebrow">{t('portal.sdg.eyebrow', { goal: data.goal })}</p>
      <h1 ref={heading} tabIndex={-1} lang={titleLang}>{data.short_title}</h1>
      <p className="intro" lang={titleLang}>{data.title}</p>
      {titleLang && <p className="small muted">{t('portal.sdg.notTranslated')}</p>}
      <p className="portal-total">{t('portal.sdg.total', { count: data.total, number: formatNumber(data.total, locale) })}</p>
      {data.total > 0 && (
        <p>
          <Link className="portal-search-link" to={searchHref(locale, { sdg: String(data.goal) })}>{t('portal.sdg.searchLink')}</Link>
        </p>
      )}

      <section aria-labelledby="targets-heading" className="panel">
        <h2 id="targets-heading">{t('portal.sdg.targetsHeading')}</h2>
        <div className="table-scroll">
          <table className="data-table sdg-targets">
            <caption className="visually-hidden">{t('portal.sdg.targetsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portal.sdg.target')}</th>
                <th scope="col">{t('portal.sdg.targetTitle')}</th>
                <th scope="col" className="numeric">{t('portal.sdg.recommendations')}</th>
              </tr>
            </thead>
            <tbody>
              {data.targets.map((target) => (
                <tr key={target.code} id={`target-${target.code}`} data-target={target.code}>
                  <th scope="row">{target.code}</th>
                  <td lang={langIfOther(target.title_language, locale)}>{target.title}</td>
                  <td className="numeric">
                    {target.count > 0 ? (
                      <Link to={searchHref(locale, { sdg: target.code })}>
                        {formatNumber(target.count, locale)}
                        <span className="visually-hidden"> {t('portal.sdg.searchTarget', { code: target.code })}</span>
                      </Link>
                    ) : formatNumber(0, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <nav aria-label={t('portal.sdg.otherGoals')} className="panel sdg-goals-nav">
        <h2>{t('portal.sdg.otherGoals')}</h2>
        <ul className="link-list">
          {GOALS.map((n) => (
            <li key={n}>
              <Link to={`/${locale}/sdgs/${n}`} aria-current={n === data.goal ? 'page' : undefined}>
                {t('portal.sdg.goalNumber', { goal: n })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
