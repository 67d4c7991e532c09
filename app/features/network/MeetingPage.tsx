import { Link, useParams } from 'react-router';
import { agendaDocumentUrl, type Meeting } from '../../api/network';
import { formatBytes } from '../../lib/format-detail';
import { DetailPage } from '../../components/DetailPage';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useTranslation } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { Fact } from './Fact';
import './strings';
import { stateName } from './labels';
import { useMeeting, useNetworkStates } from './queries';

/** A meeting of the Network whose agenda was sent: its agenda, who attended, its decisions and its published minutes. */
export default function MeetingPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = useParams().id ?? '';
  const meeting = useMeeting(id, locale);
  const back = { to: `/${locale}/network`, label: t('network.back') };
  useDocumentTitle(meeting.data?.title ?? t('network.meeting.title'), t('app.name'));
  if (meeting.isError || !meeting.data) {
    return <QueryBoundary query={meeting} back={back} loading={t('network.loading')} title={t('network.meeting.title')} errorTitle={t('network.loadError')} />;
  }
  const data = meeting.data;
  return (
    <DetailPage title={data.title} back={back} className="page network-meeting">
      <MeetingFacts meeting={data} />
      <PublicAgenda meeting={data} />
      <Attendance meeting={data} />
      <section aria-labelledby="meeting-minutes-heading">
        <h2 id="meeting-minutes-heading">{t('network.minutes.heading')}</h2>
        {data.minutes
          ? <div className="network-minutes"><p className="small muted">{t('network.minutes.version', { number: data.minutes.number })}</p><p className="pre-wrap">{data.minutes.text}</p></div>
          : <p>{t('network.minutes.none')}</p>}
      </section>
    </DetailPage>
  );
}

/** Date, place, status and the agenda's dispatch, as a description list. */
export function MeetingFacts({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <dl className="details">
      <Fact label={t('network.meetings.date')}>{formatDate(meeting.meets_on, locale)}</Fact>
      <Fact label={t('network.meetings.place')}>
        {meeting.place || '—'}
        {meeting.online_link && <> · <a href={meeting.online_link} rel="noopener noreferrer">{t('network.meeting.onlineLink')}</a></>}
      </Fact>
      <Fact label={t('network.meetings.status')}>{t(`network.meetingStatus.${meeting.status}`)}</Fact>
      <Fact label={t('network.meeting.agendaSent')}>{meeting.agenda_sent_on ? formatDate(meeting.agenda_sent_on, locale) : t('network.meeting.agendaNotSent', { deadline: formatDate(meeting.agenda_deadline, locale) })}</Fact>
    </dl>
  );
}

function PublicAgenda({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section aria-labelledby="meeting-agenda-heading">
      <h2 id="meeting-agenda-heading">{t('network.agenda.heading')}</h2>
      {meeting.agenda_items.length === 0 ? <p>{t('network.agenda.none')}</p> : (
        <ol className="network-agenda">
          {meeting.agenda_items.map((item) => (
            <li key={item.id}>
              <h3>{item.title}</h3>
              {item.description && <p className="pre-wrap">{item.description}</p>}
              <AgendaDocuments documents={item.documents} />
              {item.proposals.length > 0 && (
                <ul className="network-proposals">
                  {item.proposals.map((proposal) => (
                    <li key={proposal.id}>
                      <p className="pre-wrap">{proposal.text}</p>
                      <p className="small">
                        {proposal.outcome ? t(`network.outcome.${proposal.outcome}`) : t(`network.proposalState.${proposal.state}`)}
                        {proposal.sha256 && <> · <Link to={`/${locale}/network/decisions/${proposal.id}`}>{t('network.decision.link')}</Link></>}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The documents of an agenda item, to download. */
export function AgendaDocuments({ documents }: { documents: Meeting['agenda_items'][number]['documents'] }) {
  const { t, i18n } = useTranslation();
  if (documents.length === 0) return null;
  return (
    <ul className="network-documents" aria-label={t('network.agenda.documents')}>
      {documents.map((document) => (
        <li key={document.id}>
          <a href={agendaDocumentUrl(document.id)} download={document.file_name}>{document.file_name}</a>
          {' '}<span className="small muted">({formatBytes(document.size_bytes, i18n.language)})</span>
        </li>
      ))}
    </ul>
  );
}

/** Who attended: members and observers, with whether the focal point was there. */
export function Attendance({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const states = useNetworkStates(i18n.language);
  const names = new Map((states.data ?? []).map((state) => [state.iso3, state.name]));
  return (
    <section aria-labelledby="meeting-attendance-heading">
      <h2 id="meeting-attendance-heading">{t('network.attendance.heading')}</h2>
      {meeting.attendance.length === 0 ? <p>{t('network.attendance.none')}</p> : (
        <ul className="network-attendance">
          {meeting.attendance.map((entry) => (
            <li key={entry.iso3}>
              {stateName(names, entry.iso3)} ({t(`network.status.${entry.status}`)})
              {entry.status === 'member' && !entry.focal_point_present && <> · {t('network.attendance.deputyVotes')}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
