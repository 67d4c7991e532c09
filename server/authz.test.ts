/**
 * Authorization, generated from the permissions table: every role (and a
 * visitor) against every API endpoint, asserting the exact status, and that
 * each refused write leaves the database unchanged.
 *
 * The expected outcome is worked out here from shared/permissions.ts
 * directly (not through the policy code under test). An endpoint added to the
 * app without a case below makes this test fail.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublic, PERMISSIONS, type Action, type Role, type Scope } from '../shared/permissions';
import { canView, type ActionState } from '../shared/workflows/action-review';
import { buildApp } from './app';
import { generateInstanceKeys } from './modules/federation/package-signature';
import { readConfig } from './platform/config';
import type { Database } from './platform/db/database';
import { importRecommendations } from './modules/recommendations/use-cases/import-recommendations';
import { connectTestDatabase } from './test/database';
import { storeSmallModel } from './test/suggestion-model';
import { as, createInstitution, createOrganisation, createPerson, resetPeople, signInRoles, type Session } from './test/people';
import { NETWORK_ROLES } from '../shared/network/roles';
import type { MembershipRole } from './db/schema/people';

let db: Database;
let app: FastifyInstance;
let home: number; // the institution where institution roles are held
let other: number; // another institution
const users: Record<string, number> = {};
const sessions: Record<string, Session | null> = {};

/** The people the matrix runs through: each holds one role (focal points at `home`). */
const PEOPLE = [
  { key: 'visitor', role: 'anonymous' as Role },
  { key: 'signed-in', role: 'authenticated' as Role },
  { key: 'focal point', role: 'focal_point' as Role },
  { key: 'alternate', role: 'alternate_focal_point' as Role },
  { key: 'validator', role: 'validator' as Role },
  { key: 'secretariat', role: 'secretariat' as Role },
  { key: 'administrator', role: 'administrator' as Role },
  { key: 'organisation member', role: 'organisation_member' as Role },
  // The Network's hub: State roles held for PRY (the deputy for ARG, whose focal point is absent at the meetings below).
  { key: 'hub secretariat', role: 'hub_secretariat' as Role },
  { key: 'committee member', role: 'committee_member' as Role },
  { key: 'coordinator', role: 'coordinator' as Role },
  { key: 'state focal point', role: 'state_focal_point' as Role },
  { key: 'state deputy', role: 'state_deputy' as Role },
  { key: 'observer representative', role: 'observer_representative' as Role },
  { key: 'partner', role: 'partner' as Role },
];
const NETWORK_PEOPLE = new Set<Role>(NETWORK_ROLES);

interface Case {
  /** The record the request is about, for per-record scopes. */
  record: () => { institutionId?: number; userId?: number; organisationId?: number };
  /** Builds the request afresh (writes need fresh targets). */
  request: () => Promise<{ url: string; payload?: object }>;
  success: number;
  /**
   * For records some people may not know exist (action reports outside their
   * validation chain): who may see it, from shared/workflows/action-review.ts.
   * The others get 404 (after 401 for a visitor on a protected action).
   */
  visibleTo?: (person: typeof PEOPLE[number]) => boolean;
}

/** The memberships a person of PEOPLE holds (institution roles at `home`). */
function membershipsOf(person: typeof PEOPLE[number]) {
  if (person.role === 'anonymous' || person.role === 'authenticated' || person.role === 'organisation_member' || NETWORK_PEOPLE.has(person.role)) return [];
  return [{ role: person.role as MembershipRole, institutionId: person.role === 'secretariat' || person.role === 'administrator' ? null : home }];
}
const seenIn = (state: ActionState) => (person: typeof PEOPLE[number]) => canView({ roles: membershipsOf(person) }, { state, institutionId: home });

/** A report of `home` in `state`, written straight to the database, answering the assigned recommendation. */
async function actionIn(state: ActionState): Promise<number> {
  const { rows } = await db.pool.query(
    `with report as (
       insert into action_report (institution_id, state, action_type, reach, title, original_language)
       values ($1, $2, 'training', 'structural', '{"es":"Capacitación"}', 'es') returning id
     ), link as (insert into action_recommendation (action_id, recommendation_id) select id, $3 from report)
     select id from report`, [home, state, assignedRecommendation]);
  return rows[0].id;
}
let assignedRecommendation: number;
let suggestionModel: number; // a stored suggestion model (SDG goals)
/** A fresh report draft (version 1, one section `intro`) selecting the assigned recommendation. */
async function draftOf(): Promise<number> {
  const { rows } = await db.pool.query(
    `with draft as (insert into report_draft (template, title, language, grouping, selection) values ('custom', 'Draft', 'es', 'paragraph', $1) returning id),
     section as (insert into report_section (draft_id, key, position, heading, generated_text) select id, 'intro', 0, 'Introducción', '' from draft)
     select id from draft`, [JSON.stringify({ recommendation_ids: [assignedRecommendation] })]);
  return Number(rows[0].id);
}

/** A fresh empty cluster for reports (version 1). */
async function clusterOf(): Promise<number> {
  const { rows } = await db.pool.query(`insert into report_cluster (name, position) values ('{"en":"Cluster"}', 1000) returning id`);
  return Number(rows[0].id);
}

/** A fresh cluster whose member shares a theme with the treaty-body recommendation, which is left unclustered: the cluster is suggested for it. */
async function suggestedCluster(): Promise<{ cluster: number; recommendation: number }> {
  const unclustered = await treatyBodyRecommendation();
  const cluster = await clusterOf();
  const theme = (await db.pool.query(`select id from vocabulary_term where vocabulary = 'theme' order by id limit 1`)).rows[0].id;
  await db.pool.query('update recommendation set theme_ids = array[$2::int] where id = any($1::bigint[])', [[unclustered, assignedRecommendation], theme]);
  await db.pool.query(`insert into report_cluster_member (recommendation_id, cluster_id, source) values ($1, $2, 'manual')
    on conflict (recommendation_id) do update set cluster_id = excluded.cluster_id`, [assignedRecommendation, cluster]);
  return { cluster, recommendation: unclustered };
}

/** A fresh indicator of `institution`, written straight to the database. */
async function indicatorOf(institution: number): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into indicator (institution_id, name, kind, unit, frequency) values ($1, '{"es":"Indicador"}', 'outcome', '%', 'annual') returning id`, [institution]);
  return Number(rows[0].id);
}
/** A fresh obligation of the secretariat's, written straight to the database. */
async function obligation(): Promise<number> {
  const { rows } = await db.pool.query(`insert into reporting_obligation (kind, title, due_on) values ('other', '{"en":"Obligation"}', '2030-01-31') returning id`);
  return rows[0].id;
}
/** A fresh recommendation of a treaty-body document (not yet flagged for follow-up), imported. */
async function treatyBodyRecommendation(): Promise<number> {
  const paragraph = 100 + (++uniq);
  await importRecommendations(db.pool, Buffer.from(`mechanism,country,language,date,paragraph,symbol,text\nCRC,PRY,es,2022-10-07,${paragraph},CRC/C/PRY/CO/6,Texto ${paragraph}\n`),
    { fileName: 'crc.csv', format: 'csv', actor: 'system:test' });
  const { rows } = await db.pool.query(`select id from recommendation where document_symbol = 'CRC/C/PRY/CO/6' and paragraph = $1`, [String(paragraph)]);
  return Number(rows[0].id);
}
/** A fresh recommendation with a candidate link to the assigned one; returns the other recommendation's id. */
async function candidateLink(): Promise<number> {
  const other = await treatyBodyRecommendation();
  await db.pool.query(
    `insert into recommendation_link (low_id, high_id, kind, similarity, state, scan_version) values (least($1::bigint, $2::bigint), greatest($1::bigint, $2::bigint), 'similar', 0.5, 'candidate', 'test')`,
    [assignedRecommendation, other]);
  return other;
}
let round: number;
let evidenceFile: { action: number; evidence: number };
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const actionPayload = () => ({ institution_id: home, title: { es: `Acción ${++uniq}` }, original_language: 'es', action_type: 'training', reach: 'structural', recommendation_ids: [assignedRecommendation] });
const transitionCase = (state: ActionState, transition: string, comment?: string): Case[] => [{
  record: () => ({ institutionId: home }),
  request: async () => ({ url: `/api/v1/actions/${await actionIn(state)}/${transition}`, payload: { version: 1, comment } }),
  success: 200,
  visibleTo: seenIn(state),
}];

/** A fresh plan in `status`, written straight to the database. */
async function planIn(status: 'draft' | 'adopted' = 'draft'): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into plan (kind, title, original_language, status, adopted_on) values ('strategy', '{"es":"Plan"}', 'es', $1, case when $1 = 'adopted' then date '2025-01-01' end) returning id`,
    [status]);
  return Number(rows[0].id);
}
/** A fresh activity of `home` in a fresh draft plan, in `state` of the chain ('published': an activity of the plan). */
async function planActivityIn(state: ActionState): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into plan_activity (plan_id, institution_id, state, title, original_language) values ($1, $2, $3, '{"es":"Actividad"}', 'es') returning id`,
    [await planIn(), home, state]);
  return Number(rows[0].id);
}
async function planObjective(): Promise<number> {
  const { rows } = await db.pool.query(`insert into plan_objective (plan_id, level, title) values ($1, 'axis', '{"es":"Eje"}') returning id`, [await planIn()]);
  return Number(rows[0].id);
}
const proposalTransitionCase = (state: ActionState, transition: string, comment?: string): Case[] => [{
  record: () => ({ institutionId: home }),
  request: async () => ({ url: `/api/v1/plan-activities/${await planActivityIn(state)}/${transition}`, payload: { version: 1, comment } }),
  success: 200,
  visibleTo: seenIn(state),
}];

let homeOrganisation: number; // the verified organisation the organisation member writes for
let contributionFile: { contribution: number; evidence: number };
/** A fresh comment of `homeOrganisation` on the assigned recommendation, written straight to the database. */
async function contributionIn(state: 'pending' | 'approved', hidden = false): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into contribution (organisation_id, recommendation_id, kind, body, state, hidden) values ($1, $2, 'comment', $3, $4, $5) returning id`,
    [homeOrganisation, assignedRecommendation, `Comment ${++uniq}`, state, hidden]);
  return Number(rows[0].id);
}
async function organisationAwaiting(): Promise<number> {
  return createOrganisation(db, `Organisation ${++uniq}`, 'awaiting_verification');
}


