import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { changeStateStatus, communicationUrl, createMeeting, decideJoinRequest, type JoinDecision, type JoinRequest } from '../../api/network';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { SignInNotice } from '../../components/Notice';
import { QueryList } from '../../components/QueryList';
import { useTranslation } from '../../i18n';
import { formatDate } from '../../lib/format';
import { formatBytes } from '../../lib/format-detail';
import { NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { can } from '../../lib/permissions';
import '../../lib/workspace-strings';
import './strings';
import { CommitteeAppointment } from './CommitteeForm';
import { ProfileEdit } from './ProfileForm';
import { useJoinRequests, useMeetings, useNetworkStates } from './queries';
import { useWorkspacePage } from '../../components/WorkspacePage';

type Notices = ReturnType<typeof usePageNotice>;

/**
 * The hub workspace: the join requests the Executive Committee decides, the registry the hub
 * secretariat keeps (a State's status, its NMIRF's profile), the Network's meetings (planning one)
 * and the appointment of the Executive Committee. Each part shows when the server's capabilities
 * allow it.
 */
export default function HubPage() {
  const { t, locale, me, pending, title, heading } = useWorkspacePage('network.hub.title');
  const notices = usePageNotice();
  const queryClient = useQueryClient();
  if (pending) return <p role="status" className="page">{t('network.loading')}</p>;
  const reader = can(me, 'network:meeting_read') || can(me, 'network:join_review');
  return (
    <div className="page network-hub">
      <p className="back-link"><Link to={`/${locale}/network`}><span aria-hidden="true">← </span>{t('network.back')}</Link></p>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {!me && <SignInNotice />}
      {me && !reader && <div className="alert alert-info"><p>{t('network.hub.notAllowed')}</p></div>}
      <NoticeRegion state={notices} onReload={() => void queryClient.invalidateQueries({ queryKey: keys.network.all })} />
      {me && can(me, 'network:join_review') && <JoinRequests csrf={me.csrf_token} canDecide={can(me, 'network:join_decide')} notices={notices} />}
      {me && can(me, 'network:meeting_read') && <Meetings csrf={me.csrf_token} canPlan={can(me, 'network:meeting_manage')} notices={notices} />}
      {me && can(me, 'network:registry_manage') && <StatusChange csrf={me.csrf_token} notices={notices} />}
      {me && can(me, 'network:registry_manage') && <ProfileEdit csrf={me.csrf_token} notices={notices} />}
      {me && can(me, 'network:committee_manage') && <CommitteeAppointment csrf={me.csrf_token} notices={notices} />}
    </div>
  );
}

function JoinRequests({ csrf, canDecide, notices }: { csrf: string; canDecide: boolean; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const requests = useJoinRequests(locale, true);
  return (
    <section className="panel" aria-labelledby="hub-join-heading">
      <h2 id="hub-join-heading">{t('network.hub.joinRequests')}</h2>
      <QueryList query={requests} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {(list) => (
          <DataTable
            caption={t('network.hub.joinRequests')}
            rows={list}
            rowKey={(request) => request.id}
            rowProps={(request) => ({ 'data-join-request': request.iso3 })}
            empty={<p>{t('network.hub.noJoinRequests')}</p>}
            columns={[
              { header: t('network.states.state'), cell: (request) => request.state_name },
              { header: t('network.hub.asked'), cell: (request) => t(`network.join.as.${request.requested_status}`) },
              { header: t('network.hub.requester'), cell: (request) => <>{request.requester_name}<br /><span className="small">{request.requester_email}</span></> },
              { header: t('network.join.fields.focal_point_name'), cell: (request) => <>{request.focal_point_name}<br /><span className="small">{request.focal_point_email}</span></> },
              {
                header: t('network.hub.communication'),
                cell: (request) => (
                  <a href={communicationUrl(request.id)} download={request.communication.file_name}>
                    {request.communication.file_name} ({formatBytes(request.communication.size_bytes, locale)})
                  </a>
                ),
              },
              { header: t('network.hub.requestState'), cell: (request) => <>{t(`network.joinState.${request.state}`)}{request.decision_reason && <><br /><span className="small">{request.decision_reason}</span></>}</> },
            ]}
            actionsHeader={canDecide ? t('network.hub.decision') : undefined}
            actions={canDecide ? (request) => (request.state === 'submitted' ? <JoinDecisionForm request={request} csrf={csrf} notices={notices} /> : null) : undefined}
          />
        )}
      </QueryList>
    </section>
  );
}

function JoinDecisionForm({ request, csrf, notices }: { request: JoinRequest; csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<JoinDecision['decision']>('approve');
  const [reason, setReason] = useState('');
  const id = `join-decision-${request.id}`;
  const save = useSave({
    save: (input: JoinDecision) => decideJoinRequest(request.id, input, i18n.language, csrf),
    onSaved: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: keys.network.all });
      notices.show({ kind: 'status', message: t(`network.hub.decided.${answer.state}`, { state: answer.state_name }) }, true);
    },
    onFailed: (failure) => notices.show({ kind: 'error', title: t('network.hub.refused'), ...failure }, true),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.submit({ version: request.version, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  }
  return (
    <form onSubmit={submit} className="network-decision-form" aria-label={t('network.hub.decisionOn', { state: request.state_name })}>
      <Field id={`${id}-choice`} label={t('network.hub.decision')}>
        {(props) => (
          <select {...props} value={decision} onChange={(event) => setDecision(event.target.value as JoinDecision['decision'])}>
            {(['approve', 'ask_for_more', 'decline'] as const).map((choice) => <option key={choice} value={choice}>{t(`network.hub.decisions.${choice}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${id}-reason`} label={t('network.hub.reason')} hint={t('network.hub.reasonHint')}>
        {(props) => <textarea {...props} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={5000} />}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.hub.decide')}</button>
    </form>
  );
}

function Meetings({ csrf, canPlan, notices }: { csrf: string; canPlan: boolean; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const meetings = useMeetings(locale);
  return (
    <section className="panel" aria-labelledby="hub-meetings-heading">
      <h2 id="hub-meetings-heading">{t('network.meetings.heading')}</h2>
      <QueryList query={meetings} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {({ items, years_without_meeting: years }) => (
          <>
            {years.length > 0 && <div className="alert alert-info"><p>{t('network.hub.yearsWithout', { years: years.join(', ') })}</p></div>}
            <DataTable
              caption={t('network.meetings.heading')}
              rows={items}
              rowKey={(meeting) => meeting.id}
              empty={<p>{t('network.meetings.none')}</p>}
              columns={[
                { header: t('network.meetings.title'), cell: (meeting) => <Link to={`/${locale}/workspace/network/meetings/${meeting.id}`}>{meeting.title}</Link> },
                { header: t('network.meetings.date'), cell: (meeting) => formatDate(meeting.meets_on, locale) },
                { header: t('network.meetings.status'), cell: (meeting) => t(`network.meetingStatus.${meeting.status}`) },
                { header: t('network.meeting.agendaSent'), cell: (meeting) => (meeting.agenda_sent_on ? formatDate(meeting.agenda_sent_on, locale) : t('network.meeting.agendaNotSent', { deadline: formatDate(meeting.agenda_deadline, locale) })) },
              ]}
            />
          </>
        )}
      </QueryList>
      {canPlan && <PlanMeeting csrf={csrf} notices={notices} />}
    </section>
  );
}

function PlanMeeting({ csrf, notices }: { csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ title: '', meets_on: '', place: '', online_link: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const save = useSave({
    save: () => createMeeting({ title: form.title.trim(), meets_on: form.meets_on, place: form.place.trim(), online_link: form.online_link.trim() || null }, locale, csrf),
    onSaved: (meeting) => {
      void queryClient.invalidateQueries({ queryKey: keys.network.all });
      void navigate(`/${locale}/workspace/network/meetings/${meeting.id}`);
    },
    onFailed: (failure) => notices.show({ kind: 'error', title: t('network.hub.refused'), ...failure }, true),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = { title: form.title.trim() ? undefined : t('network.join.errors.required'), meets_on: form.meets_on ? undefined : t('network.join.errors.required') };
    setErrors(found);
    if (found.title || found.meets_on) {
      document.getElementById(found.title ? 'plan-title' : 'plan-date')?.focus();
      return;
    }
    save.submit(undefined);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="plan-heading">
      <h3 id="plan-heading">{t('network.hub.plan')}</h3>
      <FormErrors heading={t('network.join.errors.heading')} errors={errors} />
      <Field id="plan-title" label={t('network.meetings.title')} error={errors.title} required showRequired>
        {(props) => <input {...props} value={form.title} onChange={(event) => setForm({ ...form, title: event.target.value })} maxLength={500} />}
      </Field>
      <Field id="plan-date" label={t('network.meetings.date')} error={errors.meets_on} required showRequired hint={t('network.hub.dateHint')}>
        {(props) => <input {...props} type="date" value={form.meets_on} onChange={(event) => setForm({ ...form, meets_on: event.target.value })} />}
      </Field>
      <Field id="plan-place" label={t('network.meetings.place')}>
        {(props) => <input {...props} value={form.place} onChange={(event) => setForm({ ...form, place: event.target.value })} maxLength={500} />}
      </Field>
      <Field id="plan-link" label={t('network.meeting.onlineLink')}>
        {(props) => <input {...props} type="url" value={form.online_link} onChange={(event) => setForm({ ...form, online_link: event.target.value })} maxLength={2000} />}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.hub.planSubmit')}</button>
    </form>
  );
}

/** The hub secretariat records a State's change of status (an observer that creates an NMIRF becomes a member). */
function StatusChange({ csrf, notices }: { csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const states = useNetworkStates(locale);
  const [iso3, setIso3] = useState('');
  const [changedOn, setChangedOn] = useState('');
  const [reason, setReason] = useState('');
  const chosen = states.data?.find((state) => state.iso3 === iso3);
  const save = useSave({
    save: () => changeStateStatus(iso3, { version: chosen!.version, status: chosen!.status === 'member' ? 'observer' : 'member', changed_on: changedOn, reason: reason.trim() }, locale, csrf),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.network.all });
      notices.show({ kind: 'status', message: t('network.hub.statusChanged', { state: chosen?.name ?? iso3 }) }, true);
      setReason('');
    },
    onFailed: (failure) => notices.show({ kind: 'error', title: t('network.hub.refused'), ...failure }, true),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen) save.submit(undefined);
  }
  return (
    <section className="panel" aria-labelledby="hub-registry-heading">
      <h2 id="hub-registry-heading">{t('network.hub.registry')}</h2>
      <p>{t('network.hub.registryIntro')}</p>
      <form onSubmit={submit}>
        <Field id="status-state" label={t('network.states.state')}>
          {(props) => (
            <select {...props} value={iso3} onChange={(event) => setIso3(event.target.value)}>
              <option value="">{t('network.hub.chooseState')}</option>
              {(states.data ?? []).map((state) => <option key={state.iso3} value={state.iso3}>{state.name} ({t(`network.status.${state.status}`)})</option>)}
            </select>
          )}
        </Field>
        {chosen && <p role="status">{t('network.hub.becomes', { status: t(`network.status.${chosen.status === 'member' ? 'observer' : 'member'}`) })}</p>}
        <Field id="status-date" label={t('network.hub.changedOn')}>
          {(props) => <input {...props} type="date" value={changedOn} onChange={(event) => setChangedOn(event.target.value)} />}
        </Field>
        <Field id="status-reason" label={t('network.hub.reason')}>
          {(props) => <textarea {...props} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />}
        </Field>
        <button type="submit" className="primary" aria-disabled={save.busy || !chosen || undefined}>{t('network.hub.changeStatus')}</button>
      </form>
    </section>
  );
}
