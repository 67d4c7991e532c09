/**
 * Partial edits, generated from the OpenAPI description: for every PATCH and
 * PUT endpoint, a record with every field set is edited one field of the
 * request body at a time, and a GET before and after shows that the edited
 * field changed and every other one kept its value exactly.
 *
 * The endpoints and their fields come from `app.swagger()`; the table below
 * only says, per endpoint, how to make a record, how to read it back, and a
 * different valid value for each field. An endpoint without an entry, or a
 * field without a value, makes this test fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Action, type Role } from '../shared/permissions';
import { importRecommendations } from './modules/recommendations/use-cases/import-recommendations';
import { testApp } from './test/app';
import { as, createInstitution, createPerson, grantNetworkRole, resetPeople, signIn, type Session } from './test/people';

type Json = Record<string, unknown>;
interface JsonSchema { type?: string; properties?: Record<string, JsonSchema>; default?: unknown }
interface Operation { requestBody?: { content?: Record<string, { schema?: JsonSchema & { required?: string[] } }> } }

// A hub: its routes are the national ones and the Network's.
const t = await testApp({ instanceRole: 'hub' });
await t.app.ready();
const openapi = t.app.swagger() as { paths: Record<string, Partial<Record<'patch' | 'put', Operation>>> };

/** Every edit endpoint of the API, as the OpenAPI description lists it. */
const EDIT_ENDPOINTS = Object.entries(openapi.paths).flatMap(([path, item]) => (['patch', 'put'] as const)
  .filter((method) => item[method])
  .map((method) => ({
    method: method.toUpperCase() as 'PATCH' | 'PUT',
    path,
    /** The route as Fastify spells it (`:id`), as in app.routeAccess. */
    route: path.replace(/\{(\w+)\}/g, ':$1'),
    body: item[method]!.requestBody?.content?.['application/json']?.schema ?? {},
  })));

/** A record to edit: where it lives (the path parameters) and how it reads back. */
interface Target {
  params: Record<string, string | number>;
  /** The record as its GET answers it (reshaped where that makes paths stable: lists keyed by their key). */
  read: () => Promise<Json>;
  /** Anything the values or the paths below depend on (a section key, ids). */
  vars?: Record<string, unknown>;
}

interface FieldEdit {
  /** A valid value different from the one the record was made with. */
  value: unknown | ((target: Target) => unknown);
  /** Where the field shows in the read record (path prefixes); the field's own name when not given. */
  shows?: string[] | ((target: Target) => string[]);
  /** Values the record must read after the edit, by path; when neither this nor `shows` is given, the field reads the value sent. */
  expect?: Record<string, unknown>;
}

interface Fixture {
  /** A fresh record with every field set to something other than its default. */
  create: () => Promise<Target>;
  /** What every accepted edit moves besides the field (version, timestamps). */
  bookkeeping: string[];
  /** One entry per field of the request body (except `version`). */
  edits: Record<string, FieldEdit>;
}

let home: number;
let other: number;
let recommendations: number[];
let uniq = 0;
const sessions: Record<string, Session> = {};
/** Who edits: the first of these whose role may call the endpoint (the focal point's institution is `home`, where every record below lives). */
const EDITORS: { key: string; role: Role }[] = [
  { key: 'focal', role: 'focal_point' }, { key: 'secretariat', role: 'secretariat' }, { key: 'administrator', role: 'administrator' },
  { key: 'hubsecretariat', role: 'hub_secretariat' }, { key: 'statefocal', role: 'state_focal_point' },
];

/** A fresh meeting of the Network (agenda sent, every field set), written by the hub secretariat. */
async function networkMeeting(): Promise<number> {
  const { id } = await api('hubsecretariat', 'POST', '/api/v1/network/meetings', {
    title: `Meeting ${++uniq}`, meets_on: '2031-03-10', place: 'Asunción', online_link: 'https://meet.example.org/a',
  });
  return id;
}

