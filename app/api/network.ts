/**
 * The API of the International Network of NMIRFs (a hub only): the public registry, Executive
 * Committee, meetings and decision records; join requests; the hub workspace's meetings, proposals,
 * votes and minutes. Same conventions as workspace.ts (locale on every call, CSRF on every write).
 * Shapes from shared/network/api.ts, as types only.
 */
import type { z } from 'zod';
import type {
  agendaItemInputSchema, agendaSentSchema, attendanceInputSchema, committeeRuleSchema, committeeTermInputSchema, committeeTermSchema, consensusInputSchema,
  joinDecisionSchema, joinRequestInputSchema, joinRequestSchema, meetingInputSchema, meetingListSchema, meetingSchema,
  minutesDraftSchema, minutesListSchema, minutesStepSchema, networkStateDetailSchema, networkStateSchema, profilePatchSchema, statusChangeInputSchema, voteInputSchema,
} from '../../shared/network/api';
import type { DecisionRecord } from '../../shared/network/decision-record';
import { apiUrl, request } from './http';

export type { DecisionRecord };
export type JoinRequestInput = z.input<typeof joinRequestInputSchema>;
export type NetworkState = z.infer<typeof networkStateSchema>;
export type NetworkStateDetail = z.infer<typeof networkStateDetailSchema>;
export type CommitteeTerm = z.infer<typeof committeeTermSchema>;
export type CommitteeRule = z.infer<typeof committeeRuleSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type MeetingList = z.infer<typeof meetingListSchema>;
export type Proposal = Meeting['agenda_items'][number]['proposals'][number];
export type JoinRequest = z.infer<typeof joinRequestSchema>;
export type JoinDecision = z.input<typeof joinDecisionSchema>;
export type MeetingInput = z.input<typeof meetingInputSchema>;
export type AgendaItemInput = z.input<typeof agendaItemInputSchema>;
export type AttendanceInput = z.input<typeof attendanceInputSchema>;
export type ConsensusInput = z.input<typeof consensusInputSchema>;
export type VoteInput = z.input<typeof voteInputSchema>;
export type StatusChangeInput = z.input<typeof statusChangeInputSchema>;
export type ProfilePatch = z.input<typeof profilePatchSchema>;
export type CommitteeTermInput = z.input<typeof committeeTermInputSchema>;
export type AgendaSent = z.infer<typeof agendaSentSchema>;
export type MinutesList = z.infer<typeof minutesListSchema>;
export type MinutesDraft = z.input<typeof minutesDraftSchema>;
export type MinutesStep = z.input<typeof minutesStepSchema>;
export type MinutesStepName = 'circulate' | 'approve' | 'publish';

const base = '/api/v1/network';

// Public

export function listStates(locale: string, signal?: AbortSignal) {
  return request<{ items: NetworkState[] }>('GET', `${base}/states`, { locale, signal });
}

export function getState(iso3: string, locale: string, signal?: AbortSignal) {
  return request<NetworkStateDetail>('GET', `${base}/states/${encodeURIComponent(iso3)}`, { locale, signal });
}

export function getCommittee(locale: string, signal?: AbortSignal) {
  return request<{ items: CommitteeTerm[]; rule: CommitteeRule }>('GET', `${base}/committee`, { locale, signal });
}

export function listMeetings(locale: string, signal?: AbortSignal) {
  return request<MeetingList>('GET', `${base}/meetings`, { locale, signal });
}

export function getMeeting(id: number | string, locale: string, signal?: AbortSignal) {
  return request<Meeting>('GET', `${base}/meetings/${encodeURIComponent(id)}`, { locale, signal });
}

export function getDecision(id: number | string, locale: string, signal?: AbortSignal) {
  return request<DecisionRecord>('GET', `${base}/decisions/${encodeURIComponent(id)}`, { locale, signal });
}

/** The address of a decision record's JSON, as published (what `npm run verify:decision` checks). */
export const decisionUrl = (id: number | string) => apiUrl(`${base}/decisions/${encodeURIComponent(id)}`);

// Join requests

/** A join request: the request in JSON beside the formal communication (a PDF), in one form. */
export function submitJoinRequest(input: JoinRequestInput, file: File, locale: string, csrf?: string | null) {
  const form = new FormData();
  form.append('request', JSON.stringify(input));
  form.append('file', file, file.name);
  return request<{ id: number }>('POST', `${base}/join-requests`, { locale, csrf, form });
}

