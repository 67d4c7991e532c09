/**
 * `npm run bench:page-weight`: what a visitor's browser downloads before each
 * public page is usable, and how long the search page takes to show its first
 * results. Needs the production build (`npx vite build`; built when missing or
 * older than its sources) and Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
 *
 * It starts the app as the browser tests do (e2e/server.ts: a throw-away data
 * directory with the demo data; E2E_BASE_URL points it at a running server
 * instead), opens each public route in a fresh browser context (empty cache)
 * — the ones named below, plus any other page of the site navigation, plus
 * the Network's public pages on a hub started beside it (INSTANCE_ROLE=hub) — and
 * counts the JavaScript and CSS responses received until the page's content
 * is on screen: bytes as sent, and gzipped (level 9, computed here,
 * since the app server does not compress). Timing: navigation to the first
 * search results, against a baseline measured in the same run (navigating to
 * a tiny static file), reported as a ratio so that machines compare.
 *
 * Prints one JSON object on stdout, then a one-line summary; progress goes to
 * stderr. Exits 1 when any route's JavaScript exceeds the budget (150 KB
 * gzipped): a budget check, not a timing assertion.
 *
 * Options (flags or environment):
 *   --runs=N   BENCH_RUNS   timed runs of the search and of the baseline (default 5)
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Response } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { startServer } from '../e2e/server';
import { log, ratio, round, summarise } from './lib/stats';

export const JS_BUDGET_BYTES = 150 * 1024;
const READY_TIMEOUT_MS = 30_000;

interface Route {
  name: string;
  path: string;
  /** Shown once the page's own content is there: the page is usable. Null: its heading, once the network is quiet. */
  ready: string | null;
}

interface Asset { url: string; kind: 'js' | 'css'; bytes: number; gzip_bytes: number }

interface RouteWeight {
  name: string;
  path: string;
  js_files: number;
  js_bytes: number;
  js_gzip_bytes: number;
  css_bytes: number;
  css_gzip_bytes: number;
  within_budget: boolean;
  assets: Asset[];
}

function readRuns(): number {
  const flag = process.argv.slice(2).find((arg) => arg.startsWith('--runs='));
  const value = Number(flag?.slice('--runs='.length) ?? process.env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(value) || value < 1 || value > 50) throw new Error('--runs must be an integer from 1 to 50');
  return value;
}

async function getJson<T>(baseUrl: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json() as Promise<T>;
}

/** The public routes, with records of the running instance where a route needs one. */
async function publicRoutes(baseUrl: string): Promise<Route[]> {
  const search = await getJson<{ items: { id: number }[] }>(baseUrl, '/api/v1/recommendations?page_size=1');
  const institutions = await getJson<{ items: { id: number; counts: { published_actions: number } }[] }>(baseUrl, '/api/v1/public/institutions');
  const institution = institutions.items.find((i) => i.counts.published_actions > 0) ?? institutions.items[0];
  const routes: Route[] = [
    { name: 'search', path: '/en/recommendations', ready: 'section[data-results-for] .result' },
    { name: 'institutions', path: '/en/institutions', ready: '.institutions-table tbody tr' },
    { name: 'mechanism', path: '/en/mechanisms/UPR', ready: '.count-list li' },
    { name: 'sdg', path: '/en/sdgs/4', ready: 'tr[data-target]' },
    { name: 'calendar', path: '/en/obligations', ready: '.results-count:not(:empty)' },
    { name: 'open-data', path: '/en/open-data', ready: 'section.dataset' },
    { name: 'dashboards', path: '/en/dashboards', ready: '[data-dashboard-for] figure.chart' },
    { name: 'sign-in', path: '/en/sign-in', ready: 'input[type="password"]' },
  ];
  if (search.items[0]) routes.splice(1, 0, { name: 'recommendation', path: `/en/recommendations/${search.items[0].id}`, ready: '#text-heading' });
  if (institution) routes.splice(3, 0, { name: 'institution', path: `/en/institutions/${institution.id}`, ready: '#institution-actions-heading ~ *' });
  return routes;
}

