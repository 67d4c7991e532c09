import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  addAgendaDocument, addAgendaItem, addProposal, advanceMinutes, castVote, closeVote, draftMinutes, recordAttendance, seekConsensus, sendAgenda, setMeetingStatus,
  type Meeting, type MinutesStepName, type NetworkState, type Proposal, type VoteInput,
} from '../../api/network';
import { keys } from '../../api/query-keys';
import { useSave } from '../../api/use-save';
import { DetailPage } from '../../components/DetailPage';
import { Field } from '../../components/Field';
import { SignInNotice } from '../../components/Notice';
import { QueryBoundary } from '../../components/QueryBoundary';
import { QueryList } from '../../components/QueryList';
import { useTranslation } from '../../i18n';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/format-detail';
import { NoticeRegion, usePageNotice } from '../../lib/page-notice';
import { can } from '../../lib/permissions';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSession } from '../../api/session';
import '../../lib/workspace-strings';
import './strings';
import { stateName } from './labels';
import { AgendaDocuments, MeetingFacts } from './MeetingPage';
import { useMeeting, useMinutes, useNetworkStates } from './queries';

type Notices = ReturnType<typeof usePageNotice>;
interface Context {
  meeting: Meeting;
  csrf: string;
  notices: Notices;
  names: Map<string, string>;
}

/** The hub's helpers for a page's actions: save, announce, refresh the Network's answers. */
function useAction<Input, Output>(context: Context, save: (input: Input) => Promise<Output>, message: (output: Output) => string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useSave({
    save,
    // The page's records carry the versions the next step sends: the step is done once they are read again.
    onSaved: async (output) => {
      await queryClient.invalidateQueries({ queryKey: keys.network.all });
      context.notices.show({ kind: 'status', message: message(output) }, true);
    },
    onFailed: (failure) => context.notices.show({ kind: 'error', title: t('network.hub.refused'), ...failure }, true),
  });
}

/**
 * One meeting in the hub workspace: its agenda (items, sending it), confirming and holding it,
 * attendance, proposals (consensus, the vote, closing it) and the minutes. What each person sees
 * follows the server's capabilities; the server refuses what the rules forbid, and the page shows
 * its reason (an agenda sent too late: the earliest valid date).
 */
export default function MeetingWorkspacePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const id = useParams().id ?? '';
  const session = useSession(true);
  const me = session.data;
  const meeting = useMeeting(id, locale);
  const states = useNetworkStates(locale);
  const notices = usePageNotice();
  const queryClient = useQueryClient();
  const back = { to: `/${locale}/workspace/network`, label: t('network.hub.back') };
  useDocumentTitle(meeting.data?.title ?? t('network.meeting.title'), t('app.name'));
  if (session.isPending) return <p role="status" className="page">{t('network.loading')}</p>;
  if (!me) return <DetailPage title={t('network.meeting.title')} back={back}><SignInNotice /></DetailPage>;
  if (meeting.isError || !meeting.data) {
    return <QueryBoundary query={meeting} back={back} loading={t('network.loading')} title={t('network.meeting.title')} errorTitle={t('network.loadError')} />;
  }
  const data = meeting.data;
  const context: Context = { meeting: data, csrf: me.csrf_token, notices, names: new Map((states.data ?? []).map((state) => [state.iso3, state.name])) };
  const manage = can(me, 'network:meeting_manage');
  return (
    <DetailPage title={data.title} back={back} className="page network-meeting-workspace">
      <NoticeRegion state={notices} onReload={() => void queryClient.invalidateQueries({ queryKey: keys.network.all })} />
      <MeetingFacts meeting={data} />
      {data.agenda_sent_on && <p><Link to={`/${locale}/network/meetings/${data.id}`}>{t('network.hub.publicPage')}</Link></p>}
      {manage && <StatusButtons context={context} />}
      <Agenda context={context} manage={manage} chair={can(me, 'network:meeting_chair')} voter={can(me, 'network:vote')} />
      {manage ? <AttendanceForm context={context} states={states.data ?? []} /> : <AttendanceList context={context} />}
      <Minutes context={context} manage={can(me, 'network:minutes_manage')} chair={can(me, 'network:meeting_chair')} />
    </DetailPage>
  );
}

