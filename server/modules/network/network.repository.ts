/** SQL of the Network's hub: registry, roles, join requests, the Committee, meetings, proposals and votes. */
import type pg from 'pg';
import type { LocalizedText } from '../../db/schema/reference';
import type { NetworkRole } from '../../../shared/network/roles';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface StateRow {
  iso3: string;
  name: LocalizedText;
  un_regional_group: string | null;
  status: 'member' | 'observer';
  founding: boolean;
  joined_on: string;
  declaration_adopted_on: string | null;
  nmirf_name: Record<string, string>;
  nmirf_type: 'ministerial' | 'inter_ministerial' | 'parliamentary' | 'institutionally_separate' | null;
  legal_basis: string;
  coordinating_ministries: string[];
  website: string | null;
  tracking_system: string;
  version: number;
}

const STATE_COLUMNS = `s.iso3, c.name, c.un_regional_group, s.status, s.founding, s.joined_on::text, s.declaration_adopted_on::text,
  s.nmirf_name, s.nmirf_type, s.legal_basis, s.coordinating_ministries, s.website, s.tracking_system, s.version`;

export async function listStates(q: Queryable): Promise<StateRow[]> {
  const { rows } = await q.query<StateRow>(`select ${STATE_COLUMNS} from network_state s join country c on c.iso3 = s.iso3 order by s.iso3`);
  return rows;
}

export async function findState(q: Queryable, iso3: string, lock = false): Promise<StateRow | null> {
  const { rows } = await q.query<StateRow>(
    `select ${STATE_COLUMNS} from network_state s join country c on c.iso3 = s.iso3 where s.iso3 = $1${lock ? ' for update of s' : ''}`, [iso3]);
  return rows[0] ?? null;
}

export async function findCountry(q: Queryable, iso3: string): Promise<{ iso3: string; name: LocalizedText; un_member: boolean; un_regional_group: string | null } | null> {
  const { rows } = await q.query('select iso3, name, un_member, un_regional_group from country where iso3 = $1', [iso3]);
  return rows[0] ?? null;
}

export async function statusHistory(q: Queryable, iso3: string) {
  const { rows } = await q.query<{ from_status: 'member' | 'observer' | null; to_status: 'member' | 'observer'; changed_on: string; reason: string }>(
    `select from_status, to_status, changed_on::text, reason from network_status_change where iso3 = $1 order by changed_on, id`, [iso3]);
  return rows;
}

export async function representatives(q: Queryable, iso3: string) {
  const { rows } = await q.query<{ role: string; display_name: string; email: string }>(
    `select r.role, u.display_name, u.email from network_role r join app_user u on u.id = r.user_id
     where r.iso3 = $1 and u.active order by r.role, u.display_name`, [iso3]);
  return rows;
}

export interface NewState {
  iso3: string; status: 'member' | 'observer'; founding: boolean; joinedOn: string; declarationAdoptedOn: string | null;
  profile: Partial<{ nmirf_name: Record<string, string>; nmirf_type: string | null; legal_basis: string; coordinating_ministries: string[]; website: string | null; tracking_system: string }>;
}

