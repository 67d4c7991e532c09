import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Report } from '../../api/reports';
import { formatDateTime } from '../../lib/format-detail';
import { DataTable } from '../../components/DataTable';
import { QueryList } from '../../components/QueryList';
import { can } from '../../lib/permissions';
import { ComposeForm } from './ComposeForm';
import { useWorkspacePage, WorkspacePage } from '../../components/WorkspacePage';
import { groupingLabel, templateLabel } from './labels';
import { useReports } from './queries';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';

/** The secretariat's drafts of State reports, most recently changed first, and the form that composes a new one. */
export default function ReportsPage() {
  const page = useWorkspacePage('reports.title');
  const { t, locale, me } = page;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const allowed = can(me, 'report:manage');
  const reports = useReports(locale, allowed);

  function created(report: Report) {
    queryClient.setQueryData(keys.report(String(report.id), locale), report);
    void queryClient.invalidateQueries({ queryKey: keys.reports.all });
    void navigate(`/${locale}/workspace/reports/${report.id}`, { state: { created: true } });
  }

  return (
    <WorkspacePage page={page} className="reports-page" allowed={allowed} notAllowed={t('reports.notSecretariat')}>
      {(me) => (
        <>
          <p className="intro">{t('reports.intro')}</p>
          {can(me, 'cluster:read') && <p><Link to={`/${locale}/workspace/report-clusters`}>{t('reports.clustersLink')}</Link></p>}
          <section className="panel" aria-labelledby="reports-list-heading">
            <h2 id="reports-list-heading">{t('reports.listHeading')}</h2>
            <QueryList query={reports} loading={t('workspace.loadingList')} errorTitle={t('reports.listError')}>
              {(list) => (
                <DataTable
                  caption={t('reports.listHeading')}
                  className="report-list"
                  rows={list}
                  rowKey={(report) => report.id}
                  rowProps={(report) => ({ 'data-report': report.id })}
                  empty={<p>{t('reports.none')}</p>}
                  columns={[
                    { header: t('reports.fields.title'), cell: (report) => <Link to={`/${locale}/workspace/reports/${report.id}`}>{report.title}</Link> },
                    { header: t('reports.fields.template'), cell: (report) => templateLabel(t, report.template) },
                    { header: t('reports.fields.language'), cell: (report) => t(`languages.${report.language}`) },
                    { header: t('reports.fields.grouping'), cell: (report) => groupingLabel(t, report.grouping) },
                    { header: t('reports.fields.updated'), cell: (report) => <time dateTime={report.updated_at}>{formatDateTime(report.updated_at, locale)}</time> },
                  ]}
                />
              )}
            </QueryList>
          </section>
          <ComposeForm csrf={me.csrf_token} onCreated={created} />
        </>
      )}
    </WorkspacePage>
  );
}

