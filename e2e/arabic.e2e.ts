/**
 * The pages in Arabic, a language written right to left, on a phone-width screen (390 px): the public search,
 * a recommendation, the dashboards, the open data and a focal point's workspace each say `lang="ar"` and
 * `dir="rtl"`, have no serious or critical axe violation and never scroll sideways; the way-back arrow points
 * the other way; numbers and dates are written by `Intl` for Arabic; the charts draw from the right.
 * Nothing here depends on the catalogue's wording.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectNoSeriousAxeViolations, openPage, waitForResults } from './browser';
import { DEMO_PASSWORD, expectNoProblems } from './journey';

const baseUrl = inject('baseUrl');
const browser = browserForFile();
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'ar-EG' };

/** The page's language and direction once it has set them, and how far it scrolls sideways (0: not at all). */
async function expectArabicLayout(page: Page, what: string) {
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ar');
  expect(await page.locator('html').getAttribute('dir'), what).toBe('rtl');
  expect(await page.evaluate(() => getComputedStyle(document.body).direction), what).toBe('rtl');
  const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(overflow.scroll, `${what} is wider than the screen`).toBeLessThanOrEqual(overflow.inner);
  await expectNoSeriousAxeViolations(page, `${what} (ar)`);
}

/** What the browser's own Intl writes for Arabic. */
function arabic(page: Page, kind: 'number' | 'date', value: number | string): Promise<string> {
  return page.evaluate(([kind, value]) => (kind === 'number'
    ? new Intl.NumberFormat('ar').format(value as number)
    : new Intl.DateTimeFormat('ar', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`))), [kind, value] as const);
}

describe('the pages in Arabic, on a 390 px wide screen', () => {
  it('the public search: reached from the browser\'s language, right to left, its total and dates written for Arabic', async () => {
    const t = await openPage(browser, baseUrl, PHONE);
    try {
      // The HTML of a page under /ar/ already says its language and direction, before the app runs.
      const html = await (await fetch(`${baseUrl}/ar/recommendations`)).text();
      expect(html).toMatch(/<html lang="ar" dir="rtl">/);

      await t.page.goto('/');
      await t.page.waitForURL(/\/ar\/recommendations$/);
      await waitForResults(t.page);
      await expectArabicLayout(t.page, 'the search page');

      await t.page.goto('/ar/recommendations?q=educacion&sort=date_desc');
      await waitForResults(t.page);
      await expectArabicLayout(t.page, 'search results');
      const answer = await (await fetch(`${baseUrl}/api/v1/recommendations?q=educacion&sort=date_desc&page_size=1&locale=ar`)).json();
      const status = (await t.page.locator('p.results-total[role="status"]').textContent()) ?? '';
      expect(status).toContain(await arabic(t.page, 'number', answer.total));
      const firstDate = t.page.locator('.result time').first();
      const iso = await firstDate.getAttribute('datetime');
      expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect((await firstDate.textContent())?.trim()).toBe(await arabic(t.page, 'date', iso!.slice(0, 10)));
      // Not English's words: the month is named in Arabic.
      expect(await firstDate.textContent()).not.toBe(new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso!.slice(0, 10)}T00:00:00Z`)));
      await expectNoProblems(t, 'a visitor in Arabic');
    } finally {
      await t.close();
    }
  });

  it('a recommendation: right to left, and its way-back arrow points the other way (as it does not in English)', async () => {
    const found = await (await fetch(`${baseUrl}/api/v1/recommendations?q=educacion&page_size=1`)).json();
    const t = await openPage(browser, baseUrl, PHONE);
    try {
      await t.page.goto(`/ar/recommendations/${found.items[0].id}`);
      await t.page.locator('#text-heading').waitFor();
      await t.page.waitForLoadState('networkidle');
      await expectArabicLayout(t.page, 'a recommendation');
      const arrow = t.page.locator('.back-link [aria-hidden="true"]').first();
      expect(await arrow.evaluate((element) => getComputedStyle(element).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)');
      // The link's arrow stands on the right, before its words as Arabic reads.
      const [arrowBox, linkBox] = [await arrow.boundingBox(), await t.page.locator('.back-link a').first().boundingBox()];
      expect(arrowBox!.x + arrowBox!.width).toBeGreaterThan(linkBox!.x + linkBox!.width - 2);

      await t.page.goto(`/en/recommendations/${found.items[0].id}`);
      await t.page.locator('#text-heading').waitFor();
      expect(await t.page.locator('html').getAttribute('dir')).toBe('ltr');
      expect(await t.page.locator('.back-link [aria-hidden="true"]').first().evaluate((element) => getComputedStyle(element).transform)).toBe('none');
      await expectNoProblems(t, 'a visitor in Arabic then English');
    } finally {
      await t.close();
    }
  });

  it('switching language from English to Arabic turns the page right to left, and back', async () => {
    const t = await openPage(browser, baseUrl, PHONE);
    try {
      await t.page.goto('/en/recommendations');
      await waitForResults(t.page);
      expect(await t.page.locator('html').getAttribute('dir')).toBe('ltr');
      await t.page.locator('.menu-toggle').click();
      await t.page.locator('nav.language-switch a[hreflang="ar"]').click();
      await t.page.waitForURL(/\/ar\/recommendations$/);
      await expect.poll(() => t.page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await t.page.locator('html').getAttribute('lang')).toBe('ar');
      await t.page.locator('.menu-toggle').click();
      await t.page.locator('nav.language-switch a[hreflang="fr"]').click();
      await t.page.waitForURL(/\/fr\/recommendations$/);
      await expect.poll(() => t.page.locator('html').getAttribute('dir')).toBe('ltr');
      expect(await t.page.locator('html').getAttribute('lang')).toBe('fr');
    } finally {
      await t.close();
    }
  });

  it('the dashboards and the open data: right to left, the charts drawn from the right with their words inside the picture', async () => {
    const t = await openPage(browser, baseUrl, PHONE);
    try {
      await t.page.goto('/ar/dashboards');
      const url = new URL(t.page.url());
      await t.page.locator(`[data-dashboard-for=${JSON.stringify(`${url.pathname}${url.search}`)}]`).waitFor({ timeout: 30_000 });
      await t.page.locator('figure.chart svg').first().waitFor();
      await t.page.waitForLoadState('networkidle');
      await expectArabicLayout(t.page, 'the dashboards');
      const charts = await t.page.locator('figure.chart svg').evaluateAll((svgs) => svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')].map((text) => text.getBoundingClientRect());
        // Bars (each row a translated group of translated groups): they start at the right edge.
        const bars = [...svg.querySelectorAll(':scope > g[transform] > g[transform] > rect')].map((rect) => rect.getBoundingClientRect());
        // Columns over time (a group per period, in the data's order): the first period is the rightmost.
        const periods = [...svg.querySelectorAll(':scope > g:not([transform])')]
          .map((group) => group.querySelector(':scope > rect')?.getBoundingClientRect())
          .filter((rect): rect is DOMRect => rect !== undefined);
        return {
          direction: svg.getAttribute('direction'),
          outside: texts.filter((text) => text.width > 0 && (text.left < box.left - 1 || text.right > box.right + 1)).length,
          barsFromTheRight: bars.length === 0 ? null : bars.every((bar) => Math.abs(bar.right - box.right) <= 1.5),
          timeFromTheRight: periods.length < 2 ? null : periods[0].left > periods[periods.length - 1].left,
        };
      }));
      expect(charts.length).toBeGreaterThan(0);
      for (const chart of charts) {
        expect(chart.direction).toBe('rtl');
        expect(chart.outside, 'words drawn outside a chart').toBe(0);
      }
      expect(charts.some((chart) => chart.barsFromTheRight !== null), 'a bar chart on the dashboards').toBe(true);
      expect(charts.filter((chart) => chart.barsFromTheRight === false), JSON.stringify(charts)).toEqual([]);
      expect(charts.filter((chart) => chart.timeFromTheRight === false), JSON.stringify(charts)).toEqual([]);

      await t.page.goto('/ar/open-data');
      await t.page.locator('section.dataset').first().waitFor();
      await t.page.waitForLoadState('networkidle');
      await expectArabicLayout(t.page, 'the open data');
      await expectNoProblems(t, 'a visitor in Arabic');
    } finally {
      await t.close();
    }
  });

  it("a focal point's workspace: right to left, its due dates written for Arabic", async () => {
    const t = await openPage(browser, baseUrl, PHONE);
    try {
      const signedIn = await t.page.request.post('/api/v1/auth/login', { data: { email: 'focal.mec@demo.example.org', password: DEMO_PASSWORD } });
      expect(signedIn.status()).toBe(200);
      await t.context.addInitScript(() => window.localStorage.setItem('open-nmirf:signed-in', '1'));
      const [queue] = await Promise.all([
        t.page.waitForResponse((response) => /\/api\/v1\/institutions\/\d+\/assignments/.test(response.url())),
        t.page.goto('/ar/workspace'),
      ]);
      await t.page.locator('li.queue-item').first().waitFor();
      await t.page.locator('.report-item').first().waitFor();
      await t.page.waitForLoadState('networkidle');
      await expectArabicLayout(t.page, "the focal point's workspace");
      const due = ((await queue.json()).items as { due_date: string | null }[]).find((item) => item.due_date)?.due_date;
      expect(due, 'a due date in the queue').toBeTruthy();
      expect(await t.page.locator('main').textContent()).toContain(await arabic(t.page, 'date', due!.slice(0, 10)));
      await expectNoProblems(t, 'a focal point in Arabic');
    } finally {
      await t.close();
    }
  });
});