export async function insertState(q: Queryable, state: NewState): Promise<void> {
  const p = state.profile;
  await q.query(
    `insert into network_state (iso3, status, founding, joined_on, declaration_adopted_on, nmirf_name, nmirf_type, legal_basis,
       coordinating_ministries, website, tracking_system)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [state.iso3, state.status, state.founding, state.joinedOn, state.declarationAdoptedOn, JSON.stringify(p.nmirf_name ?? {}),
      p.nmirf_type ?? null, p.legal_basis ?? '', JSON.stringify(p.coordinating_ministries ?? []), p.website ?? null, p.tracking_system ?? ''],
  );
}

export async function insertStatusChange(q: Queryable, change: {
  iso3: string; from: string | null; to: string; on: string; reason: string; joinRequestId?: number | null; by?: number | null;
}): Promise<void> {
  await q.query(
    `insert into network_status_change (iso3, from_status, to_status, changed_on, reason, join_request_id, changed_by) values ($1, $2, $3, $4, $5, $6, $7)`,
    [change.iso3, change.from, change.to, change.on, change.reason, change.joinRequestId ?? null, change.by ?? null]);
}

export async function updateState(q: Queryable, iso3: string, fields: Record<string, unknown>): Promise<void> {
  const jsonColumns = new Set(['nmirf_name', 'coordinating_ministries']);
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  await q.query(`update network_state set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} where iso3 = $1`,
    [iso3, ...entries.map(([column, value]) => (jsonColumns.has(column) ? JSON.stringify(value) : value))]);
}

export async function grantRole(q: Queryable, userId: number, role: NetworkRole, iso3: string | null): Promise<void> {
  await q.query('insert into network_role (user_id, role, iso3) values ($1, $2, $3) on conflict do nothing', [userId, role, iso3]);
}

/** The roles of a State's people after its status changed; returns what moved (user and new role). */
export async function moveRepresentatives(q: Queryable, iso3: string, status: 'member' | 'observer') {
  if (status === 'member') {
    const { rows } = await q.query<{ user_id: number; role: string }>(
      `update network_role set role = 'state_focal_point' where id = (select id from network_role where iso3 = $1 and role = 'observer_representative' order by id limit 1)
         and not exists (select 1 from network_role where iso3 = $1 and role = 'state_focal_point')
       returning user_id, role`, [iso3]);
    return rows;
  }
  const ended = await q.query<{ user_id: number; role: string }>(`delete from network_role where iso3 = $1 and role = 'state_deputy' returning user_id, 'ended:state_deputy' as role`, [iso3]);
  const moved = await q.query<{ user_id: number; role: string }>(
    `update network_role set role = 'observer_representative' where iso3 = $1 and role = 'state_focal_point' returning user_id, role`, [iso3]);
  return [...moved.rows, ...ended.rows];
}

/** The States the person is focal point or deputy of. */
export async function votingRolesOf(q: Queryable, userId: number) {
  const { rows } = await q.query<{ iso3: string; role: 'state_focal_point' | 'state_deputy' }>(
    `select iso3, role from network_role where user_id = $1 and role in ('state_focal_point', 'state_deputy') order by iso3`, [userId]);
  return rows;
}

/** Addresses of the people who hold one of `roles` (active accounts), with their language. */
export async function peopleWithRoles(q: Queryable, roles: NetworkRole[]) {
  const { rows } = await q.query<{ user_id: number; email: string; display_name: string; locale: string; role: NetworkRole; iso3: string | null; status: 'member' | 'observer' | null }>(
    `select u.id as user_id, u.email, u.display_name, u.locale, r.role, r.iso3, s.status
     from network_role r join app_user u on u.id = r.user_id left join network_state s on s.iso3 = r.iso3
     where r.role = any($1) and u.active order by r.iso3 nulls first, r.role, u.id`, [roles]);
  return rows;
}

// Join requests

export interface JoinRequestRow {
  id: number; iso3: string; state_name: LocalizedText; requested_status: 'member' | 'observer'; requester_name: string; requester_email: string;
  requester_locale: string; focal_point_name: string; focal_point_email: string; declaration_adopted_on: string; profile: Record<string, unknown>;
  stored_name: string; file_name: string; size_bytes: number; sha256: string;
  instance_url: string | null; public_key: Record<string, unknown> | null;
  state: 'submitted' | 'more_information_requested' | 'approved' | 'declined'; decision_reason: string | null; decided_at: Date | null;
  created_at: Date; version: number;
}

const JOIN_COLUMNS = `j.id, j.iso3, c.name as state_name, j.requested_status, j.requester_name, j.requester_email, j.requester_locale,
  j.focal_point_name, j.focal_point_email, j.declaration_adopted_on::text, j.profile, j.stored_name, j.file_name, j.size_bytes, j.sha256,
  j.instance_url, j.public_key, j.state, j.decision_reason, j.decided_at, j.created_at, j.version`;

export async function insertJoinRequest(q: Queryable, row: Omit<JoinRequestRow, 'id' | 'state_name' | 'state' | 'decision_reason' | 'decided_at' | 'created_at' | 'version'>): Promise<number> {
  const { rows } = await q.query(
    `insert into network_join_request (iso3, requested_status, requester_name, requester_email, requester_locale, focal_point_name, focal_point_email,
       declaration_adopted_on, profile, stored_name, file_name, size_bytes, sha256, instance_url, public_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
    [row.iso3, row.requested_status, row.requester_name, row.requester_email, row.requester_locale, row.focal_point_name, row.focal_point_email,
      row.declaration_adopted_on, JSON.stringify(row.profile), row.stored_name, row.file_name, row.size_bytes, row.sha256,
      row.instance_url, row.public_key ? JSON.stringify(row.public_key) : null]);
  return rows[0].id;
}