// The Network's hub (the app below is a hub): registry members PRY, ARG (GRULAC), MAR (African), PRT (WEOG); SEN flips status.
/** A UN Member State neither in the registry nor with a request, for a fresh join request. */
async function freshState(): Promise<string> {
  const { rows } = await db.pool.query(`select iso3 from country c where un_member and not exists (select 1 from network_state s where s.iso3 = c.iso3)
    and not exists (select 1 from network_join_request j where j.iso3 = c.iso3) order by iso3 limit 1`);
  return rows[0].iso3;
}
async function joinRequestRow(): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into network_join_request (iso3, requested_status, requester_name, requester_email, focal_point_name, focal_point_email, declaration_adopted_on,
       stored_name, file_name, size_bytes, sha256) values ($1, 'observer', 'R', 'r@example.org', 'F', 'f@example.org', '2025-01-01', 'none.pdf', 'c.pdf', 1, 'x') returning id`,
    [await freshState()]);
  return rows[0].id;
}
/** A fresh meeting (version 1), its agenda sent today unless told otherwise; far ahead, so that it can be confirmed. */
async function meetingRow(options: { sent?: boolean; status?: string; items?: number } = {}): Promise<number> {
  const { rows } = await db.pool.query(`insert into network_meeting (title, meets_on, status, agenda_sent_on) values ('M', '2031-06-01', $1, $2) returning id`,
    [options.status ?? 'planned', options.sent === false ? null : '2026-01-01']);
  for (let i = 1; i <= (options.items ?? 1); i++) await db.pool.query(`insert into network_agenda_item (meeting_id, position, title) values ($1, $2, 'Item')`, [rows[0].id, i]);
  return rows[0].id;
}
async function agendaItemRow(): Promise<number> {
  const { rows } = await db.pool.query('select id from network_agenda_item where meeting_id = $1', [await meetingRow({ status: 'confirmed' })]);
  return rows[0].id;
}
/** A fresh proposal at a confirmed meeting PRY and ARG attend (ARG's focal point absent), in `state`. */
async function proposalRow(state: 'open' | 'voting'): Promise<number> {
  const meeting = await meetingRow({ status: 'confirmed' });
  await db.pool.query(`insert into network_attendance (meeting_id, iso3, status, focal_point_present) values ($1, 'PRY', 'member', true), ($1, 'ARG', 'member', false)`, [meeting]);
  const { rows } = await db.pool.query(`insert into network_proposal (agenda_item_id, text, state) select id, 'Proposal', $2 from network_agenda_item where meeting_id = $1 returning id`, [meeting, state]);
  return rows[0].id;
}
let joinRequestWithFile: number;
/** A fresh meeting with one version of its minutes in `state`. */
async function minutesIn(state: 'draft' | 'circulated'): Promise<number> {
  const meeting = await meetingRow({ status: 'held' });
  await db.pool.query(`insert into network_minutes (meeting_id, number, text, state) values ($1, 1, 'Minutes', $2)`, [meeting, state]);
  return meeting;
}
/** An adopted proposal (a decision that can change the Committee's rule). */
async function adoptedProposal(): Promise<number> {
  const { rows } = await db.pool.query(`insert into network_proposal (agenda_item_id, text, state, outcome) values ($1, 'Rule', 'decided', 'adopted') returning id`, [await agendaItemRow()]);
  return rows[0].id;
}

let uniq = 0;
/** A fresh contribution of the state focal point (version 1), in `state`, written straight to the database. */
async function resourceRow(state: 'draft' | 'submitted'): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into network_resource (kind, language, title, summary, contributor_iso3, contributed_by, state, search_vector)
     values ('practice', 'es', 'Práctica', 'Resumen', 'PRY', $1, $2, ''::tsvector) returning id`, [users['state focal point'], state]);
  return rows[0].id;
}
/** A fresh open request for cooperation of Morocco (version 1). */
async function cooperationRow(): Promise<number> {
  const { rows } = await db.pool.query(
    `insert into network_cooperation (kind, iso3, topic, description, help, language) values ('request', 'MAR', 'Request', 'Help', '{software}', 'en') returning id`);
  return rows[0].id;
}

