/**
 * HTTP of the International Network of NMIRFs, registered only on a hub (INSTANCE_ROLE=hub): on a
 * national instance /api/v1/network/… does not exist (404). The registry, the Executive Committee,
 * the meetings whose agenda was sent and the decision records are public; the rest is for the
 * Network's participants, per shared/permissions.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agendaItemInputSchema, agendaSentSchema, attendanceInputSchema, committeeRuleInputSchema, committeeRuleSchema, committeeTermInputSchema, committeeTermSchema, consensusInputSchema,
  decisionRecordSchema, iso3, joinDecisionSchema, keyRegistrationSchema, joinRequestInputSchema, joinRequestSchema, JOIN_REQUEST_STATES, meetingInputSchema,
  meetingListSchema, meetingPatchSchema, minutesDraftSchema, minutesListSchema, minutesStepSchema, meetingSchema, meetingStatusSchema, networkStateDetailSchema, networkStateSchema,
  profilePatchSchema, proposalInputSchema, statusChangeInputSchema, voteInputSchema,
} from '../../../shared/network/api';
import { agendaDeadline, yearsWithoutMeeting } from '../../../shared/network/meetings';
import { errorSchema } from '../../../shared/recommendations';
import type { Today } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { can } from '../../platform/auth/policy';
import type { Actor } from '../../platform/auth/actor';
import { readUploadedFile } from '../../platform/files/multipart';
import { sendEvidenceFile } from '../../platform/files/evidence-files';
import type { UploadStore } from '../../platform/files/uploads';
import { HttpError, notFound } from '../../platform/http/errors';
import { pickText, requestLocale, type Locale } from '../../platform/http/locale';
import { localeQuery, serialId } from '../../platform/http/params';
import { notModified } from '../../platform/http/public-cache';
import { validationMessage } from '../../platform/http/validation-messages';
import { knowledgeRoutes } from './knowledge.routes';
import * as repository from './network.repository';
import { appointCommittee, changeCommitteeRule, committeeTerms, currentRule } from './use-cases/committee';
import { addProposal, castVote, closeVote, seekConsensus } from './use-cases/decisions';
import { decideJoinRequest, submitJoinRequest } from './use-cases/join-requests';
import { addAgendaDocument, addAgendaItem, createMeeting, recordAttendance, sendAgenda, setMeetingStatus, updateMeeting } from './use-cases/meetings';
import { advanceMinutes, draftMinutes } from './use-cases/minutes';
import { changeStatus, registerStateKey, updateProfile } from './use-cases/registry';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const conflict = { 409: errorSchema.extend({ current_version: z.number().int().optional() }).passthrough() };
const tags = ['network'];
const created = z.object({ id: z.number().int() });
const stateParams = z.object({ iso3 });
const idParams = z.object({ id: serialId });
/** The JSON of a join request travels in one form field beside the PDF. */
const REQUEST_FIELD_MAX = 20_000;

export interface NetworkOptions {
  uploads: UploadStore;
  maxUploadBytes: number;
  publicUrl: string;
  today: Today;
  now?: () => Date;
}