/** A request of the State waiting for the Committee (one asked for more is answered by a new request). */
export async function openJoinRequestOf(q: Queryable, iso3: string): Promise<number | null> {
  const { rows } = await q.query(`select id from network_join_request where iso3 = $1 and state = 'submitted' limit 1`, [iso3]);
  return rows[0]?.id ?? null;
}

export async function listJoinRequests(q: Queryable, state: string | undefined): Promise<JoinRequestRow[]> {
  const { rows } = await q.query<JoinRequestRow>(
    `select ${JOIN_COLUMNS} from network_join_request j join country c on c.iso3 = j.iso3 where $1::text is null or j.state = $1 order by j.id desc limit 500`,
    [state ?? null]);
  return rows;
}

export async function findJoinRequest(q: Queryable, id: number, lock = false): Promise<JoinRequestRow | null> {
  const { rows } = await q.query<JoinRequestRow>(
    `select ${JOIN_COLUMNS} from network_join_request j join country c on c.iso3 = j.iso3 where j.id = $1${lock ? ' for update of j' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function decideJoinRequest(q: Queryable, id: number, state: string, reason: string | null, userId: number, at: Date): Promise<void> {
  await q.query(
    `update network_join_request set state = $2, decision_reason = $3, decided_by = $4, decided_at = $5, version = version + 1, updated_at = $5 where id = $1`,
    [id, state, reason, userId, at]);
}

// The Executive Committee

export interface TermRow {
  id: number; meeting_id: number; proposal_id: number | null; starts_on: string; ends_on: string; seats: string[]; coordinator: string;
}

export async function listTerms(q: Queryable): Promise<TermRow[]> {
  const { rows } = await q.query<TermRow>(
    `select id, meeting_id, proposal_id, starts_on::text, ends_on::text, seats, coordinator from network_committee_term order by starts_on desc, id desc`);
  return rows;
}

export async function insertTerm(q: Queryable, term: Omit<TermRow, 'id'> & { rule: object }): Promise<number> {
  const { rows } = await q.query(
    `insert into network_committee_term (meeting_id, proposal_id, starts_on, ends_on, seats, coordinator, rule) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [term.meeting_id, term.proposal_id, term.starts_on, term.ends_on, JSON.stringify(term.seats), term.coordinator, JSON.stringify(term.rule)]);
  return rows[0].id;
}

export async function countryNames(q: Queryable, codes: string[]) {
  const { rows } = await q.query<{ iso3: string; name: LocalizedText; un_regional_group: string | null }>(
    'select iso3, name, un_regional_group from country where iso3 = any($1)', [codes]);
  return new Map(rows.map((row) => [row.iso3, row]));
}