/** The public pages of the Network on a hub (INSTANCE_ROLE=hub, its demo data: Paraguay a member), with a meeting whose agenda was sent. */
async function hubRoutes(baseUrl: string): Promise<Route[]> {
  const meetings = await getJson<{ items: { id: number; agenda_sent_on: string | null }[] }>(baseUrl, '/api/v1/network/meetings');
  const meeting = meetings.items.find((m) => m.agenda_sent_on);
  return [
    { name: 'network', path: '/en/network', ready: 'tr[data-state]' },
    { name: 'network-join', path: '/en/network/join', ready: '#join-iso3' },
    { name: 'network-timeliness', path: '/en/network/timeliness', ready: '[data-timeliness]' },
    { name: 'network-similar', path: '/en/network/similar?text=Ratify%20the%20Optional%20Protocol%20to%20the%20Convention%20against%20Torture', ready: '[data-similar-results], .network-similar p' },
    { name: 'network-state', path: '/en/network/states/PRY', ready: '#state-history-heading ~ *' },
    ...(meeting ? [{ name: 'network-meeting', path: `/en/network/meetings/${meeting.id}`, ready: '.network-agenda li' }] : []),
    // The knowledge hub with its demo practices and open request for cooperation.
    { name: 'network-hub', path: '/en/network/hub', ready: '.network-hub-list li' },
  ];
}

/** Pages of the site navigation that the list above does not name yet (weighed once the network is quiet). */
async function navigationRoutes(browser: Browser, baseUrl: string, known: Route[]): Promise<Route[]> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto('/en/recommendations');
    await page.locator('.site-nav a').first().waitFor({ timeout: READY_TIMEOUT_MS });
    const paths = await page.locator('.site-nav a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    return [...new Set(paths)].filter((path) => !known.some((route) => route.path === path))
      .map((path) => ({ name: path.split('/').filter(Boolean).slice(1).join('/') || path, path, ready: null }));
  } finally {
    await context.close();
  }
}

function kindOf(response: Response): 'js' | 'css' | null {
  const type = response.request().resourceType();
  if (type === 'script') return 'js';
  if (type === 'stylesheet') return 'css';
  const contentType = response.headers()['content-type'] ?? '';
  if (contentType.includes('javascript')) return 'js';
  if (contentType.includes('text/css')) return 'css';
  return null;
}

/** Opens a route in a fresh context and weighs the scripts and stylesheets received before it was usable. */
async function weigh(browser: Browser, baseUrl: string, route: Route): Promise<RouteWeight> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const pending: Promise<Asset | null>[] = [];
    let usable = false;
    page.on('response', (response) => {
      const kind = kindOf(response);
      if (!kind || usable) return;
      pending.push(response.body().then((body) => ({
        url: new URL(response.url()).pathname, kind, bytes: body.length, gzip_bytes: gzipSync(body, { level: 9 }).length,
      }), () => null));
    });
    await page.goto(route.path);
    if (route.ready) {
      await page.locator(route.ready).first().waitFor({ timeout: READY_TIMEOUT_MS });
    } else {
      await page.locator('main h1').first().waitFor({ timeout: READY_TIMEOUT_MS });
      await page.waitForLoadState('networkidle', { timeout: READY_TIMEOUT_MS });
    }
    usable = true;
    const assets = (await Promise.all(pending)).filter((a): a is Asset => a !== null);
    const sum = (kind: Asset['kind'], key: 'bytes' | 'gzip_bytes') => assets.filter((a) => a.kind === kind).reduce((n, a) => n + a[key], 0);
    const jsGzip = sum('js', 'gzip_bytes');
    return {
      name: route.name, path: route.path, js_files: assets.filter((a) => a.kind === 'js').length,
      js_bytes: sum('js', 'bytes'), js_gzip_bytes: jsGzip, css_bytes: sum('css', 'bytes'), css_gzip_bytes: sum('css', 'gzip_bytes'),
      within_budget: jsGzip <= JS_BUDGET_BYTES, assets,
    };
  } finally {
    await context.close();
  }
}

