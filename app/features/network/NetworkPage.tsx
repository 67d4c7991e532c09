import { Link } from 'react-router';
import type { CommitteeTerm, NetworkState } from '../../api/network';
import { DataTable } from '../../components/DataTable';
import { DetailPage } from '../../components/DetailPage';
import { QueryList } from '../../components/QueryList';
import { useTranslation } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import './strings';
import { groupLabel } from './labels';
import { useCommittee, useMeetings, useNetworkStates } from './queries';

/**
 * The International Network of NMIRFs for everyone: its members and observers (by UN regional
 * group), the Executive Committee and its Coordinator, and the meetings whose agenda was sent.
 */
export default function NetworkPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const session = useSession();
  const me = session.data;
  const states = useNetworkStates(locale);
  const title = t('network.name');
  useDocumentTitle(title, t('app.name'));
  const participant = can(me, 'network:meeting_read') || can(me, 'network:join_review');
  return (
    <DetailPage title={title} className="page portal-page network-page" intro={<p className="intro">{t('network.intro')}</p>}>
      <p className="network-links">
        <Link to={`/${locale}/network/join`}>{t('network.join.link')}</Link>
        {' · '}<Link to={`/${locale}/network/timeliness`}>{t('network.timeliness.link')}</Link>
        {' · '}<Link to={`/${locale}/network/similar`}>{t('network.similar.link')}</Link>
        {' · '}<Link to={`/${locale}/network/hub`}>{t('network.knowledge.title')}</Link>
        {participant && <> · <Link to={`/${locale}/workspace/network`}>{t('network.hub.link')}</Link></>}
      </p>
      <section aria-labelledby="network-regions-heading">
        <h2 id="network-regions-heading">{t('network.regions.heading')}</h2>
        <QueryList query={states} loading={t('network.loading')} errorTitle={t('network.loadError')}>
          {(list) => <RegionalOverview states={list} />}
        </QueryList>
      </section>
      <section aria-labelledby="network-states-heading">
        <h2 id="network-states-heading">{t('network.states.heading')}</h2>
        <QueryList query={states} loading={t('network.loading')} errorTitle={t('network.loadError')}>
          {(list) => (
            <DataTable
              caption={t('network.states.heading')}
              rows={list}
              rowKey={(state) => state.iso3}
              rowProps={(state) => ({ 'data-state': state.iso3 })}
              empty={<p>{t('network.states.none')}</p>}
              columns={[
                { header: t('network.states.state'), cell: (state) => <Link to={`/${locale}/network/states/${state.iso3}`}>{state.name}</Link> },
                { header: t('network.states.status'), cell: (state) => <StatusBadge state={state} /> },
                { header: t('network.states.group'), cell: (state) => groupLabel(t, state.un_regional_group) },
                { header: t('network.states.nmirf'), cell: (state) => nmirfName(state, locale) || '—' },
                { header: t('network.states.type'), cell: (state) => (state.nmirf_type ? t(`network.types.${state.nmirf_type}`) : '—') },
                { header: t('network.states.joined'), cell: (state) => formatDate(state.joined_on, locale) },
              ]}
            />
          )}
        </QueryList>
      </section>
      <CommitteeSection />
      <MeetingsSection />
    </DetailPage>
  );
}

function StatusBadge({ state }: { state: NetworkState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge network-${state.status}`}>
      {t(`network.status.${state.status}`)}
      {state.founding && <> ({t('network.states.founding')})</>}
    </span>
  );
}

/** The NMIRF's name in the reader's language, else in one of its languages. */
function nmirfName(state: NetworkState, locale: string): string {
  return state.nmirf_name[locale] ?? Object.values(state.nmirf_name)[0] ?? '';
}

/** Members and observers per UN regional group. */
function RegionalOverview({ states }: { states: NetworkState[] }) {
  const { t, i18n } = useTranslation();
  const groups = new Map<string, { group: string | null; member: number; observer: number }>();
  for (const state of states) {
    const key = state.un_regional_group ?? '';
    const row = groups.get(key) ?? { group: state.un_regional_group, member: 0, observer: 0 };
    row[state.status] += 1;
    groups.set(key, row);
  }
  const rows = [...groups.values()].sort((a, b) => groupLabel(t, a.group).localeCompare(groupLabel(t, b.group), i18n.language));
  const count = (n: number) => formatNumber(n, i18n.language);
  return (
    <DataTable
      caption={t('network.regions.heading')}
      rows={rows}
      rowKey={(row) => row.group ?? ''}
      empty={<p>{t('network.states.none')}</p>}
      columns={[
        { header: t('network.regions.group'), cell: (row) => groupLabel(t, row.group) },
        { header: t('network.regions.members'), cell: (row) => count(row.member) },
        { header: t('network.regions.observers'), cell: (row) => count(row.observer) },
      ]}
    />
  );
}

function CommitteeSection() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const committee = useCommittee(locale);
  return (
    <section aria-labelledby="network-committee-heading">
      <h2 id="network-committee-heading">{t('network.committee.heading')}</h2>
      <QueryList query={committee} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {({ items, rule }) => {
          const current = items.find((term) => term.state === 'active') ?? items[0];
          return (
            <>
              {current ? <Term term={current} /> : <p>{t('network.committee.none')}</p>}
              <p className="small muted">
                {t('network.committee.rule', { min: rule.min_seats, max: rule.max_seats, perGroup: rule.max_seats_per_region })}
                {' '}
                {rule.proposal_id === null
                  ? t('network.committee.ruleDefault')
                  : <Link to={`/${locale}/network/decisions/${rule.proposal_id}`}>{t('network.committee.ruleDecision')}</Link>}
              </p>
            </>
          );
        }}
      </QueryList>
    </section>
  );
}

function Term({ term }: { term: CommitteeTerm }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const coordinator = term.seats.find((seat) => seat.iso3 === term.coordinator);
  return (
    <div className="network-term">
      <p>
        {t(`network.committee.state.${term.state}`)}{' · '}
        {t('network.committee.dates', { start: formatDate(term.starts_on, locale), end: formatDate(term.ends_on, locale) })}
      </p>
      <p><strong>{t('network.committee.coordinator')}</strong>{' '}{coordinator?.name ?? term.coordinator}</p>
      <ul className="network-seats">
        {term.seats.map((seat) => <li key={seat.iso3}>{seat.name} <span className="muted">({groupLabel(t, seat.un_regional_group)})</span></li>)}
      </ul>
    </div>
  );
}

function MeetingsSection() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const meetings = useMeetings(locale);
  return (
    <section aria-labelledby="network-meetings-heading">
      <h2 id="network-meetings-heading">{t('network.meetings.heading')}</h2>
      <QueryList query={meetings} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {({ items }) => (
          <DataTable
            caption={t('network.meetings.heading')}
            rows={items.filter((meeting) => meeting.agenda_sent_on)}
            rowKey={(meeting) => meeting.id}
            empty={<p>{t('network.meetings.none')}</p>}
            columns={[
              { header: t('network.meetings.title'), cell: (meeting) => <Link to={`/${locale}/network/meetings/${meeting.id}`}>{meeting.title}</Link> },
              { header: t('network.meetings.date'), cell: (meeting) => formatDate(meeting.meets_on, locale) },
              { header: t('network.meetings.place'), cell: (meeting) => meeting.place || '—' },
              { header: t('network.meetings.status'), cell: (meeting) => t(`network.meetingStatus.${meeting.status}`) },
            ]}
          />
        )}
      </QueryList>
    </section>
  );
}
