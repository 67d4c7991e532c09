/**
 * `npm run bench:reports`: time and peak memory to compose a State report and
 * export it (DOCX, PDF, XLSX matrix), for reports of 250, 1,000 and 4,000
 * recommendations with three published actions each, on the embedded database
 * and on PostgreSQL.
 *
 * Each measurement runs in its own Node process, so its peak resident memory
 * (`maxRSS`, which counts the PDF layout's worker thread too) is that
 * report's and nothing else's; the database is seeded beforehand by this
 * process. The embedded database runs in a child process of
 * the measured one, so its memory is not in the figure (reported apart as
 * unknown). Baseline, measured in the same process just before: one plain SQL
 * read of the same recommendations with their actions (the least any report
 * must do), so the ratios travel across machines where absolute times do not.
 *
 * Targets (from the issue, on PostgreSQL): 1,000 recommendations composed and
 * exported in under 5 s and under 300 MB peak resident memory; memory flat as
 * the report grows: peak resident memory at 4,000 within 1.25× of that at
 * 250. What stays alive (the heap after a full collection) is reported beside
 * it, to tell garbage V8 has not collected yet from memory that is kept.
 *
 * The data are synthetic (the report's cost does not depend on what the texts
 * say): no `../shared` needed.
 *
 * Options: BENCH_REPORT_SIZES=250,1000 to change the sizes; BENCH_PG_URL for
 * another server; BENCH_SKIP_EMBEDDED=1.
 */
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { Actor } from '../server/platform/auth/actor';
import { openDatabase, type OpenOptions } from '../server/platform/db/database';
import { prepareDatabase } from '../server/platform/db/migrate';
import { reportDocx } from '../server/modules/reports/export/docx';
import { reportMatrix } from '../server/modules/reports/export/matrix';
import { reportPdf } from '../server/modules/reports/export/pdf';
import { findDraft } from '../server/modules/reports/reports.repository';
import { createReport } from '../server/modules/reports/use-cases/compose-report';
import { labelMaps } from '../server/modules/taxonomies/taxonomies.repository';
import { disposeAll, freshEmbedded, freshPostgres, postgresAvailable, type BenchDatabase } from './lib/databases';
import { log, ratio, round } from './lib/stats';

const SIZES = (process.env.BENCH_REPORT_SIZES ?? '250,1000,4000').split(',').map(Number);
const ACTIONS_PER_RECOMMENDATION = 3;
const TARGET = { size: 1000, ms: 5000, mb: 300, flatness: 1.25 };

/** Recommendations, institutions, three published actions each (with evidence), statuses and indicators, in bulk SQL. */
async function seed(pool: pg.Pool, count: number): Promise<{ userId: number; ids: number[] }> {
  const user = await pool.query(`insert into app_user (email, display_name) values ('bench@example.org', 'Bench') returning id`);
  await pool.query(
    `insert into institution (name, acronym, branch) select jsonb_build_object('es', 'Ministerio ' || g, 'en', 'Ministry ' || g), 'M' || g, 'executive'
     from generate_series(1, 20) g`);
  const { rows } = await pool.query(
    `with themes as (select array_agg(id order by id) as ids from vocabulary_term where vocabulary = 'theme'),
          issues as (select array_agg(id order by id) as ids from vocabulary_term where vocabulary = 'upr_info_issue')
     insert into recommendation (identity_key, source, mechanism_id, kind, countries, document_symbol, paragraph, document_date, year, cycle,
       position, recommending_states, original_language, texts, theme_ids, upr_info_issue_ids, sdg_goals, sdg_targets, search_vector, content_hash)
     select 'bench:' || g, 'bench', (select id from mechanism where code = 'UPR'), 'recommendation', '{PRY}', 'A/HRC/48/9', '119.' || g,
       '2021-07-01', 2021, 3, (array['supported', 'noted', 'supported_in_part'])[1 + g % 3], '{ARG,URY}', 'es', t.texts,
       array[themes.ids[1 + g % array_length(themes.ids, 1)]], array[issues.ids[1 + g % array_length(issues.ids, 1)]], '{4}', '{4.1,4.5}',
       nmirf_search_vector(t.texts), md5(g::text)
     from generate_series(1, $1::int) g, themes, issues,
       lateral (select jsonb_build_object('es', 'Seguir adoptando medidas para garantizar el acceso universal a una educación de calidad, ' ||
         'en particular para las niñas y los niños de las zonas rurales y de los pueblos indígenas, y asignar los recursos necesarios (' || g || ').') as texts) t
     returning id`, [count]);
  const ids = rows.map((r) => Number(r.id));
  await pool.query(
    `insert into assignment (recommendation_id, institution_id, responsibility)
     select r, (select id from institution order by id offset (r % 20) limit 1), 'lead' from unnest($1::bigint[]) r`, [ids]);
  await pool.query(
    `with actions as (
       insert into action_report (institution_id, state, action_type, reach, title, description, original_language, start_date, end_date, progress)
       select (select id from institution order by id offset ((r + a) % 20) limit 1), 'published', 'programme', 'structural',
         jsonb_build_object('es', 'Programa ' || a || ' para la recomendación ' || r),
         jsonb_build_object('es', 'Se amplió la cobertura de becas y transporte escolar en los departamentos del Chaco y se capacitó a 1.200 docentes.'),
         'es', '2023-03-01', '2025-12-31', 20 * a
       from unnest($1::bigint[]) r, generate_series(1, $2::int) a
       returning id, title)
     -- The title carries the recommendation's id (its sixth word): how each action finds its recommendation.
     , links as (insert into action_recommendation (action_id, recommendation_id)
       select id, split_part(title->>'es', ' ', 6)::bigint from actions returning action_id)
     insert into action_evidence (action_id, kind, title, url) select action_id, 'link', 'Resolución ministerial', 'https://example.org/r/' || action_id from links`,
    [ids, ACTIONS_PER_RECOMMENDATION]);
  await pool.query(
    `insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on)
     select r, 'government', (array['not_started', 'in_progress', 'partially_implemented', 'implemented'])[1 + r % 4], 'Informe anual', '2025-06-30'
     from unnest($1::bigint[]) r`, [ids]);
  return { userId: Number(user.rows[0].id), ids };
}