const CASES: Record<string, Case[]> = {
  'POST /api/v1/network/join-requests': [{
    record: () => ({}),
    request: async () => {
      const form = new FormData();
      form.append('request', JSON.stringify({
        iso3: await freshState(), requested_status: 'observer', requester_name: 'R', requester_email: `r${++uniq}@example.org`,
        focal_point_name: 'F', focal_point_email: `f${uniq}@example.org`, declaration_adopted_on: '2025-01-01',
      }));
      form.append('file', new Blob([new Uint8Array(PDF)]), 'communication.pdf');
      return { url: '/api/v1/network/join-requests', payload: form };
    },
    success: 201,
  }],
  'GET /api/v1/network/join-requests': [{ record: () => ({}), request: async () => ({ url: '/api/v1/network/join-requests' }), success: 200 }],
  'GET /api/v1/network/join-requests/:id': [{ record: () => ({}), request: async () => ({ url: `/api/v1/network/join-requests/${joinRequestWithFile}` }), success: 200 }],
  'GET /api/v1/network/join-requests/:id/communication': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/join-requests/${joinRequestWithFile}/communication` }), success: 200,
  }],
  'POST /api/v1/network/join-requests/:id/decision': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/network/join-requests/${await joinRequestRow()}/decision`, payload: { version: 1, decision: 'ask_for_more', reason: 'The decree, please.' } }),
    success: 200,
  }],
  'PATCH /api/v1/network/states/:iso3': [{
    record: () => ({}),
    request: async () => {
      const { rows } = await db.pool.query(`select version from network_state where iso3 = 'PRY'`);
      return { url: '/api/v1/network/states/PRY', payload: { version: rows[0].version, tracking_system: `System ${++uniq}` } };
    },
    success: 200,
  }],
  'POST /api/v1/network/states/:iso3/status': [{
    record: () => ({}),
    request: async () => {
      const { rows } = await db.pool.query(`select version, status from network_state where iso3 = 'SEN'`);
      return { url: '/api/v1/network/states/SEN/status', payload: { version: rows[0].version, status: rows[0].status === 'member' ? 'observer' : 'member', changed_on: '2026-01-01', reason: 'Changed' } };
    },
    success: 204,
  }],
  'POST /api/v1/network/states/:iso3/keys': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/network/states/PRY/keys', payload: { public_key: (await generateInstanceKeys()).publicJwk } }),
    success: 200,
  }],
  // The instance's address answers nothing (port 1): the harvest is logged as unreachable, a 200 with that outcome.
  'POST /api/v1/network/states/:iso3/harvest': [{
    record: () => ({}),
    request: async () => {
      await db.pool.query(`insert into network_instance (iso3, base_url) values ('PRY', 'http://127.0.0.1:1') on conflict do nothing`);
      return { url: '/api/v1/network/states/PRY/harvest' };
    },
    success: 200,
  }],
  // The focal point of the people here is PRY's: the per-record check lets them read PRY's harvests.
  'GET /api/v1/network/states/:iso3/harvests': [{
    record: () => ({}),
    request: async () => {
      await db.pool.query(`insert into network_instance (iso3, base_url) values ('PRY', 'http://127.0.0.1:1') on conflict do nothing`);
      return { url: '/api/v1/network/states/PRY/harvests' };
    },
    success: 200,
  }],
  'POST /api/v1/network/committee': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/network/committee', payload: { meeting_id: await meetingRow(), starts_on: '2026-01-01', seats: ['PRY', 'MAR', 'PRT'], coordinator: 'PRY' } }),
    success: 201,
  }],
  'PUT /api/v1/network/committee-rule': [{
    record: () => ({}),
    request: async () => {
      const { rows } = await db.pool.query('select version from network_committee_rule');
      return { url: '/api/v1/network/committee-rule', payload: { version: rows[0]?.version ?? 0, min_seats: 3, max_seats: 5, max_seats_per_region: 1, proposal_id: await adoptedProposal() } };
    },
    success: 200,
  }],
  'GET /api/v1/network/meetings/:id/minutes': [{ record: () => ({}), request: async () => ({ url: `/api/v1/network/meetings/${await minutesIn('draft')}/minutes` }), success: 200 }],
  'POST /api/v1/network/meetings/:id/minutes': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/meetings/${await minutesIn('draft')}/minutes`, payload: { number: 1, text: 'Second draft' } }), success: 201,
  }],
  'POST /api/v1/network/meetings/:id/minutes/circulate': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/meetings/${await minutesIn('draft')}/minutes/circulate`, payload: { number: 1 } }), success: 200,
  }],
  'POST /api/v1/network/meetings/:id/minutes/approve': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/meetings/${await minutesIn('circulated')}/minutes/approve`, payload: { number: 1 } }), success: 200,
  }],
  'POST /api/v1/network/meetings/:id/minutes/publish': [{
    record: () => ({}),
    request: async () => {
      const meeting = await minutesIn('draft');
      await db.pool.query(`update network_minutes set state = 'approved' where meeting_id = $1`, [meeting]);
      return { url: `/api/v1/network/meetings/${meeting}/minutes/publish`, payload: { number: 1 } };
    },
    success: 200,
  }],
  'POST /api/v1/network/meetings': [{ record: () => ({}), request: async () => ({ url: '/api/v1/network/meetings', payload: { title: 'Meeting', meets_on: '2031-01-01' } }), success: 201 }],
  'PATCH /api/v1/network/meetings/:id': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/meetings/${await meetingRow()}`, payload: { version: 1, place: 'Rabat' } }), success: 200,
  }],
  'POST /api/v1/network/meetings/:id/agenda-items': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/meetings/${await meetingRow({ sent: false })}/agenda-items`, payload: { title: 'Item' } }), success: 201,
  }],
  'POST /api/v1/network/meetings/:id/send-agenda': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/meetings/${await meetingRow({ sent: false })}/send-agenda` }), success: 200,
  }],
  'POST /api/v1/network/meetings/:id/status': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/meetings/${await meetingRow()}/status`, payload: { version: 1, status: 'confirmed' } }), success: 200,
  }],
  'PUT /api/v1/network/meetings/:id/attendance': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/network/meetings/${await meetingRow()}/attendance`, payload: { version: 1, present: [{ iso3: 'PRY' }, { iso3: 'ECU' }] } }),
    success: 200,
  }],
  'POST /api/v1/network/agenda-items/:id/documents': [{
    record: () => ({}),
    request: async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PDF)]), 'document.pdf');
      return { url: `/api/v1/network/agenda-items/${await agendaItemRow()}/documents`, payload: form };
    },
    success: 201,
  }],
  'POST /api/v1/network/agenda-items/:id/proposals': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/agenda-items/${await agendaItemRow()}/proposals`, payload: { text: 'Proposal' } }), success: 201,
  }],
  'POST /api/v1/network/proposals/:id/consensus': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/proposals/${await proposalRow('open')}/consensus`, payload: { version: 1, objections: [] } }), success: 204,
  }],
  'POST /api/v1/network/proposals/:id/votes': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/proposals/${await proposalRow('voting')}/votes`, payload: { vote: 'abstain' } }), success: 200,
  }],
  'POST /api/v1/network/proposals/:id/close': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/proposals/${await proposalRow('voting')}/close`, payload: { version: 1 } }), success: 200,
  }],
  // The knowledge hub: contributions are their contributor's to edit (the focal point's here) until published.
  'POST /api/v1/network/hub/resources': [{
    record: () => ({}), request: async () => ({ url: '/api/v1/network/hub/resources', payload: { kind: 'practice', language: 'es', title: `Práctica ${++uniq}`, summary: 'Resumen' } }), success: 201,
  }],
  'PATCH /api/v1/network/hub/resources/:id': [{
    record: () => ({ userId: users['state focal point'] }),
    request: async () => ({ url: `/api/v1/network/hub/resources/${await resourceRow('submitted')}`, payload: { version: 1, summary: `Otro ${++uniq}` } }), success: 200,
  }],
  'POST /api/v1/network/hub/resources/:id/submit': [{
    record: () => ({ userId: users['state focal point'] }),
    request: async () => ({ url: `/api/v1/network/hub/resources/${await resourceRow('draft')}/submit`, payload: { version: 1 } }), success: 200,
  }],
  'POST /api/v1/network/hub/resources/:id/files': [{
    record: () => ({ userId: users['state focal point'] }),
    request: async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PDF)]), 'practice.pdf');
      return { url: `/api/v1/network/hub/resources/${await resourceRow('submitted')}/files`, payload: form };
    },
    success: 201,
  }],
  'GET /api/v1/network/hub/submissions': [{ record: () => ({}), request: async () => ({ url: '/api/v1/network/hub/submissions' }), success: 200 }],
  'POST /api/v1/network/hub/resources/:id/moderation': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/hub/resources/${await resourceRow('submitted')}/moderation`, payload: { version: 1, decision: 'publish' } }), success: 200,
  }],
  'PUT /api/v1/network/hub/settings': [{
    record: () => ({}),
    request: async () => {
      const { rows } = await db.pool.query('select version from network_hub_settings');
      return { url: '/api/v1/network/hub/settings', payload: { partners_may_contribute: true, proposal_id: null, version: rows[0]?.version ?? 0 } };
    },
    success: 200,
  }],
  // Cooperation: the request is Morocco's, so that the focal point (PRY) and the deputy (ARG) may respond.
  'POST /api/v1/network/cooperation': [{
    record: () => ({}), request: async () => ({ url: '/api/v1/network/cooperation', payload: { kind: 'offer', topic: `Offer ${++uniq}`, description: 'Training', help: ['training'], language: 'en' } }), success: 201,
  }],
  'POST /api/v1/network/cooperation/:id/responses': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/cooperation/${await cooperationRow()}/responses`, payload: { message: 'We can help.' } }), success: 201,
  }],
  'POST /api/v1/network/cooperation/:id/status': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/cooperation/${await cooperationRow()}/status`, payload: { version: 1, status: 'closed' } }), success: 200,
  }],
  'POST /api/v1/network/cooperation/:id/agreements': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/network/cooperation/${await cooperationRow()}/agreements`, payload: { parties: ['MAR', 'PRY'], description: 'Two sessions' } }), success: 201,
  }],
  'PATCH /api/v1/network/cooperation-agreements/:id': [{
    record: () => ({}),
    request: async () => {
      const { rows } = await db.pool.query(`insert into network_cooperation_agreement (cooperation_id, parties, description) values ($1, '{MAR,PRY}', 'Sessions') returning id`, [await cooperationRow()]);
      return { url: `/api/v1/network/cooperation-agreements/${rows[0].id}`, payload: { version: 1, status: 'completed' } };
    },
    success: 200,
  }],
  'GET /api/v1/recommendations': [{ record: () => ({}), request: async () => ({ url: '/api/v1/recommendations' }), success: 200 }],
  'GET /api/v1/recommendations.csv': [{ record: () => ({}), request: async () => ({ url: '/api/v1/recommendations.csv' }), success: 200 }],
  'GET /api/v1/recommendations.xlsx': [{ record: () => ({}), request: async () => ({ url: '/api/v1/recommendations.xlsx' }), success: 200 }],
  // List exports: each one carries the access of the JSON list it mirrors.
  ...Object.fromEntries((['csv', 'xlsx'] as const).flatMap((format): [string, Case[]][] => [
    [`GET /api/v1/actions.${format}`, [{ record: () => ({}), request: async () => ({ url: `/api/v1/actions.${format}?state=draft` }), success: 200 }]],
    [`GET /api/v1/institutions/:id/assignments.${format}`, [
      { record: () => ({ institutionId: home }), request: async () => ({ url: `/api/v1/institutions/${home}/assignments.${format}` }), success: 200 },
      { record: () => ({ institutionId: other }), request: async () => ({ url: `/api/v1/institutions/${other}/assignments.${format}` }), success: 200 },
    ]],
    [`GET /api/v1/indicators.${format}`, [{ record: () => ({}), request: async () => ({ url: `/api/v1/indicators.${format}` }), success: 200 }]],
    [`GET /api/v1/obligations.${format}`, [{ record: () => ({}), request: async () => ({ url: `/api/v1/obligations.${format}?status=open` }), success: 200 }]],
    [`GET /api/v1/rounds.${format}`, [{ record: () => ({}), request: async () => ({ url: `/api/v1/rounds.${format}` }), success: 200 }]],
    [`GET /api/v1/rounds/:id/dashboard.${format}`, [{ record: () => ({}), request: async () => ({ url: `/api/v1/rounds/${round}/dashboard.${format}` }), success: 200 }]],
    [`GET /api/v1/institutions.${format}`, [{ record: () => ({}), request: async () => ({ url: `/api/v1/institutions.${format}` }), success: 200 }]],
    [`GET /api/v1/plans/:id/export.${format}`, [{ record: () => ({}), request: async () => ({ url: `/api/v1/plans/${await planIn()}/export.${format}` }), success: 200 }]],
    [`GET /api/v1/plan-coverage.${format}`, [{ record: () => ({}), request: async () => ({ url: `/api/v1/plan-coverage.${format}?mechanism=UPR` }), success: 200 }]],
  ])),
  'GET /api/v1/recommendations/:id': [{
    record: () => ({}),
    request: async () => {
      const { rows } = await db.pool.query('select id from recommendation limit 1');
      return { url: `/api/v1/recommendations/${rows[0].id}` };
    },
    success: 200,
  }],
  'GET /api/v1/institutions': [{ record: () => ({}), request: async () => ({ url: '/api/v1/institutions' }), success: 200 }],
  'GET /api/v1/institutions/:id': [{ record: () => ({}), request: async () => ({ url: `/api/v1/institutions/${home}` }), success: 200 }],
  'POST /api/v1/institutions': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/institutions', payload: { name: { es: `Institución ${++uniq}` }, branch: 'judicial' } }),
    success: 201,
  }],
  'PATCH /api/v1/institutions/:id': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const { rows } = await db.pool.query('select version from institution where id = $1', [home]);
      return { url: `/api/v1/institutions/${home}`, payload: { version: rows[0].version, acronym: `A${++uniq}` } };
    },
    success: 200,
  }],
  'GET /api/v1/institutions/:id/members': [
    { record: () => ({ institutionId: home }), request: async () => ({ url: `/api/v1/institutions/${home}/members` }), success: 200 },
    { record: () => ({ institutionId: other }), request: async () => ({ url: `/api/v1/institutions/${other}/members` }), success: 200 },
  ],
  'POST /api/v1/institutions/:id/members': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const userId = await createPerson(db, `new${++uniq}@example.org`);
      return { url: `/api/v1/institutions/${home}/members`, payload: { user_id: userId, role: 'validator' } };
    },
    success: 201,
  }],
  'DELETE /api/v1/institutions/:id/members/:membershipId': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const userId = await createPerson(db, `gone${++uniq}@example.org`, 'focal_point', home);
      const { rows } = await db.pool.query('select id from membership where user_id = $1', [userId]);
      return { url: `/api/v1/institutions/${home}/members/${rows[0].id}` };
    },
    success: 204,
  }],
  'POST /api/v1/assignments': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const { rows } = await db.pool.query('select id from recommendation limit 1');
      return { url: '/api/v1/assignments', payload: { institution_id: home, responsibility: 'co_responsible', recommendation_ids: [rows[0].id], due_date: `2030-01-${String(1 + (++uniq % 28)).padStart(2, '0')}` } };
    },
    success: 200,
  }],
  'POST /api/v1/assignments/preview': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const { rows } = await db.pool.query('select id from recommendation limit 1');
      return { url: '/api/v1/assignments/preview', payload: { institution_ids: [home], responsibility: 'co_responsible', recommendation_ids: [rows[0].id] } };
    },
    success: 200,
  }],
  'DELETE /api/v1/assignments/:id': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const { rows: [rec] } = await db.pool.query('select id from recommendation limit 1');
      const { rows } = await db.pool.query(
        `insert into assignment (recommendation_id, institution_id, responsibility) values ($1, $2, 'co_responsible')
         on conflict (recommendation_id, institution_id) do update set version = assignment.version returning id`, [rec.id, home]);
      return { url: `/api/v1/assignments/${rows[0].id}` };
    },
    success: 204,
  }],
  'GET /api/v1/institutions/:id/assignments': [
    { record: () => ({ institutionId: home }), request: async () => ({ url: `/api/v1/institutions/${home}/assignments` }), success: 200 },
    { record: () => ({ institutionId: other }), request: async () => ({ url: `/api/v1/institutions/${other}/assignments` }), success: 200 },
  ],
  'GET /api/v1/users': [{ record: () => ({}), request: async () => ({ url: '/api/v1/users?role=focal_point' }), success: 200 }],
  'PATCH /api/v1/users/:id': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/users/${await createPerson(db, `off${++uniq}@example.org`)}`, payload: { active: false, version: 1 } }),
    success: 200,
  }],
  'POST /api/v1/users/:id/second-factor/reset': [{
    record: () => ({}),
    request: async () => {
      const id = await createPerson(db, `totp${++uniq}@example.org`);
      await db.pool.query(`update app_user set totp_secret = 'JBSWY3DPEHPK3PXP' where id = $1`, [id]);
      return { url: `/api/v1/users/${id}/second-factor/reset`, payload: { version: 1 } };
    },
    success: 200,
  }],
  'PUT /api/v1/users/:id/roles': [{
    record: () => ({ institutionId: home }),
    request: async () => ({ url: `/api/v1/users/${await createPerson(db, `roles${++uniq}@example.org`)}/roles`, payload: { version: 1, roles: [{ role: 'validator', institution_id: home }] } }),
    success: 200,
  }],
  'POST /api/v1/institutions/:id/merge': [{
    record: () => ({}),
    request: async () => {
      const merged = await createInstitution(db, `Merged ${++uniq}`);
      const into = await createInstitution(db, `Survivor ${uniq}`);
      return { url: `/api/v1/institutions/${merged}/merge`, payload: { into_id: into, version: 1, into_version: 1 } };
    },
    success: 200,
  }],
  'POST /api/v1/users': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/users', payload: { email: `invited${++uniq}@example.org`, display_name: 'Invited Person' } }),
    success: 201,
  }],
  'GET /api/v1/users/:id': [
    // One's own account: every signed-in person; someone else's: the secretariat and administrator.
    { record: () => ({ userId: users['focal point'] }), request: async () => ({ url: `/api/v1/users/${users['focal point']}` }), success: 200 },
  ],
  'GET /api/v1/admin/outbox': [{ record: () => ({}), request: async () => ({ url: '/api/v1/admin/outbox' }), success: 200 }],
  'GET /api/v1/admin/backups': [{ record: () => ({}), request: async () => ({ url: '/api/v1/admin/backups' }), success: 200 }],
  'GET /api/v1/workspace/overview': [{ record: () => ({}), request: async () => ({ url: '/api/v1/workspace/overview' }), success: 200 }],
  'GET /api/v1/actions': [{ record: () => ({}), request: async () => ({ url: '/api/v1/actions' }), success: 200 }],
  'GET /api/v1/actions/:id': [
    { record: () => ({}), request: async () => ({ url: `/api/v1/actions/${await actionIn('published')}` }), success: 200 },
    ...(['draft', 'submitted', 'validated', 'returned'] as const).map((state) => ({
      record: () => ({}), request: async () => ({ url: `/api/v1/actions/${await actionIn(state)}` }), success: 200, visibleTo: seenIn(state),
    })),
  ],
  'POST /api/v1/actions': [{ record: () => ({ institutionId: home }), request: async () => ({ url: '/api/v1/actions', payload: actionPayload() }), success: 201 }],
  'PATCH /api/v1/actions/:id': [{
    record: () => ({ institutionId: home }),
    request: async () => ({ url: `/api/v1/actions/${await actionIn('returned')}`, payload: { version: 1, progress: 50 } }),
    success: 200,
    visibleTo: seenIn('returned'),
  }],
  'POST /api/v1/actions/:id/submit': transitionCase('returned', 'submit'),
  'POST /api/v1/actions/:id/return-to-author': transitionCase('submitted', 'return-to-author', 'Missing evidence'),
  'POST /api/v1/actions/:id/validate': transitionCase('submitted', 'validate'),
  'POST /api/v1/actions/:id/return-to-institution': transitionCase('validated', 'return-to-institution', 'Unclear budget'),
  'POST /api/v1/actions/:id/publish': transitionCase('validated', 'publish'),
  'POST /api/v1/actions/:id/evidence/links': [{
    record: () => ({ institutionId: home }),
    request: async () => ({ url: `/api/v1/actions/${await actionIn('returned')}/evidence/links`, payload: { title: 'Decree', url: 'https://example.org/decree' } }),
    success: 201,
    visibleTo: seenIn('returned'),
  }],
  'POST /api/v1/actions/:id/evidence/files': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PDF)]), 'decree.pdf');
      return { url: `/api/v1/actions/${await actionIn('returned')}/evidence/files`, payload: form };
    },
    success: 201,
    visibleTo: seenIn('returned'),
  }],
  'DELETE /api/v1/actions/:id/evidence/:evidenceId': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const action = await actionIn('returned');
      const { rows } = await db.pool.query(
        `insert into action_evidence (action_id, kind, title, url) values ($1, 'link', 'Decree', 'https://example.org') returning id`, [action]);
      return { url: `/api/v1/actions/${action}/evidence/${rows[0].id}` };
    },
    success: 200,
    visibleTo: seenIn('returned'),
  }],
  'GET /api/v1/rounds': [{ record: () => ({}), request: async () => ({ url: '/api/v1/rounds' }), success: 200 }],
  'POST /api/v1/rounds': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/rounds', payload: { title: { es: `Ronda ${++uniq}` }, opens_on: '2030-01-01', due_on: '2030-06-30' } }),
    success: 201,
  }],
  'GET /api/v1/rounds/:id': [{ record: () => ({}), request: async () => ({ url: `/api/v1/rounds/${round}` }), success: 200 }],
  'PATCH /api/v1/rounds/:id': [{
    record: () => ({}),
    request: async () => {
      const { rows } = await db.pool.query('select version from reporting_round where id = $1', [round]);
      return { url: `/api/v1/rounds/${round}`, payload: { version: rows[0].version, reminder_days: [1 + (++uniq % 30)] } };
    },
    success: 200,
  }],
  'GET /api/v1/rounds/:id/dashboard': [{ record: () => ({}), request: async () => ({ url: `/api/v1/rounds/${round}/dashboard` }), success: 200 }],
  'GET /api/v1/rounds/:id/institutions/:institutionId': [
    { record: () => ({ institutionId: home }), request: async () => ({ url: `/api/v1/rounds/${round}/institutions/${home}` }), success: 200 },
    { record: () => ({ institutionId: other }), request: async () => ({ url: `/api/v1/rounds/${round}/institutions/${other}` }), success: 200 },
  ],
  'GET /api/v1/history/:entity/:id': [
    { record: () => ({ institutionId: home }), request: async () => ({ url: `/api/v1/history/institution/${home}` }), success: 200 },
    { record: () => ({ institutionId: other }), request: async () => ({ url: `/api/v1/history/institution/${other}` }), success: 200 },
    { record: () => ({}), request: async () => ({ url: `/api/v1/history/reporting_round/${round}` }), success: 200 },
    ...(['draft', 'submitted', 'validated', 'published'] as const).map((state) => ({
      record: () => ({ institutionId: home }), request: async () => ({ url: `/api/v1/history/action_report/${await actionIn(state)}` }),
      success: 200, visibleTo: seenIn(state),
    })),
  ],
  'POST /api/v1/imports': [{
    record: () => ({}),
    request: async () => {
      // A recommendation the catalogue already holds: the import changes nothing, so every run is alike.
      const form = new FormData();
      form.append('file', new Blob(['mechanism,country,language,date,paragraph,symbol,text\nUPR,PRY,es,2021-03-01,1,A/HRC/48/9,Texto\n']), 'one.csv');
      return { url: '/api/v1/imports', payload: form };
    },
    success: 200,
  }],
  'GET /api/v1/indicators': [{ record: () => ({}), request: async () => ({ url: '/api/v1/indicators' }), success: 200 }],
  'GET /api/v1/indicators/:id': [{ record: () => ({}), request: async () => ({ url: `/api/v1/indicators/${await indicatorOf(home)}` }), success: 200 }],
  'POST /api/v1/indicators': [{
    record: () => ({ institutionId: home }),
    request: async () => ({ url: '/api/v1/indicators', payload: { institution_id: home, name: { es: `Indicador ${++uniq}` }, kind: 'process', unit: '%', frequency: 'annual' } }),
    success: 201,
  }],
  'PATCH /api/v1/indicators/:id': [
    { record: () => ({ institutionId: home }), request: async () => ({ url: `/api/v1/indicators/${await indicatorOf(home)}`, payload: { version: 1, unit: 'pp' } }), success: 200 },
    { record: () => ({ institutionId: other }), request: async () => ({ url: `/api/v1/indicators/${await indicatorOf(other)}`, payload: { version: 1, unit: 'pp' } }), success: 200 },
  ],
  'POST /api/v1/indicators/:id/measurements': [{
    record: () => ({ institutionId: home }),
    request: async () => ({ url: `/api/v1/indicators/${await indicatorOf(home)}/measurements`, payload: { measured_on: '2024-12-31', value: 12 } }),
    success: 201,
  }],
  'DELETE /api/v1/indicators/:id/measurements/:measurementId': [{
    record: () => ({ institutionId: home }),
    request: async () => {
      const indicator = await indicatorOf(home);
      const { rows } = await db.pool.query(`insert into indicator_measurement (indicator_id, measured_on, value) values ($1, '2024-12-31', 3) returning id`, [indicator]);
      return { url: `/api/v1/indicators/${indicator}/measurements/${rows[0].id}` };
    },
    success: 200,
  }],
  'GET /api/v1/open-data': [{ record: () => ({}), request: async () => ({ url: '/api/v1/open-data' }), success: 200 }],
  'GET /api/v1/open-data/:file': [{ record: () => ({}), request: async () => ({ url: '/api/v1/open-data/actions.csv' }), success: 200 }],
  // Publishing to the Network: public, and 404 for everyone here (not publishing, no key file).
  'GET /.well-known/nmirf-network.json': [{ record: () => ({}), request: async () => ({ url: '/.well-known/nmirf-network.json' }), success: 404 }],
  'GET /api/v1/federation/package': [{ record: () => ({}), request: async () => ({ url: '/api/v1/federation/package' }), success: 404 }],
  'GET /api/v1/federation/package/:file': [{ record: () => ({}), request: async () => ({ url: '/api/v1/federation/package/actions-1.ndjson?version=1' }), success: 404 }],
  'GET /api/v1/reports': [{ record: () => ({}), request: async () => ({ url: '/api/v1/reports' }), success: 200 }],
  'POST /api/v1/reports': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/reports', payload: { template: 'custom', title: `Report ${++uniq}`, language: 'es', grouping: 'paragraph', recommendation_ids: [assignedRecommendation] } }),
    success: 201,
  }],
  'GET /api/v1/reports/:id': [{ record: () => ({}), request: async () => ({ url: `/api/v1/reports/${await draftOf()}` }), success: 200 }],
  'GET /api/v1/reports/:id/versions': [{ record: () => ({}), request: async () => ({ url: `/api/v1/reports/${await draftOf()}/versions` }), success: 200 }],
  'GET /api/v1/reports/:id/export.docx': [{ record: () => ({}), request: async () => ({ url: `/api/v1/reports/${await draftOf()}/export.docx` }), success: 200 }],
  'GET /api/v1/reports/:id/export.pdf': [{ record: () => ({}), request: async () => ({ url: `/api/v1/reports/${await draftOf()}/export.pdf` }), success: 200 }],
  'GET /api/v1/reports/:id/export.xlsx': [{ record: () => ({}), request: async () => ({ url: `/api/v1/reports/${await draftOf()}/export.xlsx` }), success: 200 }],
  'POST /api/v1/reports/:id/regenerate': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/reports/${await draftOf()}/regenerate`, payload: { version: 1 } }), success: 200,
  }],
  'PATCH /api/v1/reports/:id/sections/:key': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/reports/${await draftOf()}/sections/intro`, payload: { version: 1, text: 'Introducción' } }), success: 200,
  }],
  'GET /api/v1/report-clusters': [{ record: () => ({}), request: async () => ({ url: '/api/v1/report-clusters' }), success: 200 }],
  'GET /api/v1/report-clusters/recommendations': [{ record: () => ({}), request: async () => ({ url: '/api/v1/report-clusters/recommendations?cluster=none' }), success: 200 }],
  'POST /api/v1/report-clusters': [{ record: () => ({}), request: async () => ({ url: '/api/v1/report-clusters', payload: { label: { en: `Cluster ${++uniq}` } } }), success: 201 }],
  'PATCH /api/v1/report-clusters/:id': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/report-clusters/${await clusterOf()}`, payload: { version: 1, label: { es: 'Grupo' } } }), success: 200,
  }],
  'DELETE /api/v1/report-clusters/:id': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/report-clusters/${await clusterOf()}`, payload: { version: 1 } }), success: 204,
  }],
  'POST /api/v1/report-clusters/:id/members': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/report-clusters/${await clusterOf()}/members`, payload: { recommendation_ids: [assignedRecommendation] } }), success: 200,
  }],
  'POST /api/v1/report-clusters/:id/accept': [{
    record: () => ({}),
    request: async () => {
      const { cluster, recommendation } = await suggestedCluster();
      return { url: `/api/v1/report-clusters/${cluster}/accept`, payload: { recommendation_id: recommendation } };
    },
    success: 200,
  }],
  'POST /api/v1/report-clusters/release': [{
    record: () => ({}), request: async () => ({ url: '/api/v1/report-clusters/release', payload: { recommendation_ids: [assignedRecommendation] } }), success: 200,
  }],
  'GET /api/v1/settings': [{ record: () => ({}), request: async () => ({ url: '/api/v1/settings' }), success: 200 }],
  'GET /api/v1/settings/logo': [{
    record: () => ({}),
    request: async () => {
      await db.pool.query(`insert into instance_logo (media_type, data, digest) values ('image/svg+xml', '\\x3c7376672f3e', 'test') on conflict do nothing`);
      return { url: '/api/v1/settings/logo' };
    },
    success: 200,
  }],
  'GET /api/v1/admin/settings': [{ record: () => ({}), request: async () => ({ url: '/api/v1/admin/settings' }), success: 200 }],
  'PUT /api/v1/admin/settings': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/admin/settings', payload: {
      version: await settingsVersion(), name: { en: `Instance ${++uniq}` }, description: {}, primary_colour: '#1a4f8b', state_iso3: 'PRY',
      time_zone: readConfig().timeZone, interface_languages: ['es', 'en', 'fr', 'pt'], default_language: 'en', content_languages: ['es'],
      terminology: {}, open_data_licence: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' }, second_factor_required: false,
      network_publish: false, network_hub_url: null,
    } }),
    success: 200,
  }],
  'PUT /api/v1/admin/settings/logo': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/admin/settings/logo', payload: { version: await settingsVersion(), data: Buffer.from(`<svg><title>${++uniq}</title></svg>`).toString('base64') } }),
    success: 200,
  }],
  'DELETE /api/v1/admin/settings/logo': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/admin/settings/logo?version=${await settingsVersion()}` }), success: 200,
  }],
  'GET /api/v1/admin/vocabularies/:vocabulary': [{ record: () => ({}), request: async () => ({ url: '/api/v1/admin/vocabularies/theme' }), success: 200 }],
  'POST /api/v1/admin/vocabularies/:vocabulary': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/admin/vocabularies/theme', payload: { key: `authz_term_${++uniq}`, label: { en: `Authz term ${uniq}` }, aliases: [] } }),
    success: 201,
  }],
  'PUT /api/v1/admin/vocabularies/:vocabulary/:id': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/admin/vocabularies/theme/${await themeTerm()}`, payload: { version: 1, label: { en: `Renamed ${++uniq}` }, aliases: [] } }),
    success: 200,
  }],
  'POST /api/v1/admin/vocabularies/:vocabulary/:id/retire': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/admin/vocabularies/theme/${await themeTerm()}/retire`, payload: { version: 1, retired: true } }), success: 200,
  }],
  'GET /api/v1/admin/mechanisms': [{ record: () => ({}), request: async () => ({ url: '/api/v1/admin/mechanisms' }), success: 200 }],
  'POST /api/v1/admin/mechanisms': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/admin/mechanisms', payload: { code: `AUTHZ-${++uniq}`, family: 'national', label: { en: `Authz mechanism ${uniq}` }, short_name: {}, aliases: [] } }),
    success: 201,
  }],
  'PUT /api/v1/admin/mechanisms/:id': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/admin/mechanisms/${await authzMechanism()}`, payload: { version: 1, family: 'national', label: { en: `Renamed ${++uniq}` }, short_name: {}, aliases: [] } }),
    success: 200,
  }],
  'POST /api/v1/admin/mechanisms/:id/retire': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/admin/mechanisms/${await authzMechanism()}/retire`, payload: { version: 1, retired: true } }), success: 200,
  }],
  'GET /api/v1/plans': [{ record: () => ({}), request: async () => ({ url: '/api/v1/plans' }), success: 200 }],
  'POST /api/v1/plans': [{
    record: () => ({}), request: async () => ({ url: '/api/v1/plans', payload: { kind: 'strategy', title: { es: `Plan ${++uniq}` }, original_language: 'es' } }), success: 201,
  }],
  'GET /api/v1/plans/:id': [{ record: () => ({}), request: async () => ({ url: `/api/v1/plans/${await planIn()}` }), success: 200 }],
  'PATCH /api/v1/plans/:id': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/plans/${await planIn()}`, payload: { version: 1, legal_instrument: `Decreto ${++uniq}` } }), success: 200,
  }],
  'POST /api/v1/plans/:id/status': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/plans/${await planIn()}/status`, payload: { version: 1, status: 'adopted', adopted_on: '2025-01-01' } }), success: 200,
  }],
  'DELETE /api/v1/plans/:id': [{ record: () => ({}), request: async () => ({ url: `/api/v1/plans/${await planIn()}` }), success: 204 }],
  'GET /api/v1/plans/:id/revisions': [{ record: () => ({}), request: async () => ({ url: `/api/v1/plans/${await planIn('adopted')}/revisions` }), success: 200 }],
  'POST /api/v1/plans/:id/import': [{
    record: () => ({}),
    request: async () => {
      const form = new FormData();
      form.append('dry_run', 'true');
      form.append('file', new Blob(['activity,lead_institution\nTalleres,Ministry of Education\n']), 'plan.csv');
      return { url: `/api/v1/plans/${await planIn()}/import`, payload: form };
    },
    success: 200,
  }],
  'GET /api/v1/plan-coverage': [{ record: () => ({}), request: async () => ({ url: '/api/v1/plan-coverage?cycle=3' }), success: 200 }],
  'GET /api/v1/plans/:id/progress': [{ record: () => ({}), request: async () => ({ url: `/api/v1/plans/${await planIn('adopted')}/progress` }), success: 200 }],
  'POST /api/v1/plans/:id/objectives': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/plans/${await planIn()}/objectives`, payload: { level: 'axis', title: { es: 'Eje' } } }), success: 201,
  }],
  'PATCH /api/v1/plan-objectives/:id': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/plan-objectives/${await planObjective()}`, payload: { version: 1, code: `${++uniq}` } }), success: 200,
  }],
  'DELETE /api/v1/plan-objectives/:id': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/plan-objectives/${await planObjective()}`, payload: { version: 1 } }), success: 204,
  }],
  'POST /api/v1/plans/:id/activities': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/plans/${await planIn()}/activities`, payload: { institution_id: home, title: { es: 'Actividad' }, original_language: 'es' } }),
    success: 201,
  }],
  'GET /api/v1/plan-activities/:id': [
    { record: () => ({}), request: async () => ({ url: `/api/v1/plan-activities/${await planActivityIn('published')}` }), success: 200 },
    ...(['draft', 'submitted', 'validated', 'returned'] as const).map((state) => ({
      record: () => ({}), request: async () => ({ url: `/api/v1/plan-activities/${await planActivityIn(state)}` }), success: 200, visibleTo: seenIn(state),
    })),
  ],
  'PATCH /api/v1/plan-activities/:id': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/plan-activities/${await planActivityIn('published')}`, payload: { version: 1, start_date: '2025-01-01' } }), success: 200,
  }],
  'DELETE /api/v1/plan-activities/:id': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/plan-activities/${await planActivityIn('published')}`, payload: { version: 1 } }), success: 204,
  }],
  'POST /api/v1/plans/:id/proposals': [{
    record: () => ({ institutionId: home }),
    request: async () => ({ url: `/api/v1/plans/${await planIn()}/proposals`, payload: { institution_id: home, title: { es: 'Propuesta' }, original_language: 'es' } }),
    success: 201,
  }],
  'PATCH /api/v1/plan-activities/:id/proposal': [{
    record: () => ({ institutionId: home }),
    request: async () => ({ url: `/api/v1/plan-activities/${await planActivityIn('returned')}/proposal`, payload: { version: 1, start_date: '2025-01-01' } }),
    success: 200,
    visibleTo: seenIn('returned'),
  }],
  'POST /api/v1/plan-activities/:id/submit': proposalTransitionCase('returned', 'submit'),
  'POST /api/v1/plan-activities/:id/return-to-author': proposalTransitionCase('submitted', 'return-to-author', 'Sin presupuesto'),
  'POST /api/v1/plan-activities/:id/validate': proposalTransitionCase('submitted', 'validate'),
  'POST /api/v1/plan-activities/:id/return-to-institution': proposalTransitionCase('validated', 'return-to-institution', 'Fechas poco claras'),
  'POST /api/v1/plan-activities/:id/publish': proposalTransitionCase('validated', 'publish'),
  'GET /api/v1/status-scales': [{ record: () => ({}), request: async () => ({ url: '/api/v1/status-scales' }), success: 200 }],
  'PUT /api/v1/status-scales/:assessor': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/status-scales/nhri', payload: { steps: [
      { key: 'not_implemented', label: { en: `Not implemented ${++uniq}` } }, { key: 'partially_implemented', label: { en: 'Partially' } },
      { key: 'implemented', label: { en: 'Implemented' } }] } }),
    success: 200,
  }],
  'GET /api/v1/recommendations/:id/status': [{ record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/status` }), success: 200 }],
  'POST /api/v1/recommendations/:id/status': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/status`, payload: { status: 'in_progress', reason: `Reason ${++uniq}`, assessed_on: '2024-01-01' } }),
    success: 201,
  }],
  // Not publishing here: the hub is not asked, the answer says it is unavailable.
  'GET /api/v1/recommendations/:id/network-similar': [{ record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/network-similar` }), success: 200 }],
  'GET /api/v1/recommendations/:id/related': [{ record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/related` }), success: 200 }],
  'POST /api/v1/recommendations/:id/related/:otherId/confirm': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/related/${await candidateLink()}/confirm`, payload: { version: 1 } }), success: 200,
  }],
  'POST /api/v1/recommendations/:id/related/:otherId/reject': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/related/${await candidateLink()}/reject`, payload: { version: 1 } }), success: 200,
  }],
  'GET /api/v1/recommendations/:id/suggestions': [{ record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/suggestions` }), success: 200 }],
  'POST /api/v1/recommendations/:id/suggestions/:field/:key/accept': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${await treatyBodyRecommendation()}/suggestions/sdg_goal/16/accept`, payload: { model_version: suggestionModel } }),
    success: 200,
  }],
  'POST /api/v1/recommendations/:id/suggestions/:field/:key/reject': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${await treatyBodyRecommendation()}/suggestions/sdg_goal/4/reject`, payload: { model_version: suggestionModel } }),
    success: 200,
  }],
  'GET /api/v1/suggestions': [{ record: () => ({}), request: async () => ({ url: '/api/v1/suggestions?band=high' }), success: 200 }],
  'POST /api/v1/suggestions/accept-high': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/suggestions/accept-high', payload: { recommendation_ids: [await treatyBodyRecommendation()], mode: 'add', model_version: suggestionModel } }),
    success: 200,
  }],
  'GET /api/v1/obligations': [{ record: () => ({}), request: async () => ({ url: '/api/v1/obligations?status=open' }), success: 200 }],
  'GET /api/v1/obligations.ics': [{ record: () => ({}), request: async () => ({ url: '/api/v1/obligations.ics?locale=es' }), success: 200 }],
  'GET /api/v1/obligations/:id': [{ record: () => ({}), request: async () => ({ url: `/api/v1/obligations/${await obligation()}` }), success: 200 }],
  'POST /api/v1/obligations': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/obligations', payload: { kind: 'regional_request', mechanism: 'IACHR', title: { es: `Solicitud ${++uniq}` }, due_on: '2030-05-01' } }),
    success: 201,
  }],
  'POST /api/v1/obligations/follow-up': [{
    record: () => ({}),
    request: async () => ({ url: '/api/v1/obligations/follow-up', payload: { recommendation_ids: [await treatyBodyRecommendation()], years: 2 } }),
    success: 201,
  }],
  'POST /api/v1/obligations/refresh': [{ record: () => ({}), request: async () => ({ url: '/api/v1/obligations/refresh' }), success: 200 }],
  'PATCH /api/v1/obligations/:id': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/obligations/${await obligation()}`, payload: { version: 1, due_on: '2031-01-31', notes: `Note ${++uniq}` } }),
    success: 200,
  }],
  'POST /api/v1/obligations/:id/met': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/obligations/${await obligation()}/met`, payload: { version: 1, met_on: '2024-01-15' } }),
    success: 200,
  }],
  'GET /api/v1/ratifications': [{ record: () => ({}), request: async () => ({ url: '/api/v1/ratifications' }), success: 200 }],
  'PATCH /api/v1/ratifications/:instrument': [{
    record: () => ({}),
    request: async () => {
      const { rows } = await db.pool.query(`select version from treaty_ratification where iso3 = 'PRY' and instrument_code = 'CRC'`);
      return { url: '/api/v1/ratifications/CRC', payload: { version: rows[0].version, status: 'party', year: 1990 } };
    },
    success: 200,
  }],
  'GET /api/v1/organisations/mine': [{ record: () => ({}), request: async () => ({ url: '/api/v1/organisations/mine' }), success: 200 }],
  'GET /api/v1/organisations': [{ record: () => ({}), request: async () => ({ url: '/api/v1/organisations?state=awaiting_verification' }), success: 200 }],
  'POST /api/v1/organisations/:id/verify': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/organisations/${await organisationAwaiting()}/verify`, payload: { version: 1 } }), success: 200,
  }],
  'POST /api/v1/organisations/:id/reject': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/organisations/${await organisationAwaiting()}/reject`, payload: { version: 1, reason: 'Unknown' } }), success: 200,
  }],
  'GET /api/v1/recommendations/:id/contributions': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/contributions` }), success: 200,
  }],
  'POST /api/v1/recommendations/:id/contributions': [{
    record: () => ({ organisationId: homeOrganisation }),
    request: async () => ({ url: `/api/v1/recommendations/${assignedRecommendation}/contributions`, payload: { kind: 'comment', body: `Comment ${++uniq}` } }),
    success: 201,
  }],
  'POST /api/v1/contributions/:id/evidence/files': [{
    record: () => ({ organisationId: homeOrganisation }),
    request: async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PDF)]), 'report.pdf');
      return { url: `/api/v1/contributions/${await contributionIn('pending')}/evidence/files`, payload: form };
    },
    success: 201,
    // Unpublished contributions are known only to their organisation and the moderators.
    visibleTo: (person) => person.role === 'organisation_member' || person.role === 'secretariat',
  }],
  'GET /api/v1/contributions/:id/evidence/:evidenceId/file': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/contributions/${contributionFile.contribution}/evidence/${contributionFile.evidence}/file` }), success: 200,
  }],
  'POST /api/v1/contributions/:id/reports': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/contributions/${await contributionIn('approved')}/reports`, payload: { reason: 'Insulting' } }), success: 202,
  }],
  'GET /api/v1/moderation/contributions': [{ record: () => ({}), request: async () => ({ url: '/api/v1/moderation/contributions' }), success: 200 }],
  'POST /api/v1/moderation/contributions/:id/approve': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/moderation/contributions/${await contributionIn('pending')}/approve`, payload: { version: 1 } }), success: 200,
  }],
  'POST /api/v1/moderation/contributions/:id/reject': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/moderation/contributions/${await contributionIn('pending')}/reject`, payload: { version: 1, reason: 'Off topic' } }), success: 200,
  }],
  'POST /api/v1/moderation/contributions/:id/restore': [{
    record: () => ({}), request: async () => ({ url: `/api/v1/moderation/contributions/${await contributionIn('approved', true)}/restore`, payload: { version: 1 } }), success: 200,
  }],
  'GET /api/v1/actions/:id/evidence/:evidenceId/file': [{
    record: () => ({}),
    request: async () => ({ url: `/api/v1/actions/${evidenceFile.action}/evidence/${evidenceFile.evidence}/file` }),
    success: 200,
  }],
};

/** A fresh theme (version 1), written straight to the database; removed after the file. */
async function themeTerm(): Promise<number> {
  const { rows } = await db.pool.query(`insert into vocabulary_term (vocabulary, key, label) values ('theme', $1, '{"en":"Authz"}') returning id`, [`authz_term_${++uniq}`]);
  return rows[0].id;
}

/** A fresh national mechanism (version 1), written straight to the database; removed after the file. */
async function authzMechanism(): Promise<number> {
  const { rows } = await db.pool.query(`insert into mechanism (code, family, name) values ($1, 'national', '{"en":"Authz"}') returning id`, [`AUTHZ-${++uniq}`]);
  return rows[0].id;
}

/** The version of the instance's settings a form would carry (0 before the first save). */
async function settingsVersion(): Promise<number> {
  return (await db.pool.query('select version from instance_settings')).rows[0]?.version ?? 0;
}

/** The table's answer, restated: allowed if any of the person's roles has a scope that covers the record. */
function allowed(person: typeof PEOPLE[number], action: Action, record: { institutionId?: number; userId?: number; organisationId?: number }): boolean {
  const roles: Role[] = person.role === 'anonymous' ? ['anonymous'] : ['authenticated', person.role].filter((r, i, a) => a.indexOf(r) === i) as Role[];
  return roles.some((role) => {
    const scope = (PERMISSIONS[action] as Partial<Record<Role, Scope>>)[role];
    if (scope === 'any') return true;
    if (scope === 'own_institution') return record.institutionId === home && role !== 'authenticated';
    if (scope === 'own_organisation') return record.organisationId === homeOrganisation && role === 'organisation_member';
    if (scope === 'self') return record.userId === users[person.key];
    return false;
  });
}

async function snapshot() {
  const { rows } = await db.pool.query(`select
    (select count(*) from institution) institutions, (select coalesce(sum(version), 0) from institution) versions,
    (select count(*) from membership) memberships, (select count(*) from app_user) users,
    (select coalesce(sum(version), 0) from app_user) user_versions, (select count(*) from app_user where active) active_users,
    (select count(*) from audit_log) audit, (select count(*) from recommendation) recommendations,
    (select count(*) from assignment) assignments, (select count(*) from password_token) tokens,
    (select count(*) from mail_outbox) mails, (select coalesce(sum(version), 0) from assignment) assignment_versions,
    (select count(*) from action_report) actions, (select coalesce(sum(version), 0) from action_report) action_versions,
    (select count(*) from action_transition) transitions, (select count(*) from action_evidence) evidence,
    (select count(*) from implementation_assessment) assessments,
    (select count(*) from reporting_round) rounds, (select count(*) from report_version) report_versions,
    (select coalesce(sum(version), 0) from report_draft) report_draft_versions,
    (select count(*) from report_cluster) clusters, (select coalesce(sum(version), 0) from report_cluster) cluster_versions,
    (select md5(coalesce(string_agg(recommendation_id || ':' || cluster_id, ',' order by recommendation_id), '')) from report_cluster_member) cluster_members, (select coalesce(sum(version), 0) from indicator) indicator_versions,
    (select count(*) from indicator) indicators, (select count(*) from indicator_measurement) measurements, (select coalesce(sum(version), 0) from reporting_round) round_versions, (select md5(string_agg(label::text, '|' order by id)) from status_scale_step) scales,
    (select count(*) from reporting_obligation) obligations, (select coalesce(sum(version), 0) from reporting_obligation) obligation_versions,
    (select coalesce(sum(version), 0) from treaty_ratification where iso3 = 'PRY') ratification_versions,
    (select count(*) from organisation) organisations, (select coalesce(sum(version), 0) from organisation) organisation_versions,
    (select count(*) from contribution) contributions, (select coalesce(sum(version), 0) from contribution) contribution_versions,
    (select count(*) from contribution_evidence) contribution_evidence, (select count(*) from abuse_report) abuse_reports,
    (select coalesce(sum(version), 0) from instance_settings) settings_versions, (select count(*) from instance_logo) logos,
    (select count(*) from vocabulary_term) terms, (select coalesce(sum(version), 0) from vocabulary_term) term_versions,
    (select count(*) from mechanism) mechanisms, (select coalesce(sum(version), 0) from mechanism) mechanism_versions,
    (select count(*) from plan) plans, (select coalesce(sum(version), 0) from plan) plan_versions,
    (select count(*) from plan_objective) plan_objectives, (select coalesce(sum(version), 0) from plan_objective) plan_objective_versions,
    (select count(*) from plan_activity) plan_activities, (select coalesce(sum(version), 0) from plan_activity) plan_activity_versions,
    (select count(*) from plan_activity_transition) plan_activity_transitions, (select count(*) from plan_revision) plan_revisions,
    (select count(*) from network_state) network_states, (select coalesce(sum(version), 0) from network_state) network_state_versions,
    (select count(*) from network_status_change) network_status_changes, (select count(*) from network_role) network_roles,
    (select count(*) from network_join_request) join_requests, (select coalesce(sum(version), 0) from network_join_request) join_request_versions,
    (select count(*) from network_committee_term) committee_terms, (select count(*) from network_meeting) meetings,
    (select coalesce(sum(version), 0) from network_meeting) meeting_versions, (select count(*) from network_agenda_item) agenda_items,
    (select count(*) from network_attendance) attendance, (select count(*) from network_proposal) proposals,
    (select coalesce(sum(version), 0) from network_proposal) proposal_versions, (select count(*) from network_vote) votes,
    (select coalesce(sum(version), 0) from network_committee_rule) committee_rule_versions,
    (select count(*) from network_minutes) minutes, (select string_agg(state, ',' order by id) from network_minutes) minutes_states,
    (select count(*) from network_resource) resources, (select coalesce(sum(version), 0) from network_resource) resource_versions,
    (select count(*) from network_resource_file) resource_files, (select coalesce(sum(version), 0) from network_hub_settings) hub_settings_versions,
    (select count(*) from network_cooperation) cooperation, (select coalesce(sum(version), 0) from network_cooperation) cooperation_versions,
    (select count(*) from network_cooperation_response) cooperation_responses, (select count(*) from network_cooperation_agreement) agreements,
    (select coalesce(sum(version), 0) from network_cooperation_agreement) agreement_versions`);
  return rows[0];
}

beforeAll(async () => {
  db = await connectTestDatabase();
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', instanceRole: 'hub' });
  await resetPeople(db);
  await db.pool.query(`truncate network_cooperation_agreement, network_cooperation_response, network_cooperation, network_resource_file, network_resource,
    network_hub_settings, network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  await db.pool.query(`insert into network_state (iso3, status, joined_on) values ('PRY', 'member', '2024-05-01'), ('ARG', 'member', '2024-05-01'),
    ('MAR', 'member', '2024-05-01'), ('PRT', 'member', '2024-05-01'), ('SEN', 'observer', '2024-05-01'), ('ECU', 'observer', '2024-05-01')`);
  await importRecommendations(db.pool, Buffer.from('mechanism,country,language,date,paragraph,symbol,text\nUPR,PRY,es,2021-03-01,1,A/HRC/48/9,Texto\n'),
    { fileName: 'one.csv', format: 'csv', actor: 'system:test' });
  home = await createInstitution(db, 'Ministry of Education');
  other = await createInstitution(db, 'Ministry of Health');
  homeOrganisation = await createOrganisation(db, 'Civil society group');
  const signedIn = await signInRoles(app, db, PEOPLE, { institution: home, organisation: homeOrganisation, state: 'PRY' });
  // The deputy votes for ARG, whose focal point is absent at the meetings of the cases.
  await db.pool.query(`update network_role set iso3 = 'ARG' where role = 'state_deputy'`);
  // The Network allows partners to contribute to the knowledge hub (the table lets them; the setting decides).
  await db.pool.query('insert into network_hub_settings (partners_may_contribute) values (true)');
  const joinForm = new FormData();
  joinForm.append('request', JSON.stringify({
    iso3: 'URY', requested_status: 'member', requester_name: 'R', requester_email: 'r@example.org', focal_point_name: 'F', focal_point_email: 'f@example.org', declaration_adopted_on: '2025-01-01',
  }));
  joinForm.append('file', new Blob([new Uint8Array(PDF)]), 'communication.pdf');
  joinRequestWithFile = (await app.inject({ method: 'POST', url: '/api/v1/network/join-requests', payload: joinForm })).json().id;
  for (const person of PEOPLE) {
    sessions[person.key] = signedIn[person.key].session;
    if (signedIn[person.key].userId !== null) users[person.key] = signedIn[person.key].userId!;
  }
  const { rows } = await db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility)
    select id, $1, 'lead' from recommendation limit 1 returning recommendation_id`, [home]);
  assignedRecommendation = Number(rows[0].recommendation_id);
  await db.pool.query('truncate suggestion_model cascade');
  suggestionModel = await storeSmallModel(db.pool);
  round = (await db.pool.query(`insert into reporting_round (title, opens_on, due_on) values ('{"en":"Round"}', '2030-01-01', '2030-06-30') returning id`)).rows[0].id;
  // A published report with a file, uploaded through the API by its focal point.
  const action = await actionIn('returned');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)]), 'decree.pdf');
  const uploaded = await app.inject({ method: 'POST', url: `/api/v1/actions/${action}/evidence/files`, payload: form, headers: as(sessions['focal point']) });
  await db.pool.query(`update action_report set state = 'published' where id = $1`, [action]);
  evidenceFile = { action, evidence: uploaded.json().evidence[0].id };
  // A published contribution with a file, uploaded through the API by the organisation member.
  const contribution = await contributionIn('pending');
  const contributionForm = new FormData();
  contributionForm.append('file', new Blob([new Uint8Array(PDF)]), 'report.pdf');
  const attached = await app.inject({ method: 'POST', url: `/api/v1/contributions/${contribution}/evidence/files`, payload: contributionForm, headers: as(sessions['organisation member']) });
  await db.pool.query(`update contribution set state = 'approved' where id = $1`, [contribution]);
  contributionFile = { contribution, evidence: attached.json().evidence[0].id };
});
afterAll(async () => {
  await db.pool.query('truncate suggestion_model cascade');
  await db.pool.query('truncate report_cluster_member, report_cluster');
  await db.pool.query(`truncate network_cooperation_agreement, network_cooperation_response, network_cooperation, network_resource_file, network_resource,
    network_hub_settings, network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  await db.pool.query(`delete from instance_logo; delete from instance_settings;
    delete from vocabulary_alias where term_id in (select id from vocabulary_term where key like 'authz_term_%');
    delete from vocabulary_term where key like 'authz_term_%';
    delete from mechanism_alias where mechanism_id in (select id from mechanism where code like 'AUTHZ-%');
    delete from mechanism where code like 'AUTHZ-%'`);
  await app.close();
  await db.close();
});