/** The rule adopted by the Network, or null (the Declaration's default applies). */
export async function committeeRule(q: Queryable): Promise<{ min_seats: number; max_seats: number; max_seats_per_region: number; proposal_id: number; version: number } | null> {
  const { rows } = await q.query('select min_seats, max_seats, max_seats_per_region, proposal_id, version from network_committee_rule where id = 1');
  return rows[0] ?? null;
}

export async function saveCommitteeRule(q: Queryable, rule: { min_seats: number; max_seats: number; max_seats_per_region: number; proposal_id: number }): Promise<void> {
  await q.query(
    `insert into network_committee_rule (id, min_seats, max_seats, max_seats_per_region, proposal_id) values (1, $1, $2, $3, $4)
     on conflict (id) do update set min_seats = excluded.min_seats, max_seats = excluded.max_seats, max_seats_per_region = excluded.max_seats_per_region,
       proposal_id = excluded.proposal_id, version = network_committee_rule.version + 1, updated_at = now()`,
    [rule.min_seats, rule.max_seats, rule.max_seats_per_region, rule.proposal_id]);
}

// Meetings

export interface MeetingRow {
  id: number; title: string; meets_on: string; place: string; online_link: string | null; status: 'planned' | 'confirmed' | 'held';
  agenda_sent_on: string | null; version: number;
}

const MEETING_COLUMNS = 'id, title, meets_on::text, place, online_link, status, agenda_sent_on::text, version';

export async function listMeetings(q: Queryable, onlyAgendaSent: boolean): Promise<MeetingRow[]> {
  const { rows } = await q.query<MeetingRow>(
    `select ${MEETING_COLUMNS} from network_meeting where not $1 or agenda_sent_on is not null order by meets_on desc, id desc`, [onlyAgendaSent]);
  return rows;
}