function StatusButtons({ context }: { context: Context }) {
  const { t, i18n } = useTranslation();
  const { meeting } = context;
  const next = meeting.status === 'planned' ? 'confirmed' : meeting.status === 'confirmed' ? 'held' : null;
  const save = useAction(context, (status: 'confirmed' | 'held') => setMeetingStatus(meeting.id, { version: meeting.version, status }, i18n.language, context.csrf),
    (answer) => t(`network.hub.statusNow.${answer.status}`));
  if (!next) return null;
  return (
    <p className="button-row">
      <button type="button" className="secondary" aria-disabled={save.busy || undefined} onClick={() => save.submit(next)}>{t(`network.hub.setStatus.${next}`)}</button>
    </p>
  );
}

function Agenda({ context, manage, chair, voter }: { context: Context; manage: boolean; chair: boolean; voter: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { meeting } = context;
  const send = useAction(context, () => sendAgenda(meeting.id, locale, context.csrf),
    (answer) => t('network.hub.agendaSent', { date: formatDate(answer.agenda_sent_on, locale), count: answer.recipients }));
  return (
    <section className="panel" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('network.agenda.heading')}</h2>
      {meeting.agenda_items.length === 0 ? <p>{t('network.agenda.none')}</p> : (
        <ol className="network-agenda">
          {meeting.agenda_items.map((item) => (
            <li key={item.id} data-agenda-item={item.position}>
              <h3>{item.title}</h3>
              {item.description && <p className="pre-wrap">{item.description}</p>}
              <AgendaDocuments documents={item.documents} />
              {manage && <DocumentForm context={context} itemId={item.id} itemTitle={item.title} />}
              {item.proposals.map((proposal) => <ProposalPanel key={proposal.id} context={context} proposal={proposal} chair={chair} voter={voter} />)}
              {manage && <ProposalForm context={context} itemId={item.id} itemTitle={item.title} />}
            </li>
          ))}
        </ol>
      )}
      {manage && !meeting.agenda_sent_on && (
        <>
          <AgendaItemForm context={context} />
          <p className="hint small muted">{t('network.hub.sendHint', { deadline: formatDate(meeting.agenda_deadline, locale) })}</p>
          <p><button type="button" className="primary" aria-disabled={send.busy || undefined} onClick={() => send.submit(undefined)}>{t('network.hub.sendAgenda')}</button></p>
        </>
      )}
    </section>
  );
}