/** Milliseconds from the start of a navigation (fresh context, empty cache) until `ready` is on screen. */
async function timeTo(browser: Browser, baseUrl: string, path: string, ready: (page: Page) => Promise<unknown>): Promise<number> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(path, { waitUntil: 'commit' });
    await ready(page);
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

async function main() {
  const runs = readRuns();
  const started = performance.now();
  log('starting the app (production build, demo data)…');
  const server = await startServer();
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
    const named = await publicRoutes(server.baseUrl);
    const routes = [...named, ...await navigationRoutes(browser, server.baseUrl, named)];
    const weights: RouteWeight[] = [];
    for (const route of routes) {
      const weight = await weigh(browser, server.baseUrl, route);
      log(`${route.name.padEnd(15)} ${(weight.js_gzip_bytes / 1024).toFixed(1)} KB JS gzipped in ${weight.js_files} file(s), ${(weight.css_gzip_bytes / 1024).toFixed(1)} KB CSS`);
      weights.push(weight);
    }
    // The Network's public pages, on a hub started for them (a national instance has none; not with E2E_BASE_URL).
    const hub = process.env.E2E_BASE_URL ? null : await startServer({ env: { INSTANCE_ROLE: 'hub' }, webBuild: false });
    if (hub) log('started a hub (INSTANCE_ROLE=hub, its demo data)');
    if (hub) try {
      for (const route of await hubRoutes(hub.baseUrl)) {
        const weight = await weigh(browser, hub.baseUrl, route);
        log(`${route.name.padEnd(15)} ${(weight.js_gzip_bytes / 1024).toFixed(1)} KB JS gzipped in ${weight.js_files} file(s), ${(weight.css_gzip_bytes / 1024).toFixed(1)} KB CSS`);
        weights.push(weight);
      }
    } finally {
      await hub.stop();
    }

    // The search's first results against a tiny static file, interleaved so that both see the same machine load.
    const firstResults = (page: Page) => page.locator('section[data-results-for] .result').first().waitFor({ timeout: READY_TIMEOUT_MS });
    const staticFile = (page: Page) => page.waitForLoadState('load');
    await timeTo(browser, server.baseUrl, '/en/recommendations', firstResults); // warm the server's caches, not measured
    const search: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(await timeTo(browser, server.baseUrl, '/favicon.svg', staticFile));
      search.push(await timeTo(browser, server.baseUrl, '/en/recommendations', firstResults));
    }
    const searchSummary = summarise(search);
    const baselineSummary = summarise(baseline);
    const over = weights.filter((w) => !w.within_budget);
    const heaviest = weights.reduce((a, b) => (b.js_gzip_bytes > a.js_gzip_bytes ? b : a));
    const result = {
      budget_js_gzip_bytes: JS_BUDGET_BYTES,
      routes: weights,
      search_first_results: {
        runs,
        ms: searchSummary,
        baseline: { what: 'navigation to /favicon.svg (a tiny static file)', ms: baselineSummary },
        ratio_p50: ratio(searchSummary.p50_ms, baselineSummary.p50_ms),
      },
      over_budget: over.map((w) => w.name),
      duration_s: round((performance.now() - started) / 1000),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `page weight: ${weights.length} public routes, heaviest ${heaviest.name} ${(heaviest.js_gzip_bytes / 1024).toFixed(1)} KB JS gzipped ` +
      `(budget ${JS_BUDGET_BYTES / 1024} KB${over.length ? `, OVER: ${over.map((w) => w.name).join(', ')}` : ', all within'}); ` +
      `search first results p50 ${searchSummary.p50_ms} ms = ${result.search_first_results.ratio_p50}× a static file (${baselineSummary.p50_ms} ms)`,
    );
    process.exitCode = over.length ? 1 : 0;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
