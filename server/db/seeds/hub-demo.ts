/**
 * Demo data of a hub (INSTANCE_ROLE=hub) on an empty database: the States are real ISO 3166
 * entries with their UN regional groups (reference data), everything else is made up for the demo
 * — the NMIRF profiles, the people (fictitious names, demo.example.org addresses), the Committee,
 * the meetings. Every name says "(demo)". One login per hub role, sharing the published demo
 * password of the national demo: never on a real hub (SEED_DEMO=false).
 */
import type pg from 'pg';
import { termEnd } from '../../../shared/network/committee';
import type { NetworkRole } from '../../../shared/network/roles';
import { createUser } from '../../modules/auth/use-cases/create-user';
import { addDays, addMonths, utcToday } from '../../platform/clock';
import { inTransaction } from '../../platform/db/database';
import { DEMO_PASSWORD } from './demo';

/** Demo States: members with an invented NMIRF profile, and observers. */
const DEMO_STATES = [
  { iso3: 'PRY', status: 'member', founding: true, name: 'Sistema de Monitoreo de Recomendaciones (demo)', type: 'inter_ministerial', system: 'SIMORE Plus' },
  { iso3: 'MAR', status: 'member', founding: true, name: 'Mécanisme national de suivi (démo)', type: 'ministerial', system: 'Own system' },
  { iso3: 'PRT', status: 'member', founding: true, name: 'Comissão Nacional de Direitos Humanos (demo)', type: 'inter_ministerial', system: 'Own system' },
  { iso3: 'GEO', status: 'member', founding: false, name: 'Inter-agency Council (demo)', type: 'inter_ministerial', system: 'OHCHR National Recommendations Tracking Database' },
  { iso3: 'PHL', status: 'member', founding: false, name: 'Presidential Human Rights Committee (demo)', type: 'institutionally_separate', system: 'IMPACT OSS' },
  { iso3: 'CRI', status: 'member', founding: false, name: 'Comisión Interinstitucional (demo)', type: 'inter_ministerial', system: 'SIMORE Plus' },
  { iso3: 'ECU', status: 'observer', founding: false, name: null, type: null, system: '' },
  { iso3: 'SEN', status: 'observer', founding: false, name: null, type: null, system: '' },
] as const;

/** Demo contributions to the knowledge hub (fictitious; "(demo)" in every title). */
const DEMO_RESOURCES = [
  {
    kind: 'practice', language: 'es', iso3: 'PRY', state: 'published', mechanisms: ['UPR'], sdgs: [16], regions: ['Latin American and Caribbean Group'], nmirf_types: ['inter_ministerial'],
    title: 'Educación de los puntos focales en el seguimiento de recomendaciones (demo)',
    summary: 'Un programa ficticio de formación de los puntos focales de cada institución en el uso del sistema de seguimiento.',
    body: 'Ejemplo de demostración: talleres trimestrales, una guía breve y un foro de preguntas entre instituciones.',
  },
  {
    kind: 'lesson', language: 'fr', iso3: 'MAR', state: 'published', mechanisms: ['CEDAW'], sdgs: [5], regions: ['African Group'], nmirf_types: ['ministerial'],
    title: 'Leçons de la consultation de la société civile (démo)',
    summary: 'Une leçon fictive : consulter la société civile avant de rédiger le rapport améliore l’égalité de la participation.',
    body: 'Exemple de démonstration.',
  },
  {
    kind: 'event_report', language: 'en', iso3: 'PRT', state: 'submitted', mechanisms: ['UPR'], sdgs: [17], regions: ['Western European and Others Group'], nmirf_types: ['inter_ministerial'],
    title: 'Report of a regional exchange on tracking systems (demo)',
    summary: 'A fictitious event report waiting for the hub secretariat\'s moderation.',
    body: 'Demo example.',
  },
] as const;

/** One login per hub role (fictitious people). */
export const HUB_DEMO_LOGINS: { email: string; name: string; role: NetworkRole; iso3: string | null }[] = [
  { email: 'hub.secretariat@demo.example.org', name: 'Ana Secretaría (demo)', role: 'hub_secretariat', iso3: null },
  { email: 'coordinator@demo.example.org', name: 'Carlos Coordinador (demo)', role: 'coordinator', iso3: null },
  { email: 'committee@demo.example.org', name: 'Amina Comité (demo)', role: 'committee_member', iso3: null },
  { email: 'focal.pry@demo.example.org', name: 'Lucía Punto Focal PRY (demo)', role: 'state_focal_point', iso3: 'PRY' },
  { email: 'deputy.pry@demo.example.org', name: 'Diego Suplente PRY (demo)', role: 'state_deputy', iso3: 'PRY' },
  { email: 'observer.ecu@demo.example.org', name: 'Olga Observadora ECU (demo)', role: 'observer_representative', iso3: 'ECU' },
  { email: 'partner@demo.example.org', name: 'Pablo Partner (demo)', role: 'partner', iso3: null },
];

