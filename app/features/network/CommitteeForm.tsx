import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { appointCommittee, type CommitteeTermInput } from '../../api/network';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { Field } from '../../components/Field';
import { FormErrors } from '../../components/FormErrors';
import { useTranslation } from '../../i18n';
import { formatDate } from '../../lib/format';
import type { usePageNotice } from '../../lib/page-notice';
import { groupLabel } from './labels';
import { useCommittee, useMeeting, useMeetings, useNetworkStates } from './queries';

type Notices = ReturnType<typeof usePageNotice>;

/**
 * The hub secretariat records an appointment of the Executive Committee made at a meeting (linked to
 * the decision that made it) and its Coordinator. The server checks the composition rule; a refusal
 * names the rule broken (two seats from one regional group, too few seats…).
 */
export function CommitteeAppointment({ csrf, notices }: { csrf: string; notices: Notices }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const states = useNetworkStates(locale);
  const meetings = useMeetings(locale);
  const committee = useCommittee(locale);
  const [meetingId, setMeetingId] = useState('');
  const meeting = useMeeting(meetingId, locale);
  const [proposalId, setProposalId] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [seats, setSeats] = useState<string[]>([]);
  const [coordinator, setCoordinator] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const members = (states.data ?? []).filter((state) => state.status === 'member');
  const names = new Map((states.data ?? []).map((state) => [state.iso3, state.name]));
  const decisions = meetingId && meeting.data
    ? meeting.data.agenda_items.flatMap((item) => item.proposals.filter((proposal) => proposal.outcome === 'adopted').map((proposal) => ({ ...proposal, item: item.title })))
    : [];
  const rule = committee.data?.rule;
  const save = useSave({
    save: (input: CommitteeTermInput) => appointCommittee(input, locale, csrf),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.network.all });
      notices.show({ kind: 'status', message: t('network.hub.appointed') }, true);
      setSeats([]);
      setCoordinator('');
    },
    onFailed: (failure) => notices.show({ kind: 'error', title: t('network.hub.appointmentRefused'), ...failure }, true),
  });
  function toggle(iso3: string, on: boolean) {
    setSeats(on ? [...seats, iso3] : seats.filter((code) => code !== iso3));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const required = t('network.join.errors.required');
    const found = { meeting: meetingId ? undefined : required, starts_on: startsOn ? undefined : required, coordinator: coordinator ? undefined : required };
    setErrors(found);
    const first = found.meeting ? 'committee-meeting' : found.starts_on ? 'committee-start' : found.coordinator ? 'committee-coordinator' : null;
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    save.submit({ meeting_id: Number(meetingId), proposal_id: proposalId ? Number(proposalId) : null, starts_on: startsOn, seats, coordinator });
  }
  return (
    <section className="panel" aria-labelledby="hub-committee-heading">
      <h2 id="hub-committee-heading">{t('network.hub.appoint')}</h2>
      <p>
        {t('network.hub.appointIntro')}
        {rule && <>{' '}{t('network.committee.rule', { min: rule.min_seats, max: rule.max_seats, perGroup: rule.max_seats_per_region })}</>}
      </p>
      <form onSubmit={submit} noValidate aria-labelledby="hub-committee-heading">
        <FormErrors heading={t('network.join.errors.heading')} errors={errors} />
        <Field id="committee-meeting" label={t('network.hub.appointedAt')} error={errors.meeting} required showRequired>
          {(props) => (
            <select {...props} value={meetingId} onChange={(event) => { setMeetingId(event.target.value); setProposalId(''); }}>
              <option value="">{t('network.hub.chooseMeeting')}</option>
              {(meetings.data?.items ?? []).map((item) => <option key={item.id} value={item.id}>{item.title} ({formatDate(item.meets_on, locale)})</option>)}
            </select>
          )}
        </Field>
        <Field id="committee-decision" label={t('network.hub.appointingDecision')} hint={t('network.hub.appointingDecisionHint')}>
          {(props) => (
            <select {...props} value={proposalId} onChange={(event) => setProposalId(event.target.value)}>
              <option value="">{t('network.hub.noDecision')}</option>
              {decisions.map((proposal) => <option key={proposal.id} value={proposal.id}>{proposal.item}: {proposal.text.slice(0, 120)}</option>)}
            </select>
          )}
        </Field>
        <Field id="committee-start" label={t('network.hub.termStart')} error={errors.starts_on} required showRequired hint={t('network.hub.termStartHint')}>
          {(props) => <input {...props} type="date" value={startsOn} onChange={(event) => setStartsOn(event.target.value)} />}
        </Field>
        <fieldset className="network-checks">
          <legend>{t('network.hub.seats')}</legend>
          {members.map((state) => (
            <label key={state.iso3}>
              <input type="checkbox" id={`seat-${state.iso3}`} checked={seats.includes(state.iso3)} onChange={(event) => toggle(state.iso3, event.target.checked)} />
              {' '}{state.name} <span className="muted small">({groupLabel(t, state.un_regional_group)})</span>
            </label>
          ))}
        </fieldset>
        <Field id="committee-coordinator" label={t('network.hub.coordinator')} error={errors.coordinator} required showRequired hint={t('network.hub.coordinatorHint')}>
          {(props) => (
            <select {...props} value={coordinator} onChange={(event) => setCoordinator(event.target.value)}>
              <option value="">{t('network.hub.chooseState')}</option>
              {seats.map((iso3) => <option key={iso3} value={iso3}>{names.get(iso3) ?? iso3}</option>)}
            </select>
          )}
        </Field>
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.hub.appointSubmit')}</button>
      </form>
    </section>
  );
}
