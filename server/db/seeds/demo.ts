/**
 * Demo data for a fresh instance: a few dozen recommendations (written for
 * the demo, not copied from a dataset) in Spanish, English, French and
 * Portuguese, loaded through the importer like any user file; a dozen
 * Paraguayan institutions; and one login per role.
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

export async function seedDemoData(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query(`select
    exists (select 1 from recommendation) as recommendations,
    exists (select 1 from institution) as institutions,
    exists (select 1 from app_user) as users`);
  if (!rows[0].recommendations) {
    const report = await importRecommendations(pool, fs.readFileSync(DEMO_FILE), {
      fileName: 'demo/recommendations.csv', format: 'csv', actor: 'system:demo',
    });
    if (!report.written) throw new Error(`demo data did not load: ${JSON.stringify(report.issues.slice(0, 3))}`);
  }
  if (!rows[0].institutions && !rows[0].users) await seedPeople(pool);
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

/** The demo logins that exist in this database, for the console at start-up. */
export async function demoLoginsPresent(pool: pg.Pool): Promise<typeof DEMO_LOGINS[number][]> {
  const { rows } = await pool.query('select email from app_user where email = any($1) and password_hash is not null',
    [DEMO_LOGINS.map((l) => l.email)]);
  const present = new Set(rows.map((r) => r.email));
  return DEMO_LOGINS.filter((l) => present.has(l.email));
}