/** Loads the hub's demo into a database with no account and no State in the registry yet. */
export async function seedHubDemo(pool: pg.Pool, today = utcToday()): Promise<boolean> {
  const { rows } = await pool.query('select exists (select 1 from app_user) as users, exists (select 1 from network_state) as states');
  if (rows[0].users || rows[0].states) return false;
  await inTransaction(pool, async (tx) => {
    const joined = addDays(today, -400);
    for (const state of DEMO_STATES) {
      await tx.query(
        `insert into network_state (iso3, status, founding, joined_on, declaration_adopted_on, nmirf_name, nmirf_type, legal_basis, tracking_system)
         values ($1, $2, $3, $4, $4, $5, $6, $7, $8)`,
        [state.iso3, state.status, state.founding, joined, JSON.stringify(state.name ? { en: state.name } : {}), state.type,
          state.name ? 'Decree (demo)' : '', state.system]);
      await tx.query(`insert into network_status_change (iso3, from_status, to_status, changed_on, reason) values ($1, null, $2, $3, $4)`,
        [state.iso3, state.status, joined, state.founding ? 'founding participant (demo)' : 'join request (demo)']);
    }
    const users = new Map<string, number>();
    for (const login of HUB_DEMO_LOGINS) {
      const user = await createUser(tx, { email: login.email, displayName: login.name, locale: 'es', password: DEMO_PASSWORD }, 'system:demo');
      users.set(login.email, user.id);
      await tx.query('insert into network_role (user_id, role, iso3) values ($1, $2, $3)', [user.id, login.role, login.iso3]);
    }
    // Focal points of the other members (no password: they would be invited).
    for (const state of DEMO_STATES.filter((s) => s.iso3 !== 'PRY' && s.iso3 !== 'ECU')) {
      const user = await createUser(tx, { email: `focal.${state.iso3.toLowerCase()}@demo.example.org`, displayName: `Focal point ${state.iso3} (demo)`, locale: 'en' }, 'system:demo');
      await tx.query('insert into network_role (user_id, role, iso3) values ($1, $2, $3)',
        [user.id, state.status === 'member' ? 'state_focal_point' : 'observer_representative', state.iso3]);
    }
    // A meeting held last year that appointed the Committee, and the next one, planned.
    const heldOn = addMonths(today, -10);
    const held = (await tx.query(
      `insert into network_meeting (title, meets_on, place, status, agenda_sent_on, agenda_sent_at) values ($1, $2, 'Asunción', 'held', $3::date, $3::date) returning id`,
      ['Annual meeting of the Network (demo)', heldOn, addMonths(heldOn, -2)])).rows[0].id;
    const item = (await tx.query(`insert into network_agenda_item (meeting_id, position, title) values ($1, 1, 'Appointment of the Executive Committee (demo)') returning id`, [held])).rows[0].id;
    await tx.query(`insert into network_proposal (agenda_item_id, text) values ($1, 'Appoint Paraguay, Morocco and Portugal to the Executive Committee, Paraguay as Coordinator (demo).')`, [item]);
    for (const state of DEMO_STATES) await tx.query('insert into network_attendance (meeting_id, iso3, status) values ($1, $2, $3)', [held, state.iso3, state.status]);
    await tx.query(
      `insert into network_committee_term (meeting_id, starts_on, ends_on, seats, coordinator, rule) values ($1, $2, $3, $4, 'PRY', $5)`,
      [held, heldOn, termEnd(heldOn), JSON.stringify(['PRY', 'MAR', 'PRT']), JSON.stringify({ min_seats: 3, max_seats: 5, max_seats_per_region: 1 })]);
    const next = (await tx.query(`insert into network_meeting (title, meets_on, place, online_link) values ($1, $2, 'Online', 'https://meet.example.org/network-demo') returning id`,
      ['Annual meeting of the Network (demo)', addMonths(today, 3)])).rows[0].id;
    await tx.query(`insert into network_agenda_item (meeting_id, position, title) values ($1, 1, 'Exchange of practices on tracking systems (demo)'), ($1, 2, 'Work plan of the Network (demo)')`, [next]);
    // The knowledge hub: practices published, one waiting for moderation; an open request for cooperation.
    const focal = users.get('focal.pry@demo.example.org')!;
    for (const resource of DEMO_RESOURCES) {
      await tx.query(
        `insert into network_resource (kind, language, title, summary, body, mechanisms, sdgs, regions, nmirf_types, contributor_iso3, contributed_by, state, published_at, search_vector)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, case when $12 = 'published' then now() end,
           nmirf_search_vector(jsonb_build_object($2::text, jsonb_build_object('text', $3 || E'\n' || $4 || E'\n' || $5))))`,
        [resource.kind, resource.language, resource.title, resource.summary, resource.body, resource.mechanisms, resource.sdgs, resource.regions,
          resource.nmirf_types, resource.iso3, resource.iso3 === 'PRY' ? focal : null, resource.state]);
    }
    await tx.query(
      `insert into network_cooperation (kind, iso3, topic, description, help, language, posted_by) values ('request', 'PRY', $1, $2, '{software,training}', 'es', $3)`,
      ['Cooperación técnica para instalar un sistema de seguimiento (demo)',
        'Buscamos la experiencia de otros miembros para instalar y mantener un sistema de seguimiento de recomendaciones, y formar a los puntos focales de las instituciones (demo, ficticio).', focal]);
  });
  return true;
}

/** The hub demo logins that can still sign in with the demo password. */
export async function hubDemoLoginsPresent(pool: pg.Pool): Promise<{ email: string; role: string }[]> {
  const { rows } = await pool.query('select email from app_user where email = any($1) and password_hash is not null', [HUB_DEMO_LOGINS.map((login) => login.email)]);
  const present = new Set(rows.map((row) => row.email));
  return HUB_DEMO_LOGINS.filter((login) => present.has(login.email)).map((login) => ({ email: login.email, role: login.iso3 ? `${login.role} ${login.iso3}` : login.role }));
}