const api = async (who: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) => {
  const response = await t.app.inject({ method, url, payload, headers: as(sessions[who]) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} as ${who}: ${response.statusCode} ${response.body}`);
  return response.json();
};
const byKey = <T extends { key: string }>(items: T[]) => Object.fromEntries(items.map((item) => [item.key, item]));

/** Two activities of `home` in a plan, written through the API by the secretariat. */
async function planActivities(): Promise<number[]> {
  const plan = await api('secretariat', 'POST', '/api/v1/plans', { kind: 'strategy', title: { es: `Plan ${++uniq}` }, original_language: 'es' });
  const ids: number[] = [];
  for (const title of ['Uno', 'Dos']) {
    ids.push((await api('secretariat', 'POST', `/api/v1/plans/${plan.id}/activities`, { institution_id: home, title: { es: title }, original_language: 'es' })).id);
  }
  return ids;
}

/** A draft action report of `home`, written through the API by its focal point. */
async function action(recommendationId: number): Promise<number> {
  return (await api('focal', 'POST', '/api/v1/actions', {
    institution_id: home, title: { es: `Acción ${++uniq}` }, original_language: 'es', action_type: 'data', reach: 'structural', recommendation_ids: [recommendationId],
  })).id;
}

const FIXTURES: Record<string, Fixture> = {
  'PATCH /api/v1/network/states/:iso3': {
    create: async () => {
      const iso3 = (await t.db.pool.query(`select iso3 from country c where un_member and not exists (select 1 from network_state s where s.iso3 = c.iso3) order by iso3 limit 1`)).rows[0].iso3;
      await t.db.pool.query(`insert into network_state (iso3, status, joined_on, nmirf_name, nmirf_type, legal_basis, coordinating_ministries, website, tracking_system)
        values ($1, 'member', '2024-05-01', '{"es": "Comisión"}', 'ministerial', 'Decreto 1', '["Justicia"]', 'https://a.example.org', 'SIMORE')`, [iso3]);
      return { params: { iso3 }, read: () => api('hubsecretariat', 'GET', `/api/v1/network/states/${iso3}`) };
    },
    bookkeeping: ['version'],
    edits: {
      nmirf_name: { value: { en: 'Commission' } },
      nmirf_type: { value: 'parliamentary' },
      legal_basis: { value: 'Law 2' },
      coordinating_ministries: { value: ['Foreign Affairs', 'Justice'] },
      website: { value: 'https://b.example.org' },
      tracking_system: { value: 'IMPACT OSS' },
    },
  },

  'PATCH /api/v1/network/meetings/:id': {
    create: async () => {
      const id = await networkMeeting();
      return { params: { id }, read: () => api('hubsecretariat', 'GET', `/api/v1/network/meetings/${id}`) };
    },
    bookkeeping: ['version'],
    edits: {
      title: { value: 'Renamed meeting' },
      meets_on: { value: '2031-04-15', shows: ['meets_on', 'agenda_deadline'] },
      place: { value: 'Rabat' },
      online_link: { value: 'https://meet.example.org/b' },
    },
  },

  'PUT /api/v1/network/meetings/:id/attendance': {
    create: async () => {
      const id = await networkMeeting();
      await t.db.pool.query(`insert into network_state (iso3, status, joined_on) values ('PRY', 'member', '2024-05-01'), ('ECU', 'observer', '2024-05-01') on conflict do nothing`);
      await t.db.pool.query(`insert into network_attendance (meeting_id, iso3, status) values ($1, 'PRY', 'member')`, [id]);
      return { params: { id }, read: () => api('hubsecretariat', 'GET', `/api/v1/network/meetings/${id}`) };
    },
    bookkeeping: ['version'],
    edits: { present: { value: [{ iso3: 'PRY', focal_point_present: true }, { iso3: 'ECU', focal_point_present: true }], shows: ['attendance'] } },
  },

  'PATCH /api/v1/network/hub/resources/:id': {
    create: async () => {
      const themes = (await t.db.pool.query(`select key from vocabulary_term where vocabulary = 'theme' order by key limit 2`)).rows.map((row) => row.key);
      const { id } = await api('statefocal', 'POST', '/api/v1/network/hub/resources', {
        kind: 'practice', language: 'es', title: `Práctica ${++uniq}`, summary: 'Resumen', body: 'Texto', themes: [themes[0]], mechanisms: ['UPR'], sdgs: [4],
        regions: ['African Group'], nmirf_types: ['ministerial'], link: 'https://a.example.org',
      });
      return { params: { id }, read: () => api('statefocal', 'GET', `/api/v1/network/hub/resources/${id}`), vars: { themes } };
    },
    bookkeeping: ['version', 'updated_at'],
    edits: {
      kind: { value: 'lesson' },
      language: { value: 'pt' },
      title: { value: 'Prática renomeada' },
      summary: { value: 'Outro resumo' },
      body: { value: 'Outro texto' },
      themes: { value: (target: Target) => [(target.vars!.themes as string[])[1]] },
      mechanisms: { value: ['CRC', 'UPR'] },
      sdgs: { value: [5] },
      regions: { value: ['Eastern European Group'] },
      nmirf_types: { value: ['parliamentary'] },
      link: { value: 'https://b.example.org' },
    },
  },

  'PATCH /api/v1/network/cooperation-agreements/:id': {
    create: async () => {
      await t.db.pool.query(`insert into network_state (iso3, status, joined_on) values ('PRY', 'member', '2024-05-01'), ('ARG', 'member', '2024-05-01') on conflict do nothing`);
      const { rows } = await t.db.pool.query(`insert into network_cooperation (kind, iso3, topic, description, help, language) values ('request', 'ARG', 'Request', 'Help', '{training}', 'en') returning id`);
      const agreement = await t.db.pool.query(`insert into network_cooperation_agreement (cooperation_id, parties, description) values ($1, '{ARG,PRY}', 'Sessions') returning id`, [rows[0].id]);
      const read = async () => {
        const detail = await api('hubsecretariat', 'GET', `/api/v1/network/cooperation/${rows[0].id}`);
        return { ...(detail.agreements as Json[])[0] };
      };
      return { params: { id: agreement.rows[0].id }, read };
    },
    bookkeeping: ['version'],
    edits: { status: { value: 'completed' }, description: { value: 'Three sessions' } },
  },

  'PATCH /api/v1/institutions/:id': {
    create: async () => {
      const { id } = await api('secretariat', 'POST', '/api/v1/institutions', {
        name: { es: `Ministerio de Justicia ${++uniq}`, en: `Ministry of Justice ${uniq}` }, acronym: 'MJ', branch: 'judicial',
        type: 'Ministerio', parent_id: home, active: false,
      });
      return { params: { id }, read: () => api('secretariat', 'GET', `/api/v1/institutions/${id}?locale=en`) };
    },
    bookkeeping: ['version'],
    edits: {
      name: { value: { fr: 'Ministère de la Justice' }, shows: ['name', 'names'] },
      acronym: { value: 'MINJUS' },
      branch: { value: 'legislative' },
      type: { value: 'Agencia' },
      parent_id: { value: () => other },
      active: { value: true },
    },
  },

  'PATCH /api/v1/users/:id': {
    create: async () => {
      const id = await createPerson(t.db, `edited${++uniq}@example.org`, 'focal_point', home);
      return { params: { id }, read: () => api('administrator', 'GET', `/api/v1/users/${id}`) };
    },
    bookkeeping: ['version'],
    edits: { active: { value: false } },
  },

  'PUT /api/v1/users/:id/roles': {
    create: async () => {
      const id = await createPerson(t.db, `roles${++uniq}@example.org`, 'focal_point', home);
      return { params: { id }, read: () => api('administrator', 'GET', `/api/v1/users/${id}`) };
    },
    bookkeeping: ['version'],
    edits: { roles: { value: () => [{ role: 'validator', institution_id: home }], shows: ['memberships'] } },
  },

  'PATCH /api/v1/actions/:id': {
    create: async () => {
      const activities = await planActivities();
      const { id } = await api('focal', 'POST', '/api/v1/actions', {
        institution_id: home, title: { es: `Capacitación ${++uniq}`, en: `Training ${uniq}` }, description: { es: 'Talleres', en: 'Workshops' },
        original_language: 'es', action_type: 'training', reach: 'structural', start_date: '2024-01-01', end_date: '2024-12-31', progress: 40,
        budget: { amount: 1000.5, currency: 'PYG', programme: 'P-12' }, recommendation_ids: [recommendations[0]], plan_activity_id: activities[0],
      });
      return { params: { id }, read: () => api('focal', 'GET', `/api/v1/actions/${id}?locale=en`), vars: { activities } };
    },
    bookkeeping: ['version', 'updated_at'],
    edits: {
      title: { value: { es: 'Capacitación docente', en: 'Teacher training' }, shows: ['title', 'titles'] },
      description: { value: { es: 'Cursos', en: 'Courses' }, shows: ['description', 'descriptions'] },
      original_language: { value: 'en' },
      action_type: { value: 'legislative' },
      reach: { value: 'individual' },
      start_date: { value: '2024-02-01' },
      end_date: { value: '2025-06-30' },
      progress: { value: 80 },
      budget: { value: { amount: 2000, currency: 'USD', programme: null } },
      recommendation_ids: { value: () => [recommendations[1]] },
      plan_activity_id: { value: (target: Target) => (target.vars!.activities as number[])[1] },
      completes_activity: { value: true },
    },
  },

  'PATCH /api/v1/indicators/:id': {
    create: async () => {
      const actions = [await action(recommendations[0]), await action(recommendations[1])];
      const { id } = await api('focal', 'POST', '/api/v1/indicators', {
        institution_id: home, name: { es: `Tasa de matrícula ${++uniq}`, en: `Enrolment rate ${uniq}` }, kind: 'process', unit: '%',
        baseline: { value: 10, date: '2020-01-01' }, target: { value: 50, date: '2030-12-31' }, disaggregation: ['sex', 'age_group'],
        sdg_indicator: '4.1.1', data_source: 'Censo', frequency: 'annual', recommendation_ids: [recommendations[0]], action_ids: [actions[0]],
      });
      return { params: { id }, read: () => api('focal', 'GET', `/api/v1/indicators/${id}?locale=en`), vars: { actions } };
    },
    bookkeeping: ['version'],
    edits: {
      name: { value: { fr: 'Taux de scolarisation' }, shows: ['name', 'names'] },
      kind: { value: 'outcome' },
      unit: { value: 'pp' },
      baseline: { value: { value: 5, date: '2019-06-30' } },
      target: { value: { value: 60, date: '2029-12-31' } },
      disaggregation: { value: ['area'] },
      sdg_indicator: { value: '4.1.2', expect: { 'sdg_indicator.code': '4.1.2' } },
      data_source: { value: 'Encuesta de hogares' },
      frequency: { value: 'quarterly' },
      recommendation_ids: { value: () => [recommendations[1]] },
      action_ids: { value: (target: Target) => [(target.vars!.actions as number[])[1]] },
    },
  },

  'PATCH /api/v1/rounds/:id': {
    create: async () => {
      const { id } = await api('secretariat', 'POST', '/api/v1/rounds', {
        title: { es: `Ronda ${++uniq}`, en: `Round ${uniq}` },
        scope: { mechanisms: ['UPR', 'CRC'], recommendation_ids: [recommendations[0]], institution_ids: [home] },
        opens_on: '2030-01-01', due_on: '2030-06-30', reminder_days: [20, 10], escalate_to_validator_after_days: 4, escalate_to_secretariat_after_days: 9,
      });
      return { params: { id }, read: () => api('secretariat', 'GET', `/api/v1/rounds/${id}?locale=en`) };
    },
    bookkeeping: ['version'],
    edits: {
      title: { value: { fr: 'Cycle de rapports' }, shows: ['title', 'titles'] },
      scope: { value: () => ({ mechanisms: ['CAT'], recommendation_ids: [recommendations[1]], institution_ids: [other] }) },
      opens_on: { value: '2030-02-01' },
      due_on: { value: '2030-07-31' },
      reminder_days: { value: [30] },
      escalate_to_validator_after_days: { value: 5 },
      escalate_to_secretariat_after_days: { value: 12 },
      closed: { value: true },
    },
  },

  'PATCH /api/v1/reports/:id/sections/:key': {
    create: async () => {
      const report = await api('secretariat', 'POST', '/api/v1/reports', {
        template: 'custom', title: `Informe ${++uniq}`, language: 'es', grouping: 'paragraph', recommendation_ids: recommendations,
      });
      const key = report.sections[report.sections.length - 1].key as string;
      // Every section edited once, so that each has a text of its own to keep.
      let version = report.version as number;
      for (const section of report.sections as { key: string }[]) {
        version = (await api('secretariat', 'PATCH', `/api/v1/reports/${report.id}/sections/${section.key}`, { version, text: `Texto de ${section.key}` })).version;
      }
      const read = async () => {
        const current = await api('secretariat', 'GET', `/api/v1/reports/${report.id}`);
        return { ...current, sections: byKey(current.sections) };
      };
      return { params: { id: report.id, key }, read, vars: { key } };
    },
    bookkeeping: ['version', 'updated_at'],
    edits: {
      text: {
        value: 'Texto revisado',
        shows: (target: Target) => ['text', 'edited_at'].map((field) => `sections.${target.vars!.key}.${field}`),
      },
    },
  },

  'PATCH /api/v1/report-clusters/:id': {
    create: async () => {
      const { id } = await api('secretariat', 'POST', '/api/v1/report-clusters', { label: { es: `Grupo ${++uniq}`, en: `Cluster ${uniq}` }, position: 1 });
      await api('secretariat', 'POST', '/api/v1/report-clusters', { label: { es: `Otro ${++uniq}` } });
      const read = async () => (await api('secretariat', 'GET', '/api/v1/report-clusters?locale=en')).items.find((c: { id: number }) => c.id === id);
      return { params: { id }, read };
    },
    bookkeeping: ['version'],
    edits: {
      label: { value: { fr: 'Regroupement' }, shows: ['label', 'name'] },
      position: { value: 2 },
    },
  },

  'PATCH /api/v1/plans/:id': {
    create: async () => {
      const { id } = await api('secretariat', 'POST', '/api/v1/plans', {
        kind: 'national_action_plan', title: { es: `Plan nacional ${++uniq}`, en: `National plan ${uniq}` }, description: { es: 'Derechos', en: 'Rights' },
        original_language: 'es', period_start: '2025-01-01', period_end: '2028-12-31', adopted_on: '2024-12-15', legal_instrument: 'Decreto 1/2024',
        adoption_url: 'https://example.org/decreto',
      });
      return { params: { id }, read: async () => ({ ...(await api('secretariat', 'GET', `/api/v1/plans/${id}?locale=en`)), revisions: (await api('secretariat', 'GET', `/api/v1/plans/${id}/revisions`)).items }) };
    },
    bookkeeping: ['version', 'updated_at'],
    edits: {
      kind: { value: 'strategy' },
      title: { value: { es: 'Plan nacional revisado', en: 'Revised national plan' }, shows: ['title', 'titles'] },
      description: { value: { es: 'Otros', en: 'Others' }, shows: ['description', 'descriptions'] },
      original_language: { value: 'en' },
      period_start: { value: '2025-02-01' },
      period_end: { value: '2029-12-31' },
      adopted_on: { value: '2024-12-20' },
      legal_instrument: { value: 'Ley 2/2025' },
      adoption_url: { value: 'https://example.org/ley' },
      // On a draft, a change that gives a reason is kept as a revision.
      revision_reason: { value: 'Corrección', shows: ['revisions'] },
    },
  },

  'PATCH /api/v1/plan-objectives/:id': {
    create: async () => {
      const plan = await api('secretariat', 'POST', '/api/v1/plans', { kind: 'strategy', title: { es: `Plan ${++uniq}` }, original_language: 'es' });
      const axes = [await api('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'axis', title: { es: 'Eje 1' } }),
        await api('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'axis', title: { es: 'Eje 2' } })];
      const { id } = await api('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'objective', parent_id: axes[0].id, code: '1.1', position: 1, title: { es: 'Acceso', en: 'Access' } });
      const read = async () => {
        const detail = await api('secretariat', 'GET', `/api/v1/plans/${plan.id}?locale=en`);
        return { ...detail.objectives.find((o: { id: number }) => o.id === id), revisions: (await api('secretariat', 'GET', `/api/v1/plans/${plan.id}/revisions`)).items };
      };
      return { params: { id }, read, vars: { axes: axes.map((a) => a.id) } };
    },
    bookkeeping: ['version'],
    edits: {
      parent_id: { value: (target: Target) => (target.vars!.axes as number[])[1] },
      level: { value: 'result' },
      code: { value: '1.2' },
      position: { value: 3 },
      title: { value: { fr: 'Accès' }, shows: ['title', 'titles'] },
      revision_reason: { value: 'Renumeración', shows: ['revisions'] },
    },
  },

  ...Object.fromEntries((['PATCH /api/v1/plan-activities/:id', 'PATCH /api/v1/plan-activities/:id/proposal'] as const).map((key) => {
    const proposal = key.endsWith('/proposal');
    const fixture: Fixture = {
      create: async () => {
        const plan = await api('secretariat', 'POST', '/api/v1/plans', { kind: 'strategy', title: { es: `Plan ${++uniq}` }, original_language: 'es' });
        const objectives = [await api('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'axis', title: { es: 'Eje 1' } }),
          await api('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'axis', title: { es: 'Eje 2' } })].map((o) => o.id);
        const indicators = [];
        for (const name of ['Tasa', 'Cobertura']) {
          indicators.push((await api('focal', 'POST', '/api/v1/indicators', { institution_id: home, name: { es: `${name} ${++uniq}` }, kind: 'process', unit: '%', frequency: 'annual' })).id);
        }
        const third = await createInstitution(t.db, `Ministerio ${++uniq}`);
        const { id } = await api(proposal ? 'focal' : 'secretariat', 'POST', `/api/v1/plans/${plan.id}/${proposal ? 'proposals' : 'activities'}`, {
          objective_id: objectives[0], institution_id: home, co_responsible_ids: [other], title: { es: 'Formación docente', en: 'Teacher training' },
          description: { es: 'Cursos', en: 'Courses' }, original_language: 'es', start_date: '2025-01-01', end_date: '2026-12-31',
          milestones: [{ title: 'Currículo', due_on: '2025-06-30' }], budget: { amount: 1000.5, currency: 'PYG', programme: 'P-12' },
          recommendation_ids: [recommendations[0]], sdg_targets: ['4.1'], indicator_ids: [indicators[0]], position: 1,
        });
        const read = async () => ({
          ...(await api(proposal ? 'focal' : 'secretariat', 'GET', `/api/v1/plan-activities/${id}?locale=en`)),
          revisions: (await api('secretariat', 'GET', `/api/v1/plans/${plan.id}/revisions`)).items,
        });
        return { params: { id }, read, vars: { objectives, indicators, third } };
      },
      bookkeeping: ['version'],
      edits: {
        objective_id: { value: (target: Target) => (target.vars!.objectives as number[])[1] },
        ...(proposal ? {} : { institution_id: { value: (target: Target) => target.vars!.third, shows: ['institution'] } }),
        co_responsible_ids: { value: [], shows: ['co_responsible'] },
        title: { value: { es: 'Formación', en: 'Training' }, shows: ['title', 'titles'] },
        description: { value: { es: 'Talleres', en: 'Workshops' }, shows: ['description', 'descriptions'] },
        original_language: { value: 'en' },
        start_date: { value: '2025-02-01' },
        end_date: { value: '2027-06-30' },
        milestones: { value: [{ title: 'Currículo aprobado', due_on: '2025-09-30' }] },
        budget: { value: { amount: 2000, currency: 'USD', programme: null } },
        recommendation_ids: { value: () => [recommendations[1]] },
        sdg_targets: { value: ['4.c'] },
        indicator_ids: { value: (target: Target) => [(target.vars!.indicators as number[])[1]] },
        position: { value: 4 },
        ...(proposal ? {} : { revision_reason: { value: 'Ajuste', shows: ['revisions'] } }),
      },
    };
    return [key, fixture];
  })),

  'PATCH /api/v1/obligations/:id': {
    create: async () => {
      const { id } = await api('secretariat', 'POST', '/api/v1/obligations', {
        kind: 'regional_request', mechanism: 'IACHR', instrument: 'CRC', title: { es: `Solicitud ${++uniq}`, en: `Request ${uniq}` },
        due_on: '2030-05-01', notes: 'Pedido de información',
      });
      return { params: { id }, read: () => api('secretariat', 'GET', `/api/v1/obligations/${id}?locale=en`) };
    },
    bookkeeping: ['version'],
    edits: {
      title: { value: { fr: 'Demande d’information' }, shows: ['title', 'titles'] },
      mechanism: { value: 'CRC', expect: { 'mechanism.code': 'CRC' } },
      instrument: { value: 'CAT', expect: { 'instrument.code': 'CAT' } },
      due_on: { value: '2031-01-31' },
      notes: { value: 'Otra nota' },
    },
  },

  'PATCH /api/v1/ratifications/:instrument': {
    create: async () => {
      const read = async () => {
        const { items } = await api('secretariat', 'GET', '/api/v1/ratifications?locale=en');
        return items.find((item: { instrument: { code: string } }) => item.instrument.code === 'CRC');
      };
      const { version } = await read();
      await api('secretariat', 'PATCH', '/api/v1/ratifications/CRC', { version, status: 'party', year: 1990 + (++uniq % 10), periodicity_years: 4 });
      return { params: { instrument: 'CRC' }, read };
    },
    bookkeeping: ['version', 'source'],
    edits: {
      // A year is the year the State became a party: leaving party status clears it.
      status: { value: 'signatory', shows: ['status', 'year'], expect: { year: null } },
      year: { value: 2001 },
      periodicity_years: { value: 6, shows: ['instrument.periodicity_years'] },
    },
  },

  'PUT /api/v1/admin/settings/logo': {
    create: async () => ({ params: {}, read: () => api('administrator', 'GET', '/api/v1/admin/settings') }),
    bookkeeping: ['version', 'updated_at', 'updated_by'],
    edits: { data: { value: () => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><title>${++uniq}</title></svg>`).toString('base64'), shows: ['logo'] } },
  },

  'PUT /api/v1/status-scales/:assessor': {
    create: async () => {
      await api('administrator', 'PUT', '/api/v1/status-scales/nhri', { steps: [
        { key: 'pending', label: { es: 'Pendiente', en: 'Pending' }, active: true },
        { key: 'retired', label: { es: 'Retirado', en: 'Retired' }, active: false },
        { key: 'done', label: { es: 'Cumplida', en: 'Done' }, active: true },
      ] });
      const read = async () => {
        const scales = await api('administrator', 'GET', '/api/v1/status-scales?locale=en');
        return Object.fromEntries(Object.entries(scales).map(([kind, steps]) => [kind, byKey(steps as { key: string }[])]));
      };
      return { params: { assessor: 'nhri' }, read };
    },
    bookkeeping: [],
    edits: {
      // Relabelled, without saying again that the retired step is retired: it stays retired.
      steps: {
        value: [
          { key: 'pending', label: { es: 'Sin avances' } },
          { key: 'retired', label: { es: 'Retirado (antiguo)' } },
          { key: 'done', label: { es: 'Cumplida' } },
        ],
        shows: ['nhri'],
        expect: { 'nhri.retired.active': false, 'nhri.pending.active': true, 'nhri.retired.labels.es': 'Retirado (antiguo)' },
      },
    },
  },
};

