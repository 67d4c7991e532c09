import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import type { RoundReportsDue } from '../../api/types';
import { BackLink } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { formatDate, formatNumber } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import { recommendationTitle } from '../../lib/recommendation-labels';
import { can } from '../../lib/permissions';
import { useReportsDue } from './queries';
import '../../lib/workspace-strings';

/**
 * What one institution owes in a round, recommendation by recommendation.
 * `canReport` adds a link per recommendation to the action form with the
 * recommendation already ticked.
 */
export function ReportsDueList({ data, canReport }: { data: RoundReportsDue; canReport: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { progress, items } = data;
  const institutionId = progress.institution.id;
  return (
    <>
      <p className={progress.overdue ? 'round-summary overdue-text' : 'round-summary'}>
        {t('rounds.reportsDue.summary', {
          owed: formatNumber(progress.owed, locale),
          submitted: formatNumber(progress.submitted, locale),
          validated: formatNumber(progress.validated, locale),
        })}
        {' · '}{t(`rounds.progress.${progress.progress}`)}
        {progress.overdue && <> <span className="badge overdue"><span aria-hidden="true">⚠ </span>{t('workspace.queue.overdue')}</span></>}
      </p>
      {items.length === 0 ? <p>{t('rounds.reportsDue.none')}</p> : (
        <ul className="queue-list reports-due-list">
          {items.map((item) => {
            const title = recommendationTitle(t, { id: item.recommendation_id, symbol: item.symbol, paragraph: item.paragraph });
            const done = item.validated ? 'validated' : item.submitted ? 'submitted' : 'owed';
            return (
              <li key={item.recommendation_id} className="queue-item">
                <p className="queue-title">
                  <Link to={`/${locale}/recommendations/${item.recommendation_id}`}>{title}</Link>
                </p>
                <p className="small">
                  <span className={`badge report-due-${done}`}>{t(`rounds.reportsDue.state.${done}`)}</span>
                </p>
                <p className="queue-text">{excerpt(item.text)}</p>
                {canReport && !item.validated && (
                  <p>
                    <Link to={`/${locale}/workspace/actions/new?institution=${institutionId}&recommendation=${item.recommendation_id}`}>
                      {t('workspace.queue.report')}
                      <span className="visually-hidden">: {title}</span>
                    </Link>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** The page form of the list, reached from a round's dashboard. */
export default function ReportsDuePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { id = '', institutionId = '' } = useParams();
  const session = useSession(true);
  const reportsDue = useReportsDue(id, institutionId, locale);
  const data = reportsDue.data;
  const title = data
    ? t('rounds.reportsDue.title', { institution: data.progress.institution.acronym ?? data.progress.institution.name })
    : t('rounds.reportsDue.loading');
  useDocumentTitle(reportsDue.isError ? t('rounds.dashboard.errorHeading') : title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !reportsDue.isPending);

  const back = can(session.data, 'round:monitor')
    ? { to: `/${locale}/workspace/rounds/${id}`, label: t('rounds.reportsDue.back') }
    : { to: `/${locale}/workspace`, label: t('action.backToWorkspace') };
  if (reportsDue.isError || !data) {
    return (
      <QueryBoundary
        query={reportsDue} back={back} className="page" loading={t('rounds.reportsDue.loading')}
        title={t('rounds.dashboard.errorHeading')} errorTitle={t('rounds.dashboard.errorHeading')}
      />
    );
  }

  return (
    <div className="page reports-due-page">
      <BackLink back={back} />
      <p className="eyebrow">{data.round.title}</p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      <p className="intro">{t('rounds.dueOn', { date: formatDate(data.round.due_on, locale) })}</p>
      <section className="panel" aria-labelledby="reports-due-heading">
        <h2 id="reports-due-heading">{data.progress.institution.name}</h2>
        <ReportsDueList data={data} canReport={data.permissions.includes('action:create')} />
      </section>
    </div>
  );
}

const EXCERPT = 240;
function excerpt(text: string): string {
  if (text.length <= EXCERPT) return text;
  const cut = text.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT - 40))}…`;
}