export function listJoinRequests(locale: string, signal?: AbortSignal) {
  return request<{ items: JoinRequest[] }>('GET', `${base}/join-requests`, { locale, signal });
}

export const communicationUrl = (id: number) => apiUrl(`${base}/join-requests/${id}/communication`);

export function decideJoinRequest(id: number, input: JoinDecision, locale: string, csrf: string) {
  return request<JoinRequest>('POST', `${base}/join-requests/${id}/decision`, { locale, csrf, body: input });
}

// Registry

export function changeStateStatus(iso3: string, input: StatusChangeInput, locale: string, csrf: string) {
  return request<null>('POST', `${base}/states/${encodeURIComponent(iso3)}/status`, { locale, csrf, body: input });
}

export function updateProfile(iso3: string, input: ProfilePatch, locale: string, csrf: string) {
  return request<NetworkStateDetail>('PATCH', `${base}/states/${encodeURIComponent(iso3)}`, { locale, csrf, body: input });
}

// The Executive Committee

/** Records an appointment made at a meeting; refused (400, naming the rule) when the composition breaks one. */
export function appointCommittee(input: CommitteeTermInput, locale: string, csrf: string) {
  return request<{ id: number }>('POST', `${base}/committee`, { locale, csrf, body: input });
}

// Meetings

export function createMeeting(input: MeetingInput, locale: string, csrf: string) {
  return request<Meeting>('POST', `${base}/meetings`, { locale, csrf, body: input });
}

export function addAgendaItem(meetingId: number, input: AgendaItemInput, locale: string, csrf: string) {
  return request<{ id: number }>('POST', `${base}/meetings/${meetingId}/agenda-items`, { locale, csrf, body: input });
}

/** Attaches a document to an agenda item (the server checks it on its bytes). */
export function addAgendaDocument(agendaItemId: number, file: File, locale: string, csrf: string) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ id: number }>('POST', `${base}/agenda-items/${agendaItemId}/documents`, { locale, csrf, form });
}

/** The address of an agenda item's document (an attachment). */
export const agendaDocumentUrl = (id: number) => apiUrl(`${base}/agenda-documents/${id}`);

export function sendAgenda(meetingId: number, locale: string, csrf: string) {
  return request<AgendaSent>('POST', `${base}/meetings/${meetingId}/send-agenda`, { locale, csrf });
}

export function setMeetingStatus(meetingId: number, input: { version: number; status: 'confirmed' | 'held' }, locale: string, csrf: string) {
  return request<Meeting>('POST', `${base}/meetings/${meetingId}/status`, { locale, csrf, body: input });
}

export function recordAttendance(meetingId: number, input: AttendanceInput, locale: string, csrf: string) {
  return request<Meeting>('PUT', `${base}/meetings/${meetingId}/attendance`, { locale, csrf, body: input });
}

// Proposals and decisions

export function addProposal(agendaItemId: number, text: string, locale: string, csrf: string) {
  return request<{ id: number }>('POST', `${base}/agenda-items/${agendaItemId}/proposals`, { locale, csrf, body: { text } });
}

export function seekConsensus(proposalId: number, input: ConsensusInput, locale: string, csrf: string) {
  return request<null>('POST', `${base}/proposals/${proposalId}/consensus`, { locale, csrf, body: input });
}

export function castVote(proposalId: number, input: VoteInput, locale: string, csrf: string) {
  return request<{ iso3: string; vote: string; cast_by: string }>('POST', `${base}/proposals/${proposalId}/votes`, { locale, csrf, body: input });
}

export function closeVote(proposalId: number, version: number, locale: string, csrf: string) {
  return request<DecisionRecord>('POST', `${base}/proposals/${proposalId}/close`, { locale, csrf, body: { version } });
}

// Minutes

export function listMinutes(meetingId: number | string, locale: string, signal?: AbortSignal) {
  return request<MinutesList>('GET', `${base}/meetings/${encodeURIComponent(meetingId)}/minutes`, { locale, signal });
}

export function draftMinutes(meetingId: number, input: MinutesDraft, locale: string, csrf: string) {
  return request<{ number: number }>('POST', `${base}/meetings/${meetingId}/minutes`, { locale, csrf, body: input });
}

export function advanceMinutes(meetingId: number, step: MinutesStepName, input: MinutesStep, locale: string, csrf: string) {
  return request<{ number: number }>('POST', `${base}/meetings/${meetingId}/minutes/${step}`, { locale, csrf, body: input });
}