export async function findMeeting(q: Queryable, id: number, lock = false): Promise<MeetingRow | null> {
  const { rows } = await q.query<MeetingRow>(`select ${MEETING_COLUMNS} from network_meeting where id = $1${lock ? ' for update' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function insertMeeting(q: Queryable, m: { title: string; meets_on: string; place: string; online_link: string | null }): Promise<number> {
  const { rows } = await q.query('insert into network_meeting (title, meets_on, place, online_link) values ($1, $2, $3, $4) returning id',
    [m.title, m.meets_on, m.place, m.online_link]);
  return rows[0].id;
}

export async function updateMeeting(q: Queryable, id: number, fields: Record<string, unknown>): Promise<void> {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  await q.query(`update network_meeting set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} where id = $1`,
    [id, ...entries.map(([, value]) => value)]);
}

export async function agendaItems(q: Queryable, meetingId: number) {
  const { rows } = await q.query<{ id: number; position: number; title: string; description: string }>(
    'select id, position, title, description from network_agenda_item where meeting_id = $1 order by position, id', [meetingId]);
  return rows;
}

export async function insertAgendaItem(q: Queryable, meetingId: number, item: { title: string; description: string }): Promise<number> {
  const { rows } = await q.query(
    `insert into network_agenda_item (meeting_id, position, title, description)
     values ($1, (select coalesce(max(position), 0) + 1 from network_agenda_item where meeting_id = $1), $2, $3) returning id`,
    [meetingId, item.title, item.description]);
  return rows[0].id;
}

export async function findAgendaItem(q: Queryable, id: number) {
  const { rows } = await q.query<{ id: number; meeting_id: number; title: string }>('select id, meeting_id, title from network_agenda_item where id = $1', [id]);
  return rows[0] ?? null;
}

export async function attendance(q: Queryable, meetingId: number) {
  const { rows } = await q.query<{ iso3: string; status: 'member' | 'observer'; focal_point_present: boolean }>(
    'select iso3, status, focal_point_present from network_attendance where meeting_id = $1 order by iso3', [meetingId]);
  return rows;
}

export async function replaceAttendance(q: Queryable, meetingId: number, present: { iso3: string; status: string; focal_point_present: boolean }[]): Promise<void> {
  await q.query('delete from network_attendance where meeting_id = $1', [meetingId]);
  for (const row of present) {
    await q.query('insert into network_attendance (meeting_id, iso3, status, focal_point_present) values ($1, $2, $3, $4)',
      [meetingId, row.iso3, row.status, row.focal_point_present]);
  }
}

// Proposals and votes

export interface ProposalRow {
  id: number; agenda_item_id: number; meeting_id: number; text: string; state: 'open' | 'voting' | 'decided'; objections: string[];
  record: unknown; sha256: string | null; outcome: 'adopted' | 'not_adopted' | null; version: number;
}

const PROPOSAL_COLUMNS = 'p.id, p.agenda_item_id, i.meeting_id, p.text, p.state, p.objections, p.record, p.sha256, p.outcome, p.version';

export async function proposalsOfMeeting(q: Queryable, meetingId: number): Promise<ProposalRow[]> {
  const { rows } = await q.query<ProposalRow>(
    `select ${PROPOSAL_COLUMNS} from network_proposal p join network_agenda_item i on i.id = p.agenda_item_id where i.meeting_id = $1 order by p.id`, [meetingId]);
  return rows;
}

export async function findProposal(q: Queryable, id: number, lock = false): Promise<ProposalRow | null> {
  const { rows } = await q.query<ProposalRow>(
    `select ${PROPOSAL_COLUMNS} from network_proposal p join network_agenda_item i on i.id = p.agenda_item_id where p.id = $1${lock ? ' for update of p' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function insertProposal(q: Queryable, agendaItemId: number, text: string): Promise<number> {
  const { rows } = await q.query('insert into network_proposal (agenda_item_id, text) values ($1, $2) returning id', [agendaItemId, text]);
  return rows[0].id;
}

export async function updateProposal(q: Queryable, id: number, fields: Record<string, unknown>): Promise<void> {
  const jsonColumns = new Set(['objections', 'record']);
  const entries = Object.entries(fields);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  await q.query(`update network_proposal set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} where id = $1`,
    [id, ...entries.map(([column, value]) => (jsonColumns.has(column) ? JSON.stringify(value) : value))]);
}

export async function votesOf(q: Queryable, proposalIds: number[]) {
  const { rows } = await q.query<{ proposal_id: number; iso3: string; vote: 'yes' | 'no' | 'abstain'; cast_by: 'focal_point' | 'deputy' }>(
    'select proposal_id, iso3, vote, cast_by from network_vote where proposal_id = any($1) order by iso3', [proposalIds]);
  return rows;
}

export async function findVote(q: Queryable, proposalId: number, iso3: string) {
  const { rows } = await q.query<{ vote: string; cast_by: string }>('select vote, cast_by from network_vote where proposal_id = $1 and iso3 = $2', [proposalId, iso3]);
  return rows[0] ?? null;
}

export async function upsertVote(q: Queryable, v: { proposalId: number; iso3: string; vote: string; castBy: string; userId: number }): Promise<void> {
  await q.query(
    `insert into network_vote (proposal_id, iso3, vote, cast_by, cast_by_user) values ($1, $2, $3, $4, $5)
     on conflict (proposal_id, iso3) do update set vote = excluded.vote, cast_by = excluded.cast_by, cast_by_user = excluded.cast_by_user, updated_at = now()`,
    [v.proposalId, v.iso3, v.vote, v.castBy, v.userId]);
}

// Minutes

export interface MinutesRow {
  id: number; number: number; text: string; state: 'draft' | 'circulated' | 'approved' | 'published'; amendments: string | null; created_at: Date;
}

export async function minutesOf(q: Queryable, meetingId: number): Promise<MinutesRow[]> {
  const { rows } = await q.query<MinutesRow>(
    'select id, number, text, state, amendments, created_at from network_minutes where meeting_id = $1 order by number', [meetingId]);
  return rows;
}

export async function insertMinutes(q: Queryable, m: { meetingId: number; number: number; text: string; state: string; amendments: string | null; userId: number }): Promise<number> {
  const { rows } = await q.query(
    'insert into network_minutes (meeting_id, number, text, state, amendments, created_by) values ($1, $2, $3, $4, $5, $6) returning id',
    [m.meetingId, m.number, m.text, m.state, m.amendments, m.userId]);
  return rows[0].id;
}

export async function setMinutesState(q: Queryable, id: number, state: string, amendments: string | null): Promise<void> {
  await q.query('update network_minutes set state = $2, amendments = $3, updated_at = now() where id = $1', [id, state, amendments]);
}

export interface AgendaDocumentRow {
  id: number; agenda_item_id: number; stored_name: string; file_name: string; media_type: string; size_bytes: number; sha256: string;
}
const DOCUMENT_COLUMNS = 'd.id, d.agenda_item_id, d.stored_name, d.file_name, d.media_type, d.size_bytes, d.sha256';

export async function insertAgendaDocument(
  q: Queryable, document: Omit<AgendaDocumentRow, 'id'> & { created_by: number },
): Promise<number> {
  const { rows } = await q.query(
    `insert into network_agenda_document (agenda_item_id, stored_name, file_name, media_type, size_bytes, sha256, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [document.agenda_item_id, document.stored_name, document.file_name, document.media_type, document.size_bytes, document.sha256, document.created_by]);
  return rows[0].id;
}

/** The documents of a meeting's agenda items, in the order they were attached. */
export async function agendaDocumentsOfMeeting(q: Queryable, meetingId: number): Promise<AgendaDocumentRow[]> {
  const { rows } = await q.query<AgendaDocumentRow>(
    `select ${DOCUMENT_COLUMNS} from network_agenda_document d join network_agenda_item i on i.id = d.agenda_item_id
     where i.meeting_id = $1 order by d.id`, [meetingId]);
  return rows;
}

/** One document, with the day its meeting's agenda was sent (null: not yet, so not public). */
export async function findAgendaDocument(q: Queryable, id: number): Promise<(AgendaDocumentRow & { agenda_sent_on: string | null }) | null> {
  const { rows } = await q.query<AgendaDocumentRow & { agenda_sent_on: string | null }>(
    `select ${DOCUMENT_COLUMNS}, m.agenda_sent_on::text as agenda_sent_on from network_agenda_document d
     join network_agenda_item i on i.id = d.agenda_item_id join network_meeting m on m.id = i.meeting_id where d.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Federation: where a State's instance publishes. */
export async function upsertInstance(q: Queryable, iso3: string, baseUrl: string, joinRequestId: number | null): Promise<void> {
  await q.query(`insert into network_instance (iso3, base_url, join_request_id) values ($1, $2, $3)
    on conflict (iso3) do update set base_url = excluded.base_url`, [iso3, baseUrl, joinRequestId]);
}

/**
 * Federation: registers a State's public key from `at` on; the State's keys still valid end at `at` (a rotation),
 * and keep verifying what they signed before. The same key again changes nothing.
 */
export async function registerKey(q: Queryable, key: { kid: string; iso3: string; jwk: Record<string, unknown>; source: 'join_request' | 'rotation'; by: number; at: Date }): Promise<boolean> {
  const { rows } = await q.query('select iso3 from network_key where kid = $1', [key.kid]);
  if (rows.length) return false;
  await q.query('update network_key set valid_until = $2 where iso3 = $1 and valid_until is null', [key.iso3, key.at]);
  await q.query('insert into network_key (kid, iso3, jwk, valid_from, source, approved_by) values ($1, $2, $3, $4, $5, $6)',
    [key.kid, key.iso3, JSON.stringify(key.jwk), key.at, key.source, key.by]);
  return true;
}
