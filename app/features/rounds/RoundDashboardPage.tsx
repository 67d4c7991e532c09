import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useLocation, useParams } from 'react-router';
import { updateRound } from '../../api/followup';
import type { RoundDashboard } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { DownloadLinks } from '../../components/DownloadLinks';
import { BackLink } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { formatDate, formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { ChangeHistory } from '../../components/ChangeHistory';
import { can } from '../../lib/permissions';
import { useDashboard } from './queries';
import { scopeSummary } from './scope';
import '../../lib/workspace-strings';
import { failureNotice, NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { keys } from '../../api/query-keys';


/** One round's dashboard: totals, each institution's progress (overdue first), closing and reopening, its history. */
export default function RoundDashboardPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '' } = useParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const dashboard = useDashboard(id, locale);
  const data = dashboard.data;
  useDocumentTitle(data?.round.title ?? (dashboard.isError ? t('rounds.dashboard.errorHeading') : t('rounds.dashboard.loading')), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !dashboard.isPending);

  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const pageNotice = usePageNotice(justCreated ? { kind: 'status', message: t('rounds.created') } : null);
  const [busy, setBusy] = useState(false);

  const back = { to: `/${locale}/workspace/rounds`, label: t('rounds.back') };
  if (dashboard.isError || !data) {
    return (
      <QueryBoundary
        query={dashboard} back={back} className="page" loading={t('rounds.dashboard.loading')}
        title={t('rounds.dashboard.errorHeading')} errorTitle={t('rounds.dashboard.errorHeading')}
      />
    );
  }

  const { round, totals } = data;
  const csrf = session.data?.csrf_token;

  async function setClosed(closed: boolean) {
    if (busy || !csrf) return;
    setBusy(true);
    try {
      const updated = await updateRound(round.id, { version: round.version, closed }, locale, csrf);
      queryClient.setQueryData<RoundDashboard>(keys.roundDashboard(id, locale), (old) => (old ? { ...old, round: updated } : old));
      void queryClient.invalidateQueries({ queryKey: keys.rounds.all });
      void queryClient.invalidateQueries({ queryKey: keys.history.of('reporting_round', String(round.id)) });
      // The button pressed changes its name: the outcome takes the focus.
      pageNotice.show({ kind: 'status', message: closed ? t('rounds.closedDone') : t('rounds.reopenedDone') }, true);
    } catch (error) {
      pageNotice.show(failureNotice(t('rounds.closeError'), error, t('auth.genericError')), true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page round-page">
      <BackLink back={back} />
      <p className="eyebrow">
        <span className={`badge ${round.closed ? 'state-draft' : 'state-published'}`}>{round.closed ? t('rounds.closed') : t('rounds.open')}</span>
        {' · '}{scopeSummary(t, round)}
      </p>
      <h1 ref={heading} tabIndex={-1}>{round.title}</h1>
      <p className="intro">
        {t('rounds.dashboard.period', { opens: formatDate(round.opens_on, locale), due: formatDate(round.due_on, locale) })}
      </p>

      <NoticeRegion state={pageNotice} onReload={() => void dashboard.refetch()} />

      <section className="panel" aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t('rounds.dashboard.totals')}</h2>
        <dl className="stat-list">
          <div><dt>{t('rounds.dashboard.institutions')}</dt><dd>{formatNumber(totals.institutions, locale)}</dd></div>
          <div><dt>{t('rounds.dashboard.owed')}</dt><dd>{formatNumber(totals.owed, locale)}</dd></div>
          <div><dt>{t('rounds.dashboard.submitted')}</dt><dd>{formatNumber(totals.submitted, locale)}</dd></div>
          <div><dt>{t('rounds.dashboard.validated')}</dt><dd>{formatNumber(totals.validated, locale)}</dd></div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t('rounds.dashboard.byInstitution')}</h2>
        <DataTable
          caption={t('rounds.dashboard.byInstitution')}
          rows={data.institutions}
          rowKey={(row) => row.institution.id}
          rowProps={(row) => ({ className: row.overdue ? 'row-overdue' : undefined, 'data-institution': row.institution.id })}
          empty={<p>{t('rounds.dashboard.empty')}</p>}
          columns={[
            {
              header: t('rounds.dashboard.institution'),
              cell: (row) => (
                <Link to={`/${locale}/workspace/rounds/${round.id}/institutions/${row.institution.id}`}>
                  {row.institution.acronym ? `${row.institution.name} (${row.institution.acronym})` : row.institution.name}
                </Link>
              ),
            },
            { header: t('rounds.dashboard.owed'), className: 'numeric', cell: (row) => formatNumber(row.owed, locale) },
            { header: t('rounds.dashboard.submitted'), className: 'numeric', cell: (row) => formatNumber(row.submitted, locale) },
            { header: t('rounds.dashboard.validated'), className: 'numeric', cell: (row) => formatNumber(row.validated, locale) },
            {
              header: t('rounds.dashboard.progress'),
              cell: (row) => (
                <>
                  {t(`rounds.progress.${row.progress}`)}
                  {row.overdue && <> <span className="badge overdue"><span aria-hidden="true">⚠ </span>{t('workspace.queue.overdue')}</span></>}
                </>
              ),
            },
          ]}
        />
        {data.institutions.length > 0 && (
          <DownloadLinks path={`/api/v1/rounds/${round.id}/dashboard`} list={t('exports.dashboard', { round: round.title })} />
        )}
      </section>

      {can(session.data, 'round:manage') && (
        <section className="panel" aria-labelledby="round-manage-heading">
          <h2 id="round-manage-heading">{t('rounds.manageHeading')}</h2>
          <p>{round.closed ? t('rounds.reopenHelp') : t('rounds.closeHelp')}</p>
          <button type="button" className="secondary" aria-disabled={busy || undefined} onClick={() => void setClosed(!round.closed)}>
            {round.closed ? t('rounds.reopen') : t('rounds.close')}
          </button>
        </section>
      )}

      <ChangeHistory entity="reporting_round" id={round.id} />
    </div>
  );
}
