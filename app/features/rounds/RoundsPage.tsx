import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Round } from '../../api/types';
import { DownloadLinks } from '../../components/DownloadLinks';
import { formatDate } from '../../lib/format';
import { DataTable } from '../../components/DataTable';
import { QueryList } from '../../components/QueryList';
import { can } from '../../lib/permissions';
import { useRounds } from './queries';
import { RoundForm } from './RoundForm';
import { scopeSummary } from './scope';
import '../../lib/workspace-strings';
import { keys } from '../../api/query-keys';
import { useWorkspacePage, WorkspacePage } from '../../components/WorkspacePage';

/** The reporting rounds, open ones first, and (for the secretariat) the form that opens a new one. */
export default function RoundsPage() {
  const page = useWorkspacePage('rounds.title');
  const { t, locale, me } = page;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const staff = can(me, 'round:monitor');
  const rounds = useRounds(locale, staff);

  function created(round: Round) {
    void queryClient.invalidateQueries({ queryKey: keys.rounds.all });
    void navigate(`/${locale}/workspace/rounds/${round.id}`, { state: { created: true } });
  }

  return (
    <WorkspacePage page={page} className="rounds-page" allowed={staff} notAllowed={t('rounds.notStaff')}>
      {(me) => (
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
    </WorkspacePage>
  );
}
