/**
 * `npm run bench:hostile-files`: hostile files sent to the running server's
 * web import, as a dry run — a 155 KB workbook whose one cell unpacks to
 * 150 MB, a ZIP bomb (a workbook whose sheet unpacks to 1 GB) and a CSV with
 * one 100 MB line. For each: the time to the answer (a 4xx), the slowest
 * answer of /api/health asked again and again meanwhile, and the peak
 * resident memory of the server's processes (all of them: the server, its
 * import worker thread, the embedded database) while it ran.
 *
 * Targets (issue #10): a 4xx within 5 s, /api/health within 200 ms, peak
 * memory under 500 MB. Baseline, measured in the same run on the same
 * server: a normal workbook of similar packed size (a few thousand
 * recommendations), so the ratios travel across machines. Exits 1 when a
 * target is missed. The files are made on the fly (server/test/hostile-files.ts).
 *
 * Starts the real server (e2e/server.ts: `server/main.ts` on a fresh data
 * directory, building the web app if it is missing); E2E_BASE_URL is not
 * supported here, as the server's memory must be measured.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from '../e2e/server';
import { csvWithHugeLine, xlsxNormal, xlsxWithHugeCell, xlsxZipBomb } from '../server/test/hostile-files';
import { log, ratio, round } from './lib/stats';

const TARGET = { ms: 5000, healthMs: 200, peakMb: 500 };

/** The processes of the server's group: the app server itself (`server/main.ts`, its worker threads included), and all of them. */
function groupProcesses(group: number): { server: number | null; all: number[] } {
  const all: number[] = [];
  let server: number | null = null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== group) continue; // pgrp
      all.push(Number(entry));
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg.endsWith('server/main.ts')) && !cmdline.some((arg) => arg.includes('tsx/dist/cli'))) server = Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return { server, all };
}

/** Resident memory (MB) of the given processes together. */
function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
  }
  return kb / 1024;
}

async function signIn(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'secretariat@demo.example.org', password: 'demo-nmirf-2026' }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return { cookie: String(response.headers.get('set-cookie')).split(';')[0], csrf: (await response.json()).csrf_token as string };
}

interface Measure {
  status: number; ms: number; message: string; health_max_ms: number; health_samples: number;
  /** The app server's process (worker threads included): the target. */
  peak_rss_mb: number; idle_rss_mb: number;
  /** With the embedded database's process and tsx's launcher: for information. */
  peak_rss_all_processes_mb: number;
  /** How late this process's own event loop ran: health latencies far above it are the server's. */
  bench_loop_delay_max_ms: number;
}

async function send(baseUrl: string, group: number, session: { cookie: string; csrf: string }, bytes: Buffer, fileName: string): Promise<Measure> {
  const processes = groupProcesses(group);
  if (processes.server === null) throw new Error('cannot find the server process (server/main.ts) in its process group');
  const server = [processes.server];
  const form = new FormData();
  form.append('dry_run', 'true');
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  const idle = rssMb(server);
  let done = false;
  let peak = idle;
  let peakAll = rssMb(processes.all);
  const sample = () => {
    peak = Math.max(peak, rssMb(server));
    peakAll = Math.max(peakAll, rssMb(processes.all));
  };
  const sampler = setInterval(sample, 25);
  const ownDelay = monitorEventLoopDelay({ resolution: 10 });
  ownDelay.enable();
  const health: number[] = [];
  const healthLoop = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${baseUrl}/api/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/imports?locale=en`, {
    method: 'POST', body: form, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
  });
  const body = await response.json() as { message?: string; created?: number };
  const ms = performance.now() - started;
  done = true;
  await healthLoop;
  clearInterval(sampler);
  sample();
  ownDelay.disable();
  return {
    status: response.status, ms: round(ms)!, message: body.message ?? `created ${body.created}`,
    health_max_ms: round(Math.max(...health, 0))!, health_samples: health.length, peak_rss_mb: round(peak)!, idle_rss_mb: round(idle)!,
    peak_rss_all_processes_mb: round(peakAll)!,
    bench_loop_delay_max_ms: round(ownDelay.max / 1e6)!,
  };
}

async function main() {
  const server = await startServer();
  try {
    const group = server.processGroup;
    if (group === undefined) throw new Error('bench:hostile-files starts its own server (E2E_BASE_URL is not supported)');
    const session = await signIn(server.baseUrl);
    const hostile = { huge_cell_xlsx: xlsxWithHugeCell(), zip_bomb_xlsx: xlsxZipBomb(), huge_line_csv: csvWithHugeLine() };
    const normal = xlsxNormal(2500);
    log(`baseline: a normal workbook of ${round(normal.length / 1024)} KB (2,500 recommendations), dry run`);
    const baseline = await send(server.baseUrl, group, session, normal, 'normal.xlsx');
    log(`baseline: ${baseline.status} in ${baseline.ms} ms, health max ${baseline.health_max_ms} ms, peak ${baseline.peak_rss_mb} MB`);
    const results: Record<string, Measure & { file_kb: number; ok: boolean }> = {};
    for (const [name, bytes] of Object.entries(hostile)) {
      const measure = await send(server.baseUrl, group, session, bytes, name.replace(/_(xlsx|csv)$/, '.$1'));
      const ok = measure.status >= 400 && measure.status < 500 && measure.ms < TARGET.ms
        && measure.health_max_ms < TARGET.healthMs && measure.peak_rss_mb < TARGET.peakMb;
      results[name] = { file_kb: round(bytes.length / 1024)!, ...measure, ok };
      log(`${name}: ${measure.status} in ${measure.ms} ms (${measure.message}), health max ${measure.health_max_ms} ms over ${measure.health_samples} checks, peak ${measure.peak_rss_mb} MB`);
    }
    const report = {
      targets: { time_to_4xx_ms: TARGET.ms, health_max_ms: TARGET.healthMs, peak_rss_mb: TARGET.peakMb },
      baseline: { file_kb: round(normal.length / 1024), ...baseline },
      hostile: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, {
        ...r,
        vs_baseline: { time: ratio(r.ms, baseline.ms), health_max: ratio(r.health_max_ms, baseline.health_max_ms), peak_rss: ratio(r.peak_rss_mb, baseline.peak_rss_mb) },
      }])),
    };
    console.log(JSON.stringify(report, null, 2));
    const failed = Object.entries(results).filter(([, r]) => !r.ok).map(([name]) => name);
    console.log(`hostile-files: ${Object.entries(results).map(([name, r]) => `${name} ${r.status} in ${r.ms} ms (${ratio(r.ms, baseline.ms)}× baseline), health max ${r.health_max_ms} ms, peak ${r.peak_rss_mb} MB (${ratio(r.peak_rss_mb, baseline.peak_rss_mb)}×)`).join('; ')}`
      + ` — targets 4xx < ${TARGET.ms} ms, health < ${TARGET.healthMs} ms, peak < ${TARGET.peakMb} MB: ${failed.length ? `MISSED by ${failed.join(', ')}` : 'met'}`);
    process.exitCode = failed.length ? 1 : 0;
  } finally {
    await server.stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
