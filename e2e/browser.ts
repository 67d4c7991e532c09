/** Shared helpers for the browser tests: Chromium, pages that record problems, axe scans. */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** What the tests ask of a browser: new contexts. */
export type TestBrowser = Pick<Browser, 'newContext'>;

/** One Chromium for the whole test file: launched before its tests, closed after them. */
export function browserForFile(): TestBrowser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    newContext: (options) => {
      if (!browser) throw new Error('the browser starts in beforeAll: open pages inside tests or hooks');
      return browser.newContext(options);
    },
  };
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions, CSP violations and failed requests seen so far. */
  problems: string[];
  close: () => Promise<void>;
}

/** A fresh context and page whose console errors, page errors and CSP violations are recorded. */
export async function openPage(browser: TestBrowser, baseUrl: string, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    // Requests the app cancels on purpose (a newer search replaced an older one) are not problems.
    if (!/ERR_ABORTED|cancelled/i.test(failure)) problems.push(`request failed: ${request.url()} ${failure}`);
  });
  // The page cannot see its own CSP reports once they are gone: collect them as they happen.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const w = window as unknown as { __cspViolations?: string[] };
      (w.__cspViolations ??= []).push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return { context, page, problems, close: () => context.close() };
}

/** CSP violations the current document reported. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** Fails with every axe violation listed when any is serious or critical (WCAG 2.1 A and AA rules). */
export async function expectNoSeriousAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = results.violations
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join('\n')}`)
    .join('\n');
  expect(serious.length, `axe on ${what} (${page.url()}) found ${results.violations.length} violation(s):\n${report}`).toBe(0);
}

/** The number at the start of the results status ("1.234 recomendaciones encontradas" → 1234). */
export async function readTotal(page: Page): Promise<number | null> {
  const text = (await page.locator('p.results-total[role="status"]').textContent()) ?? '';
  const match = /^\s*([\d.,\s\u00a0\u202f]+)/.exec(text);
  return match ? Number(match[1].replace(/\D/g, '')) : null;
}

/**
 * Waits until the results shown answer the page's current URL (the search
 * page marks its results section with the query string they belong to once
 * the request has settled). Call it after the URL has changed.
 */
export async function waitForResults(page: Page) {
  const url = new URL(page.url());
  const current = `${url.pathname}${url.search}`;
  await page.locator(`section[data-results-for=${JSON.stringify(current)}]`).waitFor({ timeout: 30_000 });
}

/** The document's language, once the page has set it. */
export async function expectHtmlLang(page: Page, lang: string) {
  await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 10_000 }).toBe(lang);
}

export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Presses Tab until `target` has focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 60) {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => document.activeElement === el, handle)) return;
  }
  throw new Error(`Tab did not reach the element after ${max} presses`);
}