/** path → value of every leaf (arrays by index; empty lists and objects are leaves). */
function leaves(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out[prefix] = JSON.stringify(value);
  }
  return out;
}
const under = (path: string, prefixes: string[]) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));

let crcBefore: { status: string; year: number | null; source: string; periodicity: number | null };
let nhriBefore: unknown;

beforeAll(async () => {
  await resetPeople(t.db);
  home = await createInstitution(t.db, 'Ministry of Education');
  other = await createInstitution(t.db, 'Ministry of Health');
  await t.db.pool.query(`truncate network_cooperation_agreement, network_cooperation_response, network_cooperation, network_resource_file, network_resource,
    network_hub_settings, network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  for (const { key, role } of EDITORS) {
    if (role === 'hub_secretariat' || role === 'state_focal_point') {
      if (role === 'state_focal_point') await t.db.pool.query(`insert into network_state (iso3, status, joined_on) values ('PRY', 'member', '2024-05-01') on conflict do nothing`);
      await grantNetworkRole(t.db, await createPerson(t.db, `${key}@example.org`), role, role === 'state_focal_point' ? 'PRY' : null);
      sessions[key] = await signIn(t.app, `${key}@example.org`);
      continue;
    }
    await createPerson(t.db, `${key}@example.org`, role as 'focal_point', home);
    sessions[key] = await signIn(t.app, `${key}@example.org`);
  }
  await importRecommendations(t.db.pool, Buffer.from('mechanism,country,language,date,paragraph,symbol,text\n'
    + 'UPR,PRY,es,2021-03-01,901,A/HRC/48/9,Texto uno\nUPR,PRY,es,2021-03-01,902,A/HRC/48/9,Texto dos\n'), { fileName: 'two.csv', format: 'csv', actor: 'system:test' });
  const { rows } = await t.db.pool.query(`select id from recommendation where document_symbol = 'A/HRC/48/9' and paragraph in ('901', '902') order by paragraph`);
  recommendations = rows.map((row) => Number(row.id));
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) select unnest($1::bigint[]), $2, 'lead'`, [recommendations, home]);
  // Reference rows this test edits, put back afterwards.
  crcBefore = (await t.db.pool.query(`select r.status, r.year, r.source, i.periodicity_years as periodicity from treaty_ratification r
    join treaty_instrument i on i.code = r.instrument_code where r.iso3 = 'PRY' and r.instrument_code = 'CRC'`)).rows[0];
  nhriBefore = (await api('administrator', 'GET', '/api/v1/status-scales')).nhri;
});

