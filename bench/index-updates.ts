/**
 * `npm run bench:index-updates`: what a catalogue write costs the in-memory search index
 * (recommendations.facet-index.ts), on PostgreSQL and on the embedded database. At the given
 * size it measures
 *   1. a full load of the index (the baseline: what every write cost before the change log),
 *   2. the patch after a one-row edit (texts and a filter), over --edits edits, and a search
 *      right after each edit against the same search with no edit before it,
 *   3. the longest search while a --import-row import commits: a search loop runs before,
 *      during and after the import's transaction until the index holds the new rows.
 * Prints one JSON object on stdout, then a one-line summary; progress goes to stderr.
 *
 * The catalogue is synthetic, written in SQL (seeded): English texts of 20–40 words from a
 * list of common words of the corpus and a long tail of rarer terms, a State, mechanism, theme,
 * date (10% undated), cycle and position per record.
 *
 * Options (flags or environment):
 *   --quick            BENCH_QUICK=1     20,000 records, 20 edits, a 2,000-row import (smoke run)
 *   --only=pg|embedded BENCH_ONLY        one backend
 *   --total=N          BENCH_TOTAL       records (default 300000)
 *   --edits=N          BENCH_EDITS       one-row edits (default 50)
 *   --import=N         BENCH_IMPORT      rows of the import (default 10000)
 *   BENCH_PG_URL       admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import os from 'node:os';
import type pg from 'pg';
import { searchQuerySchema, type SearchQuery } from '../shared/recommendations';
import { facetIndex, facetIndexSettled, facetIndexStats } from '../server/modules/recommendations/recommendations.facet-index';
import { searchRecommendations } from '../server/modules/recommendations/recommendations.search';
import { labelMaps, type LabelMaps } from '../server/modules/taxonomies/taxonomies.repository';
import { prepareDatabase } from '../server/platform/db/migrate';
import { disposeAll, freshEmbedded, freshPostgres, postgresAvailable, type BenchDatabase } from './lib/databases';
import { readBenchOptions } from './lib/options';
import { log, machine, now, ratio, round, summarise } from './lib/stats';

type Backend = 'pg' | 'embedded';
type Queryable = Pick<pg.Pool, 'query'>;

function readOptions() {
  const options = readBenchOptions(['quick', 'only', 'total', 'edits', 'import']);
  const quick = options.flag('quick', 'BENCH_QUICK');
  return {
    quick, only: options.only(),
    total: options.int('total', 'BENCH_TOTAL', quick ? 20_000 : 300_000, 1000),
    edits: options.int('edits', 'BENCH_EDITS', quick ? 20 : 50, 1),
    import: options.int('import', 'BENCH_IMPORT', quick ? 2_000 : 10_000, 1),
  };
}

const COMMON = ['promote', 'ensure', 'rights', 'children', 'women', 'education', 'violence', 'torture', 'detention', 'death', 'penalty',
  'freedom', 'expression', 'trafficking', 'ratify', 'convention', 'discrimination', 'health', 'indigenous', 'persons', 'disabilities',
  'law', 'national', 'measures', 'protection', 'access', 'justice', 'police', 'prison', 'migrants', 'refugees', 'journalists', 'human',
  'defenders', 'gender', 'equality', 'poverty', 'water', 'housing', 'labour', 'minorities', 'religion', 'assembly', 'association',
  'elections', 'corruption', 'judiciary', 'independence', 'juvenile', 'birth', 'registration', 'strengthen', 'continue', 'adopt', 'take',
  'effective', 'steps', 'combat', 'eliminate', 'all', 'forms', 'against', 'the', 'and', 'of', 'to', 'in', 'with', 'for', 'its'];

/** Writes records `from`..`to` (identity keys `<prefix>:<n>`) in one statement. */
async function writeSynthetic(db: Queryable, from: number, to: number, prefix: string) {
  await db.query(
    `insert into recommendation (identity_key, source, mechanism_id, kind, countries, document_date, year, cycle, position,
       original_language, texts, theme_ids, search_vector, content_hash)
     select $3 || ':' || g, 'bench', m.ids[1 + g % cardinality(m.ids)], 'recommendation', array[c.iso[1 + (g * 7) % cardinality(c.iso)]],
       case when g % 10 = 0 then null else date '2008-01-01' + (g * 13) % 5000 end, 2008 + (g * 13) % 5000 / 365, 1 + g % 4,
       (array['supported', 'noted', 'supported_in_part'])[1 + g % 3], 'en', t.texts,
       case when g % 3 = 0 then '{}'::int[] else array[th.ids[1 + (g * 11) % cardinality(th.ids)]] end, nmirf_search_vector(t.texts), 'x'
     from generate_series($1::int, $2::int) g
     cross join (select array_agg(id order by id) ids from mechanism) m
     cross join (select array_agg(iso3 order by iso3) iso from country) c
     cross join (select array_agg(id order by id) ids from vocabulary_term where vocabulary = 'theme') th
     cross join lateral (
       select jsonb_build_object('en', jsonb_build_object('status', 'original', 'text', string_agg(
         case when random() < 0.65 then ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int]
           else 'term' || floor(40000 * random() ^ 2)::int end, ' '))) texts
       from generate_series(1, 20 + g % 21) w
     ) t`,
    [from, to, prefix, COMMON],
  );
}