function AgendaItemForm({ context }: { context: Context }) {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const save = useAction(context, () => addAgendaItem(context.meeting.id, { title: title.trim(), description: description.trim() }, i18n.language, context.csrf), () => {
    setTitle('');
    setDescription('');
    return t('network.hub.itemAdded');
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (title.trim()) save.submit(undefined);
    else document.getElementById('item-title')?.focus();
  }
  return (
    <form onSubmit={submit} aria-labelledby="item-heading">
      <h3 id="item-heading">{t('network.hub.addItem')}</h3>
      <Field id="item-title" label={t('network.hub.itemTitle')} required showRequired>
        {(props) => <input {...props} value={title} onChange={(event) => setTitle(event.target.value)} maxLength={500} />}
      </Field>
      <Field id="item-description" label={t('network.hub.itemDescription')}>
        {(props) => <textarea {...props} rows={2} value={description} onChange={(event) => setDescription(event.target.value)} maxLength={5000} />}
      </Field>
      <button type="submit" className="secondary" aria-disabled={save.busy || undefined}>{t('network.hub.addItemSubmit')}</button>
    </form>
  );
}

function DocumentForm({ context, itemId, itemTitle }: { context: Context; itemId: number; itemTitle: string }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const id = `document-${itemId}`;
  const save = useAction(context, (chosen: File) => addAgendaDocument(itemId, chosen, i18n.language, context.csrf), () => {
    setFile(null);
    setFormKey((n) => n + 1);
    return t('network.hub.documentAdded');
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) save.submit(file);
    else document.getElementById(id)?.focus();
  }
  return (
    <form key={formKey} onSubmit={submit} aria-label={t('network.hub.addDocumentTo', { item: itemTitle })}>
      <Field id={id} label={t('network.hub.document')} hint={t('network.hub.documentHint')}>
        {(props) => <input {...props} type="file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />}
      </Field>
      <button type="submit" className="secondary" aria-disabled={save.busy || undefined}>{t('network.hub.addDocument')}</button>
    </form>
  );
}

function ProposalForm({ context, itemId, itemTitle }: { context: Context; itemId: number; itemTitle: string }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const id = `proposal-new-${itemId}`;
  const save = useAction(context, () => addProposal(itemId, text.trim(), i18n.language, context.csrf), () => {
    setText('');
    return t('network.hub.proposalAdded');
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) save.submit(undefined);
    else document.getElementById(id)?.focus();
  }
  return (
    <form onSubmit={submit} aria-label={t('network.hub.addProposalTo', { item: itemTitle })}>
      <Field id={id} label={t('network.hub.proposalText')}>
        {(props) => <textarea {...props} rows={2} value={text} onChange={(event) => setText(event.target.value)} maxLength={20_000} />}
      </Field>
      <button type="submit" className="secondary" aria-disabled={save.busy || undefined}>{t('network.hub.addProposal')}</button>
    </form>
  );
}

function ProposalPanel({ context, proposal, chair, voter }: { context: Context; proposal: Proposal; chair: boolean; voter: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const name = (iso3: string) => stateName(context.names, iso3);
  return (
    <div className="panel network-proposal" data-proposal={proposal.id}>
      <p className="pre-wrap">{proposal.text}</p>
      <p className="small">
        <strong>{proposal.outcome ? t(`network.outcome.${proposal.outcome}`) : t(`network.proposalState.${proposal.state}`)}</strong>
        {proposal.objections.length > 0 && <> · {t('network.hub.objectedBy', { states: proposal.objections.map(name).join(', ') })}</>}
        {proposal.sha256 && <> · <Link to={`/${locale}/network/decisions/${proposal.id}`}>{t('network.decision.link')}</Link></>}
      </p>
      {proposal.votes.length > 0 && (
        <ul className="small" aria-label={t('network.hub.votesCast')}>
          {proposal.votes.map((vote) => <li key={vote.iso3}>{name(vote.iso3)}: {t(`network.votes.${vote.vote}`)} ({t(`network.castBy.${vote.cast_by}`)})</li>)}
        </ul>
      )}
      {proposal.state === 'open' && chair && <ConsensusForm context={context} proposal={proposal} />}
      {proposal.state === 'voting' && voter && <VoteForm context={context} proposal={proposal} />}
      {proposal.state === 'voting' && chair && <CloseVote context={context} proposal={proposal} />}
    </div>
  );
}

/** The chair records whether any member present objected: none adopts by consensus, some open the vote. */
function ConsensusForm({ context, proposal }: { context: Context; proposal: Proposal }) {
  const { t, i18n } = useTranslation();
  const [objections, setObjections] = useState<string[]>([]);
  const members = context.meeting.attendance.filter((entry) => entry.status === 'member');
  const save = useAction(context, () => seekConsensus(proposal.id, { version: proposal.version, objections }, i18n.language, context.csrf),
    () => (objections.length ? t('network.hub.voteOpened') : t('network.hub.adoptedByConsensus')));
  function submit(event: FormEvent) {
    event.preventDefault();
    save.submit(undefined);
  }
  return (
    <form onSubmit={submit}>
      <fieldset className="network-checks">
        <legend>{t('network.hub.objections')}</legend>
        {members.length === 0 && <p>{t('network.hub.noMembersPresent')}</p>}
        {members.map((entry) => {
          const id = `objection-${proposal.id}-${entry.iso3}`;
          return (
            <div className="field-inline" key={entry.iso3}>
              <input type="checkbox" id={id} checked={objections.includes(entry.iso3)}
                onChange={(event) => setObjections(event.target.checked ? [...objections, entry.iso3] : objections.filter((code) => code !== entry.iso3))} />
              <label htmlFor={id}>{stateName(context.names, entry.iso3)}</label>
            </div>
          );
        })}
      </fieldset>
      <button type="submit" className="secondary" aria-disabled={save.busy || undefined}>{t('network.hub.recordConsensus')}</button>
    </form>
  );
}

/** The focal point (or the deputy when the focal point is absent) casts or changes its State's vote. */
function VoteForm({ context, proposal }: { context: Context; proposal: Proposal }) {
  const { t, i18n } = useTranslation();
  const [vote, setVote] = useState<VoteInput['vote'] | ''>('');
  const save = useAction(context, (input: VoteInput) => castVote(proposal.id, input, i18n.language, context.csrf),
    (answer) => t('network.hub.voteCast', { state: stateName(context.names, answer.iso3), vote: t(`network.votes.${answer.vote}`) }));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (vote) save.submit({ vote });
  }
  return (
    <form onSubmit={submit}>
      <fieldset className="network-checks">
        <legend>{t('network.hub.yourVote')}</legend>
        {(['yes', 'no', 'abstain'] as const).map((choice) => {
          const id = `vote-${proposal.id}-${choice}`;
          return (
            <div className="field-inline" key={choice}>
              <input type="radio" id={id} name={`vote-${proposal.id}`} checked={vote === choice} onChange={() => setVote(choice)} />
              <label htmlFor={id}>{t(`network.votes.${choice}`)}</label>
            </div>
          );
        })}
      </fieldset>
      <button type="submit" className="primary" aria-disabled={save.busy || !vote || undefined}>{t('network.hub.castVote')}</button>
    </form>
  );
}

function CloseVote({ context, proposal }: { context: Context; proposal: Proposal }) {
  const { t, i18n } = useTranslation();
  const save = useAction(context, () => closeVote(proposal.id, proposal.version, i18n.language, context.csrf),
    (record) => t('network.hub.voteClosed', { outcome: t(`network.outcome.${record.outcome}`) }));
  return <p><button type="button" className="secondary" aria-disabled={save.busy || undefined} onClick={() => save.submit(undefined)}>{t('network.hub.closeVote')}</button></p>;
}

function AttendanceList({ context }: { context: Context }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t('network.attendance.heading')}</h2>
      {context.meeting.attendance.length === 0 ? <p>{t('network.attendance.none')}</p> : (
        <ul>{context.meeting.attendance.map((entry) => <li key={entry.iso3}>{stateName(context.names, entry.iso3)} ({t(`network.status.${entry.status}`)})</li>)}</ul>
      )}
    </section>
  );
}

