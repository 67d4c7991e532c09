import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate } from 'react-router';
import type { Round } from '../../api/types';
import { DownloadLinks } from '../../components/DownloadLinks';
import { formatDate } from '../../lib/format';
import { useFocusOnNavigation } from '../../lib/focus';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { DataTable } from '../../components/DataTable';
import { QueryList } from '../../components/QueryList';
import { useSession } from '../../api/session';
import { can } from '../../lib/permissions';
import { useRounds } from './queries';
import { RoundForm } from './RoundForm';
import { scopeSummary } from './scope';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';
import { SignInNotice } from '../../components/Notice';

/** The reporting rounds, open ones first, and (for the secretariat) the form that opens a new one. */
export default function RoundsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession(true);
  const me = session.data;
  const staff = can(me, 'round:monitor');
  const rounds = useRounds(locale, staff);
  const title = t('rounds.title');
  useDocumentTitle(title, t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, !session.isPending);

  if (session.isPending) return <p role="status" className="page">{t('workspace.loading')}</p>;

  function created(round: Round) {
    void queryClient.invalidateQueries({ queryKey: keys.rounds.all });
    void navigate(`/${locale}/workspace/rounds/${round.id}`, { state: { created: true } });
  }

  return (
    <div className="page rounds-page">
      <p className="back-link">
        <Link to={`/${locale}/workspace`}><span aria-hidden="true">← </span>{t('action.backToWorkspace')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && (
        <SignInNotice />
      )}
      {me && !staff && <div className="alert alert-info"><p>{t('rounds.notStaff')}</p></div>}
      {staff && (
        <>
          <p className="intro">{t('rounds.intro')}</p>
          <section className="panel" aria-labelledby="rounds-list-heading">
            <h2 id="rounds-list-heading">{t('rounds.listHeading')}</h2>
            <QueryList query={rounds} loading={t('workspace.loadingList')} errorTitle={t('workspace.errorHeading')}>
              {(list) => (
                <>
                  <DataTable
                    caption={t('rounds.listHeading')}
                    rows={list}
                    rowKey={(round) => round.id}
                    empty={<p>{t('rounds.none')}</p>}
                    columns={[
                      { header: t('rounds.fields.title'), cell: (round) => <Link to={`/${locale}/workspace/rounds/${round.id}`}>{round.title}</Link> },
                      { header: t('rounds.fields.scope'), cell: (round) => scopeSummary(t, round) },
                      { header: t('rounds.fields.opensOn'), cell: (round) => <time dateTime={round.opens_on}>{formatDate(round.opens_on, locale)}</time> },
                      { header: t('rounds.fields.dueOn'), cell: (round) => <time dateTime={round.due_on}>{formatDate(round.due_on, locale)}</time> },
                      {
                        header: t('rounds.fields.state'),
                        cell: (round) => (
                          <span className={`badge ${round.closed ? 'state-draft' : 'state-published'}`}>
                            {round.closed ? t('rounds.closed') : t('rounds.open')}
                          </span>
                        ),
                      },
                    ]}
                  />
                  {list.length > 0 && <DownloadLinks path="/api/v1/rounds" list={t('exports.rounds')} />}
                </>
              )}
            </QueryList>
          </section>
          {can(me, 'round:manage') && me && <RoundForm csrf={me.csrf_token} onCreated={created} />}
        </>
      )}
    </div>
  );
}