/** Counts bytes and throws them away: the file's size without keeping it. */
function sink(): { stream: Writable; bytes: () => number } {
  let bytes = 0;
  return { stream: new Writable({ write(chunk, _encoding, done) { bytes += chunk.length; done(); } }), bytes: () => bytes };
}

/** Runs in a child process: one report, composed and exported, with its peak memory. */
async function measure(openOptions: OpenOptions, userId: number, ids: number[]) {
  const db = await openDatabase(openOptions);
  try {
    const pool = db.pool;
    const maps = await labelMaps(pool);
    const rssBefore = process.memoryUsage().rss;
    // Memory sampled through each phase; after each, a full collection (the child runs with --expose-gc) measures what
    // the phase left alive. Peak resident memory also counts garbage V8 has not collected yet: it lets the heap grow
    // before collecting, more so in a longer run, so the live heap is what shows whether anything accumulates.
    const peaks = { rss: 0, heap: 0 };
    const sample = () => { const m = process.memoryUsage(); peaks.rss = Math.max(peaks.rss, m.rss); peaks.heap = Math.max(peaks.heap, m.heapUsed); };
    const sampler = setInterval(sample, 10);
    const phases: Record<string, { peak_rss_mb: number | null; peak_heap_mb: number | null; live_heap_after_gc_mb: number | null }> = {};
    const endPhase = (name: string) => {
      sample();
      (globalThis as { gc?: () => void }).gc?.();
      phases[name] = { peak_rss_mb: round(peaks.rss / 2 ** 20), peak_heap_mb: round(peaks.heap / 2 ** 20), live_heap_after_gc_mb: round(process.memoryUsage().heapUsed / 2 ** 20) };
      peaks.rss = 0;
      peaks.heap = 0;
    };
    // Baseline: the same recommendations and their published actions in one plain SQL read.
    let started = performance.now();
    await pool.query(
      `select r.id, r.document_symbol, r.paragraph, r.texts, a.title, a.description, a.start_date
       from recommendation r join action_recommendation x on x.recommendation_id = r.id join action_report a on a.id = x.action_id
       where r.id = any($1::bigint[]) and a.state = 'published' order by r.id`, [ids]);
    const baselineMs = performance.now() - started;

    const actor: Actor = { userId, email: 'bench@example.org', displayName: 'Bench', locale: 'es', memberships: [{ role: 'secretariat', institutionId: null }], csrfToken: '' };
    started = performance.now();
    const id = await createReport(pool, actor, { template: 'upr_midterm', title: 'Informe de medio término', language: 'es', grouping: 'theme', include_earlier: false, recommendation_ids: ids });
    const composeMs = performance.now() - started;
    endPhase('compose');
    const draft = (await findDraft(pool, id))!;
    const files: Record<string, { ms: number; bytes: number }> = {};
    for (const [format, make] of [
      ['docx', () => reportDocx(pool, draft, maps, '2026-11-22')],
      ['pdf', () => reportPdf(pool, draft, maps, '2026-11-22')],
      ['xlsx', () => reportMatrix(pool, draft, maps)],
    ] as const) {
      const out = sink();
      started = performance.now();
      await pipeline(make(), out.stream);
      files[format] = { ms: Math.round(performance.now() - started), bytes: out.bytes() };
      endPhase(format);
    }
    clearInterval(sampler);
    const totalMs = composeMs + Object.values(files).reduce((sum, f) => sum + f.ms, 0);
    return {
      recommendations: ids.length,
      actions: ids.length * ACTIONS_PER_RECOMMENDATION,
      baseline_sql_read_ms: round(baselineMs),
      compose_ms: Math.round(composeMs),
      export: files,
      total_ms: Math.round(totalMs),
      total_over_baseline: ratio(totalMs, baselineMs, 1),
      rss_before_mb: round(rssBefore / 2 ** 20),
      peak_rss_mb: round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
      live_heap_after_gc_mb: Math.max(...Object.values(phases).map((p) => p.live_heap_after_gc_mb ?? 0)),
      phases,
    };
  } finally {
    await db.close();
  }
}