describe('every protected endpoint has authorization cases', () => {
  it('lists a case for each route that checks a permission', () => {
    const protectedRoutes = app.routeAccess.filter((r) => r.access !== 'public').map((r) => `${r.method} ${r.url}`);
    expect(protectedRoutes.length).toBeGreaterThan(8);
    expect(protectedRoutes.filter((key) => !CASES[key]), 'routes without a case in server/authz.test.ts').toEqual([]);
  });
});

describe.each(PEOPLE)('as $key', (person) => {
  const routes = () => app.routeAccess.filter((r) => r.access !== 'public');
  it('gets exactly the status the permissions table implies on every endpoint', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      for (const testCase of CASES[`${route.method} ${route.url}`] ?? []) {
        const { url, payload } = await testCase.request();
        const permitted = allowed(person, route.access as Action, testCase.record());
        const hidden = route.method === 'GET' && route.url === '/api/v1/users/:id'; // others' accounts are not confirmed to exist
        const unseen = testCase.visibleTo && !testCase.visibleTo(person);
        const visitorRefused = person.role === 'anonymous' && !isPublic(route.access as Action);
        const expected = visitorRefused ? 401 : unseen ? 404 : permitted ? testCase.success : hidden ? 404 : 403;
        const before = await snapshot();
        const response = await app.inject({ method: route.method as 'GET', url, payload, headers: as(sessions[person.key]) });
        if (response.statusCode !== expected) failures.push(`${route.method} ${url}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
        if (!permitted && route.method !== 'GET') {
          const after = await snapshot();
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${route.method} ${url}: a refused write changed the database`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
