/**
 * Demo data for a fresh instance: a few dozen recommendations (written for
 * the demo, not copied from a dataset) in Spanish, English, French and
 * Portuguese, loaded through the importer like any user file; a dozen
 * Paraguayan institutions; one login per role; and a little follow-up work
 * (assignments, a published and a draft action report, a government status,
 * an indicator with measurements, an open reporting round) so that every
 * screen has something to show.
 *
 * Demo logins share one published password: never enable demo data on an
 * instance that holds real work (SEED_DEMO=false; it is off by default with
 * DATABASE_URL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type pg from 'pg';
import { createUser } from '../../modules/auth/use-cases/create-user';
import { importRecommendations } from '../../modules/recommendations/use-cases/import-recommendations';
import { addDays, utcToday } from '../../platform/clock';
import { inTransaction } from '../../platform/db/database';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_FILE = path.join(here, 'demo', 'recommendations.csv');
const INSTITUTIONS_FILE = path.join(here, 'demo', 'institutions.csv');

export const DEMO_PASSWORD = 'demo-nmirf-2026';

/** One login per role; institution roles at the Ministry of Education, plus a second ministry's focal point. */
export const DEMO_LOGINS = [
  { email: 'secretariat@demo.example.org', name: 'Secretaría (demo)', role: 'secretariat', institution: null },
  { email: 'admin@demo.example.org', name: 'Administración (demo)', role: 'administrator', institution: null },
  { email: 'focal.mec@demo.example.org', name: 'Punto focal MEC (demo)', role: 'focal_point', institution: 'mec' },
  { email: 'alternate.mec@demo.example.org', name: 'Punto focal alterno MEC (demo)', role: 'alternate_focal_point', institution: 'mec' },
  { email: 'validator.mec@demo.example.org', name: 'Validación MEC (demo)', role: 'validator', institution: 'mec' },
  { email: 'focal.mujer@demo.example.org', name: 'Punto focal Ministerio de la Mujer (demo)', role: 'focal_point', institution: 'minmujer' },
] as const;

/**
 * Loads the demo into a database that has none of it yet. The people and the
 * follow-up work come together, into an instance without accounts or
 * institutions, and they are about the demo recommendations: those are loaded
 * with them even when the catalogue already holds other records (say, a file
 * imported with `npm run import` before the first start). The import is
 * idempotent, so demo recommendations already present stay unchanged.
 */
export async function seedDemoData(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query(`select
    exists (select 1 from recommendation) as recommendations,
    exists (select 1 from institution) as institutions,
    exists (select 1 from app_user) as users`);
  const people = !rows[0].institutions && !rows[0].users;
  if (!rows[0].recommendations || people) {
    const report = await importRecommendations(pool, fs.readFileSync(DEMO_FILE), {
      fileName: 'demo/recommendations.csv', format: 'csv', actor: 'system:demo',
    });
    if (!report.written) throw new Error(`demo data did not load: ${JSON.stringify(report.issues.slice(0, 3))}`);
  }
  if (people) {
    await seedPeople(pool);
    await seedFollowUp(pool);
  }
}

async function seedPeople(pool: pg.Pool) {
  const institutions: Record<string, string>[] = parse(fs.readFileSync(INSTITUTIONS_FILE), { columns: true });
  await inTransaction(pool, async (tx) => {
    const ids = new Map<string, number>();
    for (const row of institutions) {
      const { rows } = await tx.query(
        `insert into institution (name, acronym, branch, type, parent_id) values ($1, $2, $3, $4, $5) returning id`,
        [JSON.stringify({ es: row.name_es, en: row.name_en }), row.acronym || null, row.branch, row.type || null,
          row.parent_key ? ids.get(row.parent_key) : null],
      );
      ids.set(row.key, rows[0].id);
    }
    for (const login of DEMO_LOGINS) {
      const user = await createUser(tx, { email: login.email, displayName: login.name, locale: 'es', password: DEMO_PASSWORD }, 'system:demo');
      await tx.query('insert into membership (user_id, institution_id, role) values ($1, $2, $3)',
        [user.id, login.institution ? ids.get(login.institution) : null, login.role]);
    }
  });
}

const isoDay = (offsetDays: number) => addDays(utcToday(), offsetDays);

/**
 * Follow-up work on a fresh demo instance, written as the demo people would
 * have done it (the chain's steps are recorded with who did them). Dates are
 * relative to today so the round stays open and nothing is overdue yet. The
 * SIMORE recommendation (demo-002) is left unassigned: the browser tests
 * assign it themselves.
 */