/** A key for the index cache of its own (a second app server's index over the same pool). */
const freshView = (pool: pg.Pool): Queryable => ({ query: pool.query.bind(pool) }) as Queryable;

const QUERY_MIX = (): SearchQuery[] => [
  searchQuerySchema.parse({ q: 'torture' }),
  searchQuerySchema.parse({ position: ['noted'] }),
  searchQuerySchema.parse({ q: 'children education', position: ['supported'] }),
];

async function runBackend(backend: Backend, options: ReturnType<typeof readOptions>) {
  const label = backend === 'pg' ? 'PostgreSQL' : 'embedded';
  const bench: BenchDatabase = backend === 'pg' ? await freshPostgres(false, 'index') : await freshEmbedded();
  const { db } = bench;
  try {
    await prepareDatabase(db.pool);
    let t = now();
    await db.pool.query('select setseed(0.42)');
    const chunk = 20_000;
    for (let from = 1; from <= options.total; from += chunk) {
      await writeSynthetic(db.pool, from, Math.min(options.total, from + chunk - 1), 'bench');
      log(`${label}: ${Math.min(options.total, from + chunk - 1).toLocaleString('en')} records written`);
    }
    await db.pool.query('select catalogue_change_prune(0)');
    await db.pool.query('vacuum analyze');
    const fillMs = now() - t;
    const maps: LabelMaps = await labelMaps(db.pool);

    // 1. Full loads (the baseline), each by an index cache of its own.
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const view = freshView(db.pool);
      await facetIndex(view);
      loads.push(facetIndexStats(view)!.load_ms);
      log(`${label}: full load ${loads.at(-1)} ms`);
    }
    const view = freshView(db.pool);
    await facetIndex(view);
    const memory = facetIndexStats(view)!;

    // 2. One-row edits: the patch, and the search right after it against the same search without an edit.
    const mix = QUERY_MIX();
    const ids = (await db.pool.query('select id from recommendation order by random() limit $1', [options.edits])).rows.map((r) => Number(r.id));
    const patchMs: number[] = [];
    const applyMs: number[] = [];
    const searchAfterEdit: number[] = [];
    const searchNoEdit: number[] = [];
    for (const [i, id] of ids.entries()) {
      const query = mix[i % mix.length];
      t = now();
      await searchRecommendations(view, query, maps, 'en');
      searchNoEdit.push(now() - t);
      await db.pool.query(
        `update recommendation set position = case when position = 'noted' then 'supported' else 'noted' end,
           texts = jsonb_set(texts, '{en,text}', to_jsonb(texts->'en'->>'text' || ' edited' || $2)),
           search_vector = nmirf_search_vector(jsonb_set(texts, '{en,text}', to_jsonb(texts->'en'->>'text' || ' edited' || $2)))
         where id = $1`, [id, String(i)]);
      const patches = facetIndexStats(view)!.patches;
      t = now();
      await searchRecommendations(view, query, maps, 'en');
      searchAfterEdit.push(now() - t);
      const stats = facetIndexStats(view)!;
      if (stats.patches !== patches + 1) throw new Error('the edit was not patched in by the next search');
      patchMs.push(stats.last_patch_ms);
      applyMs.push(stats.last_patch_apply_ms);
    }
    log(`${label}: one-row patch p50 ${summarise(patchMs).p50_ms} ms, max ${summarise(patchMs).max_ms} ms`);

    // 3. A search loop while an import commits (statements of 2,000 rows in one transaction, as the importer writes).
    const samples: { start: number; ms: number; total: number }[] = [];
    let lag = 0;
    let tick = now();
    const lagTimer = setInterval(() => { const at = now(); lag = Math.max(lag, at - tick - 10); tick = at; }, 10);
    let stop = false;
    const before = (await searchRecommendations(view, searchQuerySchema.parse({}), maps, 'en')).total;
    const loop = (async () => {
      for (let i = 0; !stop; i++) {
        const start = now();
        const result = await searchRecommendations(view, i % 4 === 3 ? searchQuerySchema.parse({}) : mix[i % mix.length], maps, 'en');
        samples.push({ start, ms: now() - start, total: i % 4 === 3 ? result.total : -1 });
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the loop's baseline
    const importStart = now();
    const client = await db.pool.connect();
    try {
      await client.query('begin');
      for (let from = 1; from <= options.import; from += 2000) {
        await writeSynthetic(client, options.total + from, options.total + Math.min(options.import, from + 1999), 'import');
      }
      await client.query('commit');
    } finally {
      client.release();
    }
    const committed = now();
    // Until the index holds the import, then one more second.
    while (facetIndexStats(view)!.records < before + options.import) {
      if (now() - committed > 300_000) throw new Error('the index did not take the import within 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const caughtUp = now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stop = true;
    await loop;
    clearInterval(lagTimer);
    await facetIndexSettled(view);
    const baseline = samples.filter((s) => s.start < importStart).map((s) => s.ms);
    const during = samples.filter((s) => s.start >= importStart || s.start + s.ms >= importStart).filter((s) => s.start < caughtUp).map((s) => s.ms);
    const firstSeen = samples.find((s) => s.start >= committed && s.total === before + options.import);
    const after = facetIndexStats(view)!;
    log(`${label}: import of ${options.import} rows: longest search ${round(Math.max(...during))} ms (loop baseline p50 ${summarise(baseline).p50_ms} ms)`);

    return {
      database: bench.description,
      records: options.total,
      fill_ms: Math.round(fillMs),
      index: { mb: round(memory.bytes / 2 ** 20), lexemes: memory.lexemes },
      full_load_ms: { runs: loads, p50: summarise(loads).p50_ms },
      one_row_edit: {
        edits: options.edits,
        patch_ms: summarise(patchMs),
        of_which_apply_in_memory_ms: summarise(applyMs),
        search_after_edit_ms: summarise(searchAfterEdit),
        same_search_without_edit_ms: summarise(searchNoEdit),
        patch_p50_over_full_load: ratio(summarise(patchMs).p50_ms, summarise(loads).p50_ms, 5),
      },
      import: {
        rows: options.import,
        transaction_ms: Math.round(committed - importStart),
        index_caught_up_after_commit_ms: Math.round(caughtUp - committed),
        first_search_seeing_it_after_commit_ms: firstSeen ? Math.round(firstSeen.start + firstSeen.ms - committed) : null,
        loop_baseline_ms: summarise(baseline),
        searches_during_ms: summarise(during),
        longest_search_ms: round(Math.max(...during)),
        longest_over_baseline_p50: ratio(Math.max(...during), summarise(baseline).p50_ms),
        event_loop_max_delay_ms: round(lag),
        background_patches: after.background_patches,
        last_patch_ms: after.last_patch_ms,
        last_patch_apply_ms: after.last_patch_apply_ms,
        last_patch_longest_turn_ms: after.last_patch_longest_turn_ms,
        full_loads_during: after.loads - 1,
      },
    };
  } finally {
    await bench.dispose().catch((error) => log(`${label}: cleanup failed: ${(error as Error).message}`));
  }
}

async function main() {
  const loadAtStart = os.loadavg()[0];
  const options = readOptions();
  process.on('SIGINT', () => { void disposeAll().finally(() => process.exit(130)); });
  const backends: Backend[] = options.only ? [options.only] : ['pg', 'embedded'];
  const results: Record<string, unknown> = {};
  let postgres: string | null = null;
  for (const backend of backends) {
    if (backend === 'pg') {
      const available = await postgresAvailable();
      if ('unreachable' in available) { results.pg = { skipped: `PostgreSQL unreachable (${available.unreachable})` }; continue; }
      postgres = available.version;
    }
    try {
      results[backend] = await runBackend(backend, options);
    } catch (error) {
      results[backend] = { error: (error as Error).stack ?? String(error) };
      log(`${backend}: FAILED ${(error as Error).message}`);
    }
  }
  console.log(JSON.stringify({ benchmark: 'index-updates', date: new Date().toISOString(), machine: machine(loadAtStart), postgres, options, results }, null, 2));
  const line = Object.entries(results).map(([backend, r]) => {
    const result = r as Awaited<ReturnType<typeof runBackend>> & { skipped?: string; error?: string };
    if (result.skipped || result.error) return `${backend}: ${result.skipped ? 'skipped' : 'failed'}`;
    const edit = result.one_row_edit;
    const imp = result.import;
    return `${backend} ${options.total.toLocaleString('en')}: one-row edit patch p50 ${edit.patch_ms.p50_ms} ms (max ${edit.patch_ms.max_ms}) vs full load ${result.full_load_ms.p50} ms `
      + `(×${edit.patch_p50_over_full_load}); ${imp.rows.toLocaleString('en')}-row import: longest search ${imp.longest_search_ms} ms `
      + `vs loop p50 ${imp.loop_baseline_ms.p50_ms} ms (×${imp.longest_over_baseline_p50}), index caught up ${imp.index_caught_up_after_commit_ms} ms after commit`;
  }).join('; ');
  console.log(`index updates: ${line}`);
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  void disposeAll().finally(() => process.exit(1));
});