const here = fileURLToPath(import.meta.url);

function runChild(openOptions: OpenOptions, userId: number, ids: number[]): Promise<Awaited<ReturnType<typeof measure>>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', here, '--measure'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`measurement process exited with ${code}`));
      try {
        resolve(JSON.parse(output.trim().split('\n').pop()!));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(JSON.stringify({ openOptions, userId, ids }));
  });
}

async function runBackend(name: 'embedded' | 'postgres') {
  const results = [];
  for (const size of SIZES) {
    const bench: BenchDatabase = name === 'postgres' ? await freshPostgres() : await freshEmbedded();
    try {
      await prepareDatabase(bench.db.pool);
      const { userId, ids } = await seed(bench.db.pool, size);
      await bench.release();
      log(`${name}: ${size} recommendations seeded; composing and exporting in a fresh process`);
      const result = await runChild(bench.openOptions, userId, ids);
      log(`${name} ${size}: ${result.total_ms} ms (compose ${result.compose_ms}, docx ${result.export.docx.ms}, pdf ${result.export.pdf.ms}, xlsx ${result.export.xlsx.ms}), peak ${result.peak_rss_mb} MB`);
      results.push({ database: bench.description, ...result });
    } finally {
      await bench.dispose();
    }
  }
  const smallest = results[0];
  const largest = results[results.length - 1];
  return {
    runs: results,
    live_heap_largest_over_smallest: ratio(largest?.live_heap_after_gc_mb, smallest?.live_heap_after_gc_mb),
    peak_rss_largest_over_smallest: ratio(largest?.peak_rss_mb, smallest?.peak_rss_mb),
  };
}

async function main() {
  if (process.argv.includes('--measure')) {
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const { openOptions, userId, ids } = JSON.parse(input);
    process.stdout.write(`${JSON.stringify(await measure(openOptions, userId, ids))}\n`);
    return;
  }
  const report: Record<string, unknown> = { sizes: SIZES, actions_per_recommendation: ACTIONS_PER_RECOMMENDATION, node: process.version };
  const pg = await postgresAvailable();
  const backends: { embedded?: Awaited<ReturnType<typeof runBackend>>; postgres?: Awaited<ReturnType<typeof runBackend>> } = {};
  try {
    if (!process.env.BENCH_SKIP_EMBEDDED) backends.embedded = await runBackend('embedded');
    if ('version' in pg) backends.postgres = await runBackend('postgres');
    else report.postgres_unavailable = pg.unreachable;
  } finally {
    await disposeAll();
  }
  const onPg = backends.postgres?.runs.find((r) => r.recommendations === TARGET.size);
  const flat = backends.postgres?.peak_rss_largest_over_smallest ?? null;
  const targets = {
    pg_1000_total_ms: { value: onPg?.total_ms ?? null, target: `< ${TARGET.ms}`, met: onPg ? onPg.total_ms < TARGET.ms : null },
    pg_1000_peak_rss_mb: { value: onPg?.peak_rss_mb ?? null, target: `< ${TARGET.mb}`, met: onPg ? (onPg.peak_rss_mb ?? Infinity) < TARGET.mb : null },
    pg_peak_rss_largest_over_smallest: { value: flat, target: `<= ${TARGET.flatness}`, met: flat === null ? null : flat <= TARGET.flatness },
  };
  Object.assign(report, backends, { targets });
  console.log(JSON.stringify(report, null, 2));
  const embedded1000 = backends.embedded?.runs.find((r) => r.recommendations === TARGET.size);
  console.log(`reports: pg ${TARGET.size} recs ${onPg?.total_ms ?? '-'} ms (target ${TARGET.ms}), ${onPg?.peak_rss_mb ?? '-'} MB peak (target ${TARGET.mb}), `
    + `${onPg?.total_over_baseline ?? '-'}x a plain SQL read; peak RSS ${SIZES[SIZES.length - 1]}/${SIZES[0]} ${flat ?? '-'}x (target ${TARGET.flatness}), `
    + `live heap ${backends.postgres?.live_heap_largest_over_smallest ?? '-'}x; `
    + `embedded ${embedded1000?.total_ms ?? '-'} ms, ${embedded1000?.peak_rss_mb ?? '-'} MB; `
    + `targets ${Object.values(targets).every((t) => t.met) ? 'met' : 'NOT met'}`);
  if (Object.values(targets).some((t) => t.met === false)) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error);
  await disposeAll();
  process.exit(1);
});