/** Who is present: every State of the registry, and for a member whether its focal point attended (else its deputy votes). */
function AttendanceForm({ context, states }: { context: Context; states: NetworkState[] }) {
  const { t, i18n } = useTranslation();
  const { meeting } = context;
  const [present, setPresent] = useState(() => new Map(meeting.attendance.map((entry) => [entry.iso3, entry.focal_point_present])));
  const save = useAction(context, () => recordAttendance(meeting.id, {
    version: meeting.version, present: [...present].map(([iso3, focal]) => ({ iso3, focal_point_present: focal })),
  }, i18n.language, context.csrf), () => t('network.hub.attendanceSaved'));
  const toggle = (iso3: string, on: boolean) => {
    const next = new Map(present);
    if (on) next.set(iso3, true);
    else next.delete(iso3);
    setPresent(next);
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    save.submit(undefined);
  }
  return (
    <section className="panel" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t('network.attendance.heading')}</h2>
      <form onSubmit={submit}>
        <fieldset className="network-checks">
          <legend>{t('network.hub.whoIsPresent')}</legend>
          {states.map((state) => {
            const id = `present-${state.iso3}`;
            return (
              <div key={state.iso3}>
                <div className="field-inline">
                  <input type="checkbox" id={id} checked={present.has(state.iso3)} onChange={(event) => toggle(state.iso3, event.target.checked)} />
                  <label htmlFor={id}>{state.name} ({t(`network.status.${state.status}`)})</label>
                </div>
                {state.status === 'member' && present.has(state.iso3) && (
                  <div className="field-inline">
                    <input type="checkbox" id={`${id}-focal`} checked={present.get(state.iso3) ?? true}
                      onChange={(event) => setPresent(new Map(present).set(state.iso3, event.target.checked))} />
                    <label htmlFor={`${id}-focal`} className="small">{t('network.hub.focalPresent', { state: state.name })}</label>
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
        <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.hub.saveAttendance')}</button>
      </form>
    </section>
  );
}

/** The minutes' versions, and the steps: draft (hub secretariat), circulate, approve with amendments (chair), publish. */
function Minutes({ context, manage, chair }: { context: Context; manage: boolean; chair: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { meeting } = context;
  const minutes = useMinutes(String(meeting.id), locale, true);
  return (
    <section className="panel" aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t('network.minutes.heading')}</h2>
      <QueryList query={minutes} loading={t('network.loading')} errorTitle={t('network.loadError')}>
        {({ versions }) => {
          const latest = versions.at(-1);
          return (
            <>
              {versions.length === 0 ? <p>{t('network.minutes.none')}</p> : (
                <ol className="network-minutes-versions">
                  {versions.map((version) => (
                    <li key={version.number} data-minutes-version={version.number}>
                      <details>
                        <summary>{t('network.minutes.versionState', { number: version.number, state: t(`network.minutesState.${version.state}`), date: formatDateTime(version.created_at, locale) })}</summary>
                        <p className="pre-wrap">{version.text}</p>
                        {version.amendments && <p className="small">{t('network.minutes.amendments', { text: version.amendments })}</p>}
                      </details>
                    </li>
                  ))}
                </ol>
              )}
              {manage && (!latest || latest.state === 'draft') && <MinutesDraftForm context={context} number={latest?.number ?? 0} text={latest?.text ?? ''} />}
              {manage && latest?.state === 'draft' && <MinutesStep context={context} step="circulate" number={latest.number} />}
              {chair && latest?.state === 'circulated' && <MinutesApproval context={context} number={latest.number} text={latest.text} />}
              {manage && latest?.state === 'approved' && <MinutesStep context={context} step="publish" number={latest.number} />}
            </>
          );
        }}
      </QueryList>
    </section>
  );
}

function MinutesDraftForm({ context, number, text }: { context: Context; number: number; text: string }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(text);
  const save = useAction(context, () => draftMinutes(context.meeting.id, { number, text: draft.trim() }, i18n.language, context.csrf),
    (answer) => t('network.minutes.drafted', { number: answer.number }));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft.trim()) save.submit(undefined);
    else document.getElementById('minutes-draft')?.focus();
  }
  return (
    <form onSubmit={submit}>
      <Field id="minutes-draft" label={t('network.minutes.draftLabel')}>
        {(props) => <textarea {...props} rows={6} value={draft} onChange={(event) => setDraft(event.target.value)} maxLength={200_000} />}
      </Field>
      <button type="submit" className="secondary" aria-disabled={save.busy || undefined}>{t('network.minutes.saveDraft')}</button>
    </form>
  );
}

function MinutesStep({ context, step, number }: { context: Context; step: Exclude<MinutesStepName, 'approve'>; number: number }) {
  const { t, i18n } = useTranslation();
  const save = useAction(context, () => advanceMinutes(context.meeting.id, step, { number }, i18n.language, context.csrf),
    (answer) => t(`network.minutes.done.${step}`, { number: answer.number }));
  return <p><button type="button" className="primary" aria-disabled={save.busy || undefined} onClick={() => save.submit(undefined)}>{t(`network.minutes.steps.${step}`)}</button></p>;
}

/** The chair records the approval; an amended text becomes a new version, approved, with what was amended. */
function MinutesApproval({ context, number, text }: { context: Context; number: number; text: string }) {
  const { t, i18n } = useTranslation();
  const [amended, setAmended] = useState(text);
  const [amendments, setAmendments] = useState('');
  const save = useAction(context, () => advanceMinutes(context.meeting.id, 'approve', {
    number, ...(amended.trim() !== text.trim() ? { amended_text: amended.trim(), amendments: amendments.trim() || undefined } : {}),
  }, i18n.language, context.csrf), (answer) => t('network.minutes.done.approve', { number: answer.number }));
  function submit(event: FormEvent) {
    event.preventDefault();
    save.submit(undefined);
  }
  return (
    <form onSubmit={submit}>
      <Field id="minutes-amended" label={t('network.minutes.amendedLabel')} hint={t('network.minutes.amendedHint')}>
        {(props) => <textarea {...props} rows={6} value={amended} onChange={(event) => setAmended(event.target.value)} maxLength={200_000} />}
      </Field>
      <Field id="minutes-amendments" label={t('network.minutes.amendmentsLabel')}>
        {(props) => <input {...props} value={amendments} onChange={(event) => setAmendments(event.target.value)} maxLength={5000} />}
      </Field>
      <button type="submit" className="primary" aria-disabled={save.busy || undefined}>{t('network.minutes.steps.approve')}</button>
    </form>
  );
}