export const networkRoutes = (database: Database, options: NetworkOptions): FastifyPluginAsyncZod => async (app) => {
  const db = database.pool;
  const now = options.now ?? (() => new Date());
  const deps = { uploads: options.uploads, publicUrl: options.publicUrl, now, today: options.today };

  const presentState = (row: repository.StateRow, locale: Locale) => ({
    iso3: row.iso3, name: pickText(row.name, locale) || row.iso3, un_regional_group: row.un_regional_group, status: row.status, founding: row.founding,
    joined_on: row.joined_on, declaration_adopted_on: row.declaration_adopted_on, nmirf_name: row.nmirf_name, nmirf_type: row.nmirf_type,
    legal_basis: row.legal_basis, coordinating_ministries: row.coordinating_ministries, website: row.website, tracking_system: row.tracking_system,
    version: row.version,
  });

  const presentJoinRequest = (row: repository.JoinRequestRow, locale: Locale) => ({
    id: row.id, iso3: row.iso3, state_name: pickText(row.state_name, locale) || row.iso3, requested_status: row.requested_status,
    requester_name: row.requester_name, requester_email: row.requester_email, focal_point_name: row.focal_point_name,
    focal_point_email: row.focal_point_email, declaration_adopted_on: row.declaration_adopted_on, profile: row.profile,
    instance_url: row.instance_url, public_key: row.public_key,
    communication: { file_name: row.file_name, size_bytes: row.size_bytes, sha256: row.sha256 },
    state: row.state, decision_reason: row.decision_reason, decided_at: row.decided_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(), version: row.version,
  });

  const presentMinutes = (row: repository.MinutesRow) => ({
    number: row.number, text: row.text, state: row.state, amendments: row.amendments, created_at: row.created_at.toISOString(),
  });

  /** A meeting as the person may see it: votes while a vote is open only for the Network's participants. */
  async function meetingDetail(id: number, actor: Actor | null): Promise<z.infer<typeof meetingSchema>> {
    const meeting = await repository.findMeeting(db, id);
    const insider = can(actor, 'network:meeting_read');
    if (!meeting || (!meeting.agenda_sent_on && !insider)) throw notFound('network_meeting_not_found');
    const items = await repository.agendaItems(db, id);
    const documents = await repository.agendaDocumentsOfMeeting(db, id);
    const proposals = await repository.proposalsOfMeeting(db, id);
    const votes = await repository.votesOf(db, proposals.map((proposal) => proposal.id));
    const published = (await repository.minutesOf(db, id)).findLast((version) => version.state === 'published');
    return {
      ...meeting, agenda_deadline: agendaDeadline(meeting.meets_on),
      attendance: await repository.attendance(db, id),
      minutes: published ? { number: published.number, text: published.text } : null,
      agenda_items: items.map((item) => ({
        ...item,
        documents: documents.filter((document) => document.agenda_item_id === item.id)
          .map(({ id: documentId, file_name, media_type, size_bytes, sha256 }) => ({ id: documentId, file_name, media_type, size_bytes, sha256 })),
        proposals: proposals.filter((proposal) => proposal.agenda_item_id === item.id).map((proposal) => ({
          id: proposal.id, agenda_item_id: proposal.agenda_item_id, text: proposal.text, state: proposal.state, objections: proposal.objections,
          votes: proposal.state === 'decided' || insider
            ? votes.filter((vote) => vote.proposal_id === proposal.id).map(({ iso3: code, vote, cast_by }) => ({ iso3: code, vote, cast_by }))
            : [],
          outcome: proposal.outcome, sha256: proposal.sha256, version: proposal.version,
        })),
      })),
    };
  }

  async function stateDetail(code: string, actor: Actor | null, locale: Locale): Promise<z.infer<typeof networkStateDetailSchema>> {
    const row = await repository.findState(db, code);
    if (!row) throw notFound();
    return {
      ...presentState(row, locale),
      history: await repository.statusHistory(db, row.iso3),
      ...(can(actor, 'network:participants_read') ? { representatives: await repository.representatives(db, row.iso3) } : {}),
    };
  }

  // The registry

  app.get('/api/v1/network/states', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: 'The States of the Network: members (they have an NMIRF) and observers, with each NMIRF\'s profile',
      querystring: localeQuery, response: { 200: z.object({ items: z.array(networkStateSchema) }), ...notModified },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    return { items: (await repository.listStates(db)).map((row) => presentState(row, locale)) };
  });

  app.get('/api/v1/network/states/:iso3', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: 'One State of the Network, with the history of its status; who acts for it, for the Network\'s participants',
      params: stateParams, querystring: localeQuery, response: { 200: networkStateDetailSchema, ...notModified, 404: errorSchema },
    },
  }, async (request) => stateDetail(request.params.iso3, request.actor, requestLocale(request)));

  app.patch('/api/v1/network/states/:iso3', {
    config: { permission: 'network:registry_manage' },
    schema: {
      tags, summary: "Edit a State's NMIRF profile", params: stateParams, querystring: localeQuery, body: profilePatchSchema,
      response: { 200: networkStateDetailSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await updateProfile(db, request.actor, request.params.iso3, request.body);
    return stateDetail(request.params.iso3, request.actor, requestLocale(request));
  });

  app.post('/api/v1/network/states/:iso3/status', {
    config: { permission: 'network:registry_manage' },
    schema: {
      tags, summary: "Change a State's status (an observer that creates an NMIRF becomes a member); kept in its history",
      params: stateParams, body: statusChangeInputSchema, response: { 204: z.null(), ...errors, ...conflict },
    },
  }, async (request, reply) => {
    await changeStatus(db, request.actor, request.params.iso3, request.body);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/network/states/:iso3/keys', {
    config: { permission: 'network:keys_manage' },
    schema: {
      tags, summary: "Register a State's new public key for its signed packages (a rotation: the key in use ends now and keeps verifying what it signed before), and its instance's address",
      params: stateParams, body: keyRegistrationSchema, response: { 200: z.object({ kid: z.string(), registered: z.boolean() }), ...errors },
    },
  }, async (request) => registerStateKey(db, request.actor, request.params.iso3, request.body, now));

  // Join requests

  app.post('/api/v1/network/join-requests', {
    config: { permission: 'network:join_request' },
    schema: {
      tags, summary: 'Ask for a State to join the Network (as member or observer)',
      description: `multipart/form-data: a \`request\` field holding the request in JSON (iso3, requested_status, requester_name, requester_email, requester_locale, focal_point_name, focal_point_email, declaration_adopted_on, profile), then the \`file\`: the formal communication, a PDF (checked on its bytes), at most ${Math.round(options.maxUploadBytes / 1024 / 1024)} MB. The Executive Committee decides; the requester is emailed.`,
      response: { 201: created, ...errors, ...conflict, 413: errorSchema },
    },
  }, async (request, reply) => {
    const locale = requestLocale(request);
    const { bytes, fileName, fields } = await readUploadedFile(request, options.maxUploadBytes, { fieldSize: REQUEST_FIELD_MAX });
    if (!fields.request) throw new HttpError(400, 'bad_request', 'network_request_field_missing');
    let json: unknown;
    try {
      json = JSON.parse(fields.request);
    } catch {
      throw new HttpError(400, 'bad_request', 'network_request_field_missing');
    }
    const parsed = joinRequestInputSchema.safeParse(json);
    if (!parsed.success) {
      throw new HttpError(400, 'bad_request', 'network_request_invalid', { detail: validationMessage(parsed.error.issues[0], joinRequestInputSchema, json, 'request', locale) });
    }
    const id = await submitJoinRequest(db, request.actor, parsed.data, { bytes, fileName }, deps);
    return reply.status(201).send({ id });
  });

  app.get('/api/v1/network/join-requests', {
    config: { permission: 'network:join_review' },
    schema: {
      tags, summary: 'The join requests, newest first', querystring: localeQuery.extend({ state: z.enum(JOIN_REQUEST_STATES).optional() }),
      response: { 200: z.object({ items: z.array(joinRequestSchema) }), ...errors },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    return { items: (await repository.listJoinRequests(db, request.query.state)).map((row) => presentJoinRequest(row, locale)) };
  });

  app.get('/api/v1/network/join-requests/:id', {
    config: { permission: 'network:join_review' },
    schema: { tags, summary: 'One join request', params: idParams, querystring: localeQuery, response: { 200: joinRequestSchema, ...errors } },
  }, async (request) => {
    const row = await repository.findJoinRequest(db, request.params.id);
    if (!row) throw notFound();
    return presentJoinRequest(row, requestLocale(request));
  });

  app.get('/api/v1/network/join-requests/:id/communication', {
    config: { permission: 'network:join_review' },
    schema: { tags, summary: 'The formal communication of a join request (PDF)', params: idParams, response: { 200: z.any(), ...errors } },
  }, async (request, reply) => {
    const row = await repository.findJoinRequest(db, request.params.id);
    if (!row) throw notFound();
    return sendEvidenceFile(reply, options.uploads, { stored_name: row.stored_name, media_type: 'application/pdf', size_bytes: row.size_bytes, file_name: row.file_name });
  });

  app.post('/api/v1/network/join-requests/:id/decision', {
    config: { permission: 'network:join_decide' },
    schema: {
      tags, summary: 'Decide a join request: approve (the registry changes, the focal point is invited), ask for more, or decline with a reason',
      params: idParams, querystring: localeQuery, body: joinDecisionSchema, response: { 200: joinRequestSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await decideJoinRequest(db, request.actor, request.params.id, request.body, deps);
    return presentJoinRequest((await repository.findJoinRequest(db, request.params.id))!, requestLocale(request));
  });

  // The Executive Committee

  app.get('/api/v1/network/committee', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: 'The Executive Committee\'s terms, newest first: seats, Coordinator, dates, whether expired, and the warnings due',
      querystring: localeQuery, response: { 200: z.object({ items: z.array(committeeTermSchema), rule: committeeRuleSchema }), ...notModified },
    },
  }, async (request) => {
    const adopted = await repository.committeeRule(db);
    return {
      items: await committeeTerms(db, options.today(), requestLocale(request)),
      rule: adopted ?? { ...(await currentRule(db)), proposal_id: null, version: 0 },
    };
  });

  app.put('/api/v1/network/committee-rule', {
    config: { permission: 'network:committee_manage' },
    schema: {
      tags, summary: "Record the composition rule the Network adopted by decision (seats, seats per UN regional group); later appointments follow it",
      body: committeeRuleInputSchema, response: { 200: committeeRuleSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await changeCommitteeRule(db, request.actor, request.body);
    return (await repository.committeeRule(db))!;
  });

  app.post('/api/v1/network/committee', {
    config: { permission: 'network:committee_manage' },
    schema: {
      tags, summary: 'Record an appointment of the Executive Committee made at a Network meeting (refused, naming the rule, when it breaks one)',
      body: committeeTermInputSchema, response: { 201: created, ...errors, 400: errorSchema.extend({ problems: z.array(z.record(z.string(), z.unknown())).optional() }) },
    },
  }, async (request, reply) => {
    const id = await appointCommittee(db, request.actor, request.body, requestLocale(request));
    return reply.status(201).send({ id });
  });

  // Meetings

  app.get('/api/v1/network/meetings', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: 'The Network\'s meetings, newest first (for the public: those whose agenda was sent), and the years with none',
      querystring: localeQuery, response: { 200: meetingListSchema, ...notModified },
    },
  }, async (request) => {
    const all = await repository.listMeetings(db, false);
    const visible = can(request.actor, 'network:meeting_read') ? all : all.filter((meeting) => meeting.agenda_sent_on);
    const year = Number(options.today().slice(0, 4));
    const first = all.length ? Math.min(...all.map((meeting) => Number(meeting.meets_on.slice(0, 4)))) : year;
    return {
      items: visible.map((meeting) => ({ ...meeting, agenda_deadline: agendaDeadline(meeting.meets_on) })),
      years_without_meeting: yearsWithoutMeeting(all.map((meeting) => meeting.meets_on), Math.min(first, year), year + 1),
    };
  });

  app.get('/api/v1/network/meetings/:id', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: 'A meeting: agenda, attendance, proposals and their outcome', params: idParams, querystring: localeQuery,
      response: { 200: meetingSchema, ...notModified, 404: errorSchema },
    },
  }, async (request) => meetingDetail(request.params.id, request.actor));

  app.post('/api/v1/network/meetings', {
    config: { permission: 'network:meeting_manage' },
    schema: { tags, summary: 'Plan a meeting of the Network', body: meetingInputSchema, response: { 201: meetingSchema, ...errors } },
  }, async (request, reply) => {
    const id = await createMeeting(db, request.actor, request.body);
    return reply.status(201).send(await meetingDetail(id, request.actor));
  });

  app.patch('/api/v1/network/meetings/:id', {
    config: { permission: 'network:meeting_manage' },
    schema: { tags, summary: "Change a meeting's title, date, place or link", params: idParams, body: meetingPatchSchema, response: { 200: meetingSchema, ...errors, ...conflict } },
  }, async (request) => {
    await updateMeeting(db, request.actor, request.params.id, request.body);
    return meetingDetail(request.params.id, request.actor);
  });

  app.post('/api/v1/network/meetings/:id/agenda-items', {
    config: { permission: 'network:meeting_manage' },
    schema: { tags, summary: 'Add an item to the agenda (before it is sent)', params: idParams, body: agendaItemInputSchema, response: { 201: created, ...errors, ...conflict } },
  }, async (request, reply) => reply.status(201).send({ id: await addAgendaItem(db, request.actor, request.params.id, request.body) }));

  app.post('/api/v1/network/agenda-items/:id/documents', {
    config: { permission: 'network:meeting_manage' },
    schema: {
      tags, summary: 'Attach a document to an agenda item (public once the agenda is sent)',
      description: `multipart/form-data with one \`file\`: a PDF, an office document or an image, checked on its bytes, at most ${Math.round(options.maxUploadBytes / 1024 / 1024)} MB.`,
      params: idParams, response: { 201: created, ...errors, 413: errorSchema },
    },
  }, async (request, reply) => {
    const { bytes, fileName } = await readUploadedFile(request, options.maxUploadBytes);
    return reply.status(201).send({ id: await addAgendaDocument(db, request.actor, request.params.id, { bytes, fileName }, options.uploads) });
  });

  app.get('/api/v1/network/agenda-documents/:id', {
    config: { public: true },
    schema: {
      tags, summary: 'Download a document of an agenda item',
      description: "Public once the meeting's agenda is sent; before that, for the Network's participants. Served as an attachment with the type found in its bytes.",
      params: idParams, response: { 200: z.any(), 404: errorSchema },
    },
  }, async (request, reply) => {
    const document = await repository.findAgendaDocument(db, request.params.id);
    if (!document || (!document.agenda_sent_on && !can(request.actor, 'network:meeting_read'))) throw notFound();
    return sendEvidenceFile(reply, options.uploads, document);
  });

  app.post('/api/v1/network/meetings/:id/send-agenda', {
    config: { permission: 'network:meeting_manage' },
    schema: {
      tags, summary: "Send the agenda to every member's focal point and deputy and every observer's representative; records the day",
      params: idParams, response: { 200: agendaSentSchema, ...errors, ...conflict },
    },
  }, async (request) => sendAgenda(db, request.actor, request.params.id, deps));

  app.post('/api/v1/network/meetings/:id/status', {
    config: { permission: 'network:meeting_manage' },
    schema: {
      tags, summary: 'Confirm or hold a meeting: refused, with the earliest valid date, unless its agenda was sent one calendar month before',
      params: idParams, body: meetingStatusSchema, response: { 200: meetingSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await setMeetingStatus(db, request.actor, request.params.id, request.body, deps);
    return meetingDetail(request.params.id, request.actor);
  });

  app.put('/api/v1/network/meetings/:id/attendance', {
    config: { permission: 'network:meeting_manage' },
    schema: {
      tags, summary: 'Record who is present (members and observers); whether each focal point attended decides who casts its vote',
      params: idParams, body: attendanceInputSchema, response: { 200: meetingSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await recordAttendance(db, request.actor, request.params.id, request.body);
    return meetingDetail(request.params.id, request.actor);
  });

  // Minutes

  app.get('/api/v1/network/meetings/:id/minutes', {
    config: { permission: 'network:meeting_read' },
    schema: { tags, summary: 'Every version of the minutes of a meeting, oldest first, with its state', params: idParams, response: { 200: minutesListSchema, ...errors } },
  }, async (request) => {
    if (!(await repository.findMeeting(db, request.params.id))) throw notFound('network_meeting_not_found');
    return { versions: (await repository.minutesOf(db, request.params.id)).map(presentMinutes) };
  });

  app.post('/api/v1/network/meetings/:id/minutes', {
    config: { permission: 'network:minutes_manage' },
    schema: {
      tags, summary: 'Draft the minutes: a new version (`number`: the latest version one started from, 0 for the first)',
      params: idParams, body: minutesDraftSchema, response: { 201: z.object({ number: z.number().int() }), ...errors, ...conflict },
    },
  }, async (request, reply) => reply.status(201).send({ number: await draftMinutes(db, request.actor, request.params.id, request.body) }));

  for (const [path, step, permission, summary] of [
    ['circulate', 'circulated', 'network:minutes_manage', 'Circulate the latest draft to the focal points and deputies of the members present'],
    ['approve', 'approved', 'network:meeting_chair', 'Record the approval of the circulated minutes; an amended text becomes a new version, approved'],
    ['publish', 'published', 'network:minutes_manage', 'Publish the approved minutes'],
  ] as const) {
    app.post(`/api/v1/network/meetings/:id/minutes/${path}`, {
      config: { permission },
      schema: { tags, summary, params: idParams, body: minutesStepSchema, response: { 200: z.object({ number: z.number().int() }), ...errors, ...conflict } },
    }, async (request) => ({ number: await advanceMinutes(db, request.actor, request.params.id, step, request.body, deps) }));
  }

  // Proposals and decisions

  app.post('/api/v1/network/agenda-items/:id/proposals', {
    config: { permission: 'network:meeting_manage' },
    schema: { tags, summary: 'Put a proposal on an agenda item', params: idParams, body: proposalInputSchema, response: { 201: created, ...errors } },
  }, async (request, reply) => reply.status(201).send({ id: await addProposal(db, request.actor, request.params.id, request.body) }));

  app.post('/api/v1/network/proposals/:id/consensus', {
    config: { permission: 'network:meeting_chair' },
    schema: {
      tags, summary: 'Record the outcome of seeking consensus: no objection adopts the proposal; objections open the vote',
      params: idParams, body: consensusInputSchema, response: { 204: z.null(), ...errors, ...conflict },
    },
  }, async (request, reply) => {
    await seekConsensus(db, request.actor, request.params.id, request.body, now);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/network/proposals/:id/votes', {
    config: { permission: 'network:vote' },
    schema: {
      tags, summary: "Cast or change the vote of one's State (focal point, or deputy when the focal point is absent) while the vote is open",
      params: idParams, body: voteInputSchema,
      response: { 200: z.object({ iso3: z.string(), vote: z.string(), cast_by: z.string() }), ...errors, ...conflict },
    },
  }, async (request) => castVote(db, request.actor, request.params.id, request.body));

  app.post('/api/v1/network/proposals/:id/close', {
    config: { permission: 'network:meeting_chair' },
    schema: {
      tags, summary: 'Close the vote: the outcome is computed by simple majority of the members present and voting, and the decision record published',
      params: idParams, body: z.object({ version: z.number().int().positive() }), response: { 200: decisionRecordSchema, ...errors, ...conflict },
    },
  }, async (request) => {
    await closeVote(db, request.actor, request.params.id, request.body, now);
    return (await repository.findProposal(db, request.params.id))!.record as z.infer<typeof decisionRecordSchema>;
  });

  app.get('/api/v1/network/decisions/:id', {
    config: { public: true, publicCache: 'published' },
    schema: {
      tags, summary: 'The decision record of a proposal (JSON, with the SHA-256 of its canonical form): `npm run verify:decision -- FILE` recomputes it',
      params: idParams, response: { 200: decisionRecordSchema, ...notModified, 404: errorSchema },
    },
  }, async (request) => {
    const proposal = await repository.findProposal(db, request.params.id);
    if (!proposal?.record) throw notFound('network_proposal_not_found');
    return proposal.record as z.infer<typeof decisionRecordSchema>;
  });

  // The knowledge hub and the cooperation board (knowledge.routes.ts)
  await app.register(knowledgeRoutes(database, { uploads: options.uploads, maxUploadBytes: options.maxUploadBytes, publicUrl: options.publicUrl, now }));
};