async function seedFollowUp(pool: pg.Pool) {
  await inTransaction(pool, async (tx) => {
    const one = async (sql: string, params: unknown[]) => {
      const { rows } = await tx.query(sql, params);
      if (!rows.length) throw new Error(`demo follow-up: no row for ${JSON.stringify(params)}`);
      return rows[0];
    };
    const rec = async (externalId: string) => Number((await one(
      `select recommendation_id as id from recommendation_external_id where value = $1`, [externalId])).id);
    const institution = async (acronymOrName: string) => Number((await one(
      `select id from institution where acronym = $1 or name->>'es' = $1`, [acronymOrName])).id);
    const user = async (email: string) => Number((await one('select id from app_user where email = $1', [email])).id);
    const [mec, mujer, mnp] = [await institution('MEC'), await institution('Ministerio de la Mujer'), await institution('MNP')];
    const [secretariat, focal, validator] = [await user('secretariat@demo.example.org'), await user('focal.mec@demo.example.org'), await user('validator.mec@demo.example.org')];

    const assignments: [string, number][] = [['demo-003', mec], ['demo-004', mec], ['demo-016', mec], ['demo-006', mujer], ['demo-017', mujer], ['demo-013', mnp]];
    for (const [externalId, institutionId] of assignments) {
      await tx.query(`insert into assignment (recommendation_id, institution_id, responsibility, due_date, assigned_by) values ($1, $2, 'lead', $3, $4)`,
        [await rec(externalId), institutionId, isoDay(45), secretariat]);
    }

    const report = async (state: string, title: Record<string, string>, description: Record<string, string>, type: string, progress: number, recs: number[]) => {
      const id = Number((await one(
        `insert into action_report (institution_id, state, action_type, reach, title, description, original_language, start_date, progress,
           budget_amount, budget_currency, budget_programme, created_by, updated_by, published_at)
         values ($1, $2, $3, 'structural', $4, $5, 'es', $6, $7, $8, case when $8::numeric is null then null else 'PYG' end, $9, $10, $10,
           case when $2 = 'published' then now() end) returning id`,
        [mec, state, type, JSON.stringify(title), JSON.stringify(description), isoDay(-400), progress,
          state === 'published' ? 12_000_000_000 : null, state === 'published' ? 'PR-045' : null, focal])).id);
      for (const r of recs) await tx.query('insert into action_recommendation (action_id, recommendation_id) values ($1, $2)', [id, r]);
      await tx.query(`insert into audit_log (actor, action, entity, entity_id, after) values ($1, 'create', 'action_report', $2, $3)`,
        [`user:${focal}`, String(id), JSON.stringify({ title, state: 'draft' })]);
      return id;
    };
    const published = await report('published',
      { es: 'Programa de becas para estudiantes indígenas y de zonas rurales', en: 'Scholarship programme for Indigenous and rural students' },
      { es: 'Becas de transporte y materiales para estudiantes de secundaria de comunidades indígenas y zonas rurales, con seguimiento de la asistencia escolar.' },
      'programme', 45, [await rec('demo-003'), await rec('demo-016')]);
    const steps: [string, string, string, number, string | null][] = [
      ['submit', 'draft', 'submitted', focal, null],
      ['validate', 'submitted', 'validated', validator, 'Verificado con la Dirección de Becas.'],
      ['publish', 'validated', 'published', secretariat, null],
    ];
    for (const [transition, from, to, actor, comment] of steps) {
      await tx.query(`insert into action_transition (action_id, transition, from_state, to_state, actor_id, comment) values ($1, $2, $3, $4, $5, $6)`,
        [published, transition, from, to, actor, comment]);
    }
    await tx.query(`update action_report set version = 4 where id = $1`, [published]);
    await tx.query(`insert into action_evidence (action_id, kind, title, url, created_by) values ($1, 'link', 'Ministerio de Educación y Ciencias', 'https://www.mec.gov.py/', $2)`,
      [published, focal]);
    await report('draft', { es: 'Plan de formación docente continua' }, { es: 'Borrador: cursos de actualización para docentes de secundaria.' },
      'training', 10, [await rec('demo-004')]);

    await tx.query(`insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on, created_by)
      values ($1, 'government', 'in_progress', 'Programa de becas en ejecución (45 % de avance).', $2, $3)`, [await rec('demo-003'), isoDay(-30), secretariat]);

    const indicator = Number((await one(
      `insert into indicator (institution_id, name, kind, unit, baseline_value, baseline_date, target_value, target_date, disaggregation, sdg_indicator,
         data_source, frequency, created_by)
       values ($1, $2, 'outcome', '%', 61.5, '2020-12-31', 80, '2030-12-31', '{sex,area}', '4.1.2', 'Encuesta Permanente de Hogares (INE)', 'annual', $3) returning id`,
      [mec, JSON.stringify({ es: 'Tasa de finalización de la educación secundaria', en: 'Completion rate of secondary education' }), focal])).id);
    await tx.query('insert into indicator_recommendation (indicator_id, recommendation_id) values ($1, $2)', [indicator, await rec('demo-003')]);
    await tx.query(`insert into indicator_measurement (indicator_id, measured_on, value, created_by) values ($1, '2022-12-31', 64.1, $2), ($1, '2023-12-31', 66.4, $2)`,
      [indicator, focal]);

    await tx.query(`insert into reporting_round (title, mechanism_ids, opens_on, due_on, reminder_days, created_by)
      values ($1, array(select id from mechanism where code = 'UPR'), $2, $3, '{30,7,1}', $4)`,
      [JSON.stringify({ es: 'Informe de medio término del EPU (demo)', en: 'UPR mid-term report (demo)' }), isoDay(-14), isoDay(45), secretariat]);
    await tx.query(`insert into audit_log (actor, action, entity, entity_id) values ('system:demo', 'seed', 'demo_follow_up', null)`);
  });
}

/** The demo logins that exist in this database, for the console at start-up. */
export async function demoLoginsPresent(pool: pg.Pool): Promise<typeof DEMO_LOGINS[number][]> {
  const { rows } = await pool.query('select email from app_user where email = any($1) and password_hash is not null',
    [DEMO_LOGINS.map((l) => l.email)]);
  const present = new Set(rows.map((r) => r.email));
  return DEMO_LOGINS.filter((l) => present.has(l.email));
}
