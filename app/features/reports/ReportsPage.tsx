import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import type { Report } from '../../api/reports';
import { formatDateTime } from '../../lib/format-detail';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { FormAlert } from '../account/FormAlert';
import { useSession } from '../account/session';
import { isSecretariat } from '../workspace/model';
import { ComposeForm } from './ComposeForm';
import { NotAllowed } from './NotAllowed';
import { groupingLabel, templateLabel } from './labels';
import { useReports } from './queries';
import '../workspace/strings';
import { keys } from '../../api/query-keys';

/** The secretariat's drafts of State reports, most recently changed first, and the form that composes a new one. */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const me = session.data;
  const allowed = isSecretariat(me);
  const reports = useReports(locale, allowed);
  const title = t('reports.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  function created(report: Report) {
    queryClient.setQueryData(keys.report(String(report.id), locale), report);
    void queryClient.invalidateQueries({ queryKey: keys.reports.all });
    void navigate(`/${locale}/workspace/reports/${report.id}`, { state: { created: true } });
  }

  return (
    <div className="page reports-page">
      <p className="back-link">
        <Link to={`/${locale}/workspace`}><span aria-hidden="true">← </span>{t('action.backToWorkspace')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <NotAllowed />
      {allowed && me && (
        <>
          <p className="intro">{t('reports.intro')}</p>
          <section className="panel" aria-labelledby="reports-list-heading">
            <h2 id="reports-list-heading">{t('reports.listHeading')}</h2>
            {reports.isPending && <p role="status">{t('workspace.loadingList')}</p>}
            {reports.isError && (
              <FormAlert
                title={t('reports.listError')}
                message={reports.error instanceof ApiError ? reports.error.message : t('auth.genericError')}
              />
            )}
            {reports.data && reports.data.length === 0 && <p>{t('reports.none')}</p>}
            {reports.data && reports.data.length > 0 && (
              <div className="table-scroll">
                <table className="data-table report-list">
                  <caption className="visually-hidden">{t('reports.listHeading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.fields.title')}</th>
                      <th scope="col">{t('reports.fields.template')}</th>
                      <th scope="col">{t('reports.fields.language')}</th>
                      <th scope="col">{t('reports.fields.grouping')}</th>
                      <th scope="col">{t('reports.fields.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {reports.data.map((report) => (
                      <tr key={report.id} data-report={report.id}>
                        <th scope="row">
                          <Link to={`/${locale}/workspace/reports/${report.id}`}>{report.title}</Link>
                        </th>
                        <td>{templateLabel(t, report.template)}</td>
                        <td>{t(`languages.${report.language}`)}</td>
                        <td>{groupingLabel(t, report.grouping)}</td>
                        <td><time dateTime={report.updated_at}>{formatDateTime(report.updated_at, locale)}</time></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <ComposeForm csrf={me.csrf_token} onCreated={created} />
        </>
      )}
    </div>
  );
}