afterAll(async () => {
  // The logo fixture saved the instance's settings: back to the defaults (later test files read mail as MAIL_FROM says).
  await t.db.pool.query('delete from instance_logo; delete from instance_settings');
  await t.db.pool.query(`truncate network_cooperation_agreement, network_cooperation_response, network_cooperation, network_resource_file, network_resource,
    network_hub_settings, network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  await t.db.pool.query(`update treaty_ratification set status = $1, year = $2, source = $3 where iso3 = 'PRY' and instrument_code = 'CRC'`,
    [crcBefore.status, crcBefore.year, crcBefore.source]);
  await t.db.pool.query(`update treaty_instrument set periodicity_years = $1 where code = 'CRC'`, [crcBefore.periodicity]);
  await api('administrator', 'PUT', '/api/v1/status-scales/nhri', {
    steps: (nhriBefore as { key: string; labels: Json; active: boolean }[]).map(({ key, labels, active }) => ({ key, label: labels, active })),
  });
  await t.close();
});

describe('the OpenAPI description lists the edit endpoints', () => {
  it('has PATCH and PUT endpoints to test', () => {
    expect(EDIT_ENDPOINTS.length).toBeGreaterThan(5);
  });
});

describe.each(EDIT_ENDPOINTS.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const))('%s', (_, { method, route, body }) => {
  it('changes only the field sent, one field at a time, and says no field defaults when left out', async () => {
    const fixture = FIXTURES[`${method} ${route}`];
    const properties = body.properties ?? {};
    const fields = Object.keys(properties).filter((field) => field !== 'version');
    // A PUT whose body requires every one of several fields replaces the whole record (the
    // instance's settings, a term's names and aliases): there is no partial edit to test, and
    // its own tests check what a save changes. Any other PUT, and every PATCH, needs a fixture.
    const required = (body as { required?: string[] }).required ?? [];
    if (method === 'PUT' && fields.length > 1 && fields.every((field) => required.includes(field))) {
      expect(fixture, `${method} ${route} replaces the whole record: it needs no fixture`).toBeUndefined();
      return;
    }
    expect(fixture, `no fixture for ${method} ${route} in server/edits.test.ts`).toBeDefined();
    expect(Object.keys(fixture.edits).sort(), 'a different value for each field of the request body').toEqual([...fields].sort());
    const failures: string[] = [];
    // A partial edit fills in nothing: the description shows no default for a field left out.
    if (method === 'PATCH') {
      for (const field of fields.filter((name) => properties[name].default !== undefined)) failures.push(`${field}: has a default in the request body`);
    }

    const access = t.app.routeAccess.find((r) => r.method === method && r.url === route)?.access as Action;
    const editor = EDITORS.find(({ role }) => (PERMISSIONS[access] as Partial<Record<Role, unknown>> | undefined)?.[role]);
    expect(editor, `someone of ${EDITORS.map((e) => e.role).join(', ')} who may ${access}`).toBeDefined();

    for (const field of fields) {
      const target = await fixture.create();
      const edit = fixture.edits[field];
      const before = await target.read();
      const value = typeof edit.value === 'function' ? (edit.value as (t: Target) => unknown)(target) : edit.value;
      const payload = { [field]: value, ...('version' in properties ? { version: before.version } : {}) };
      const url = route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(target.params[name])));
      const response = await t.app.inject({ method, url, payload, headers: as(sessions[editor!.key]) });
      if (response.statusCode !== 200) {
        failures.push(`${field}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        continue;
      }
      const after = await target.read();
      const shows = typeof edit.shows === 'function' ? edit.shows(target) : edit.shows ?? [field];
      const [was, is] = [leaves(before), leaves(after)];
      const changed = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((p) => was[p] !== is[p]);
      const elsewhere = changed.filter((p) => !under(p, [...shows, ...fixture.bookkeeping]));
      if (elsewhere.length) {
        failures.push(`${field}: also changed ${elsewhere.map((p) => `${p} ${was[p] ?? '(none)'} → ${is[p] ?? '(none)'}`).join(', ')}`);
      }
      if (!changed.some((p) => under(p, shows))) failures.push(`${field}: did not change (${shows.join(', ')})`);
      const expected = edit.expect ? leaves(edit.expect) : edit.shows ? {} : leaves(value, field);
      for (const [p, wanted] of Object.entries(expected)) {
        if (is[p] !== wanted) failures.push(`${field}: ${p} reads ${is[p]}, expected ${wanted}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
