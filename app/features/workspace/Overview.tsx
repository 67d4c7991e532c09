import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { errorMessage } from '../../api/http';
import { keys } from '../../api/query-keys';
import { getOverview } from '../../api/workspace';
import { ErrorNotice } from '../../components/Notice';
import { formatDate, formatNumber } from '../../lib/format';

/**
 * For the secretariat and administrators: what waits, as counts, each linking
 * to the list it counts (GET /api/v1/workspace/overview). The search page has
 * no "without institution" filter, the rounds list no "overdue" one and the
 * calendar no "due by" one: those link to the page itself.
 * `onThisPage`: the reports lists are on the workspace home (secretariat section).
 */
export function Overview({ onThisPage }: { onThisPage: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const overview = useQuery({
    queryKey: keys.overview(locale),
    queryFn: ({ signal }) => getOverview(locale, signal),
    staleTime: 0,
  });
  const data = overview.data;
  const rows = data && [
    { key: 'withoutInstitution', count: data.recommendations_without_institution, to: `/${locale}/recommendations` },
    { key: 'awaitingPublication', count: data.awaiting_publication, to: onThisPage ? '#awaiting-publication' : null },
    { key: 'returned', count: data.returned, to: onThisPage ? '#returned-reports' : null },
    { key: 'overdueReports', count: data.overdue_reports, to: `/${locale}/workspace/rounds` },
    { key: 'moderation', count: data.contributions_in_moderation, to: `/${locale}/workspace/moderation` },
    { key: 'obligations', count: data.obligations_due, to: `/${locale}/obligations`, until: formatDate(data.obligations_due_until, locale) },
  ];
  return (
    <section className="workspace-section overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('workspace.overview.heading')}</h2>
      {overview.isPending && <p role="status">{t('workspace.loadingList')}</p>}
      {overview.isError && <ErrorNotice title={t('workspace.errorHeading')} message={errorMessage(overview.error, t('auth.genericError'))} />}
      {rows && (
        <ul className="link-list overview-list">
          {rows.map((row) => {
            const label = t(`workspace.overview.${row.key}`, { count: row.count, number: formatNumber(row.count, locale), until: row.until });
            return (
              <li key={row.key} data-overview={row.key}>
                {row.to === null ? label : row.to.startsWith('#') ? <a href={row.to}>{label}</a> : <Link to={row.to}>{label}</Link>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
