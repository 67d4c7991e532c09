/**
 * Accessibility in real Chromium: axe (WCAG 2.1 A and AA rules) on the search
 * page empty, with results and with filters, and on a recommendation page, in
 * every UI language; plus keyboard and small-screen checks axe cannot make.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf, waitForResults } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let recommendationId: number;

beforeAll(async () => {
  browser = await launchBrowser();
  const found = await (await fetch(`${baseUrl}/api/v1/recommendations?q=educacion&page_size=1`)).json();
  recommendationId = found.items[0].id;
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['es', 'en', 'fr', 'pt'])('axe in %s', (locale) => {
  const pages = () => [
    ['the empty search page', `/${locale}/recommendations`],
    ['search results', `/${locale}/recommendations?q=educacion`],
    ['filtered results with chips', `/${locale}/recommendations?mechanism=UPR&position=supported&year_from=2010&sort=date_asc`],
    ['no results', `/${locale}/recommendations?q=zzzyyyxxx`],
  ];

  it('search pages have no serious or critical violations', async () => {
    const { page, close } = await openPage(browser, baseUrl);
    try {
      for (const [what, path] of pages()) {
        await page.goto(path);
        await waitForResults(page);
        await expectNoSeriousAxeViolations(page, `${what} (${locale})`);
      }
    } finally {
      await close();
    }
  });

  it('a recommendation page has no serious or critical violations', async () => {
    const { page, close } = await openPage(browser, baseUrl);
    try {
      await page.goto(`/${locale}/recommendations/${recommendationId}`);
      await page.locator('h1#text-heading, section h2#text-heading').waitFor();
      await expectNoSeriousAxeViolations(page, `a recommendation (${locale})`);
      await page.goto(`/${locale}/no-such-page`);
      await page.locator('h1').waitFor();
      await expectNoSeriousAxeViolations(page, `the not-found page (${locale})`);
    } finally {
      await close();
    }
  });
});

describe('keyboard and small screens', () => {
  it('the skip link is the first tab stop and moves focus to the main content', async () => {
    const { page, close } = await openPage(browser, baseUrl);
    try {
      await page.goto('/en/recommendations');
      await waitForResults(page);
      await page.keyboard.press('Tab');
      const first = page.locator(':focus');
      expect(await textOf(first)).toBe('Skip to main content');
      // Visible when focused.
      const box = await first.boundingBox();
      expect(box && box.y >= 0 && box.height > 0).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.keyboard.press('Tab');
      // The next stop is inside the main content, not back in the header.
      expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    } finally {
      await close();
    }
  });

  it('keyboard focus is visible', async () => {
    const { page, close } = await openPage(browser, baseUrl);
    try {
      await page.goto('/en/recommendations');
      await waitForResults(page);
      await page.getByLabel('Words to search for').focus();
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        const outline = await page.evaluate(() => {
          const style = getComputedStyle(document.activeElement!);
          return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
        });
        expect(outline.style).not.toBe('none');
        expect(outline.width).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await close();
    }
  });

  it('works at 360 px wide without horizontal scrolling, with the filters behind a toggle', async () => {
    const { page, close } = await openPage(browser, baseUrl, { viewport: { width: 360, height: 740 } });
    try {
      await page.goto('/es/recommendations?q=educacion&mechanism=UPR');
      await waitForResults(page);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      const toggle = page.getByRole('button', { name: /Mostrar filtros/ });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByRole('group', { name: 'Mecanismo' }).isVisible()).toBe(false);
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await page.getByRole('group', { name: 'Mecanismo' }).isVisible()).toBe(true);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page, 'the search page at 360 px with filters open');
      await page.goto(`/es/recommendations/${recommendationId}`);
      await page.locator('#text-heading').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
    } finally {
      await close();
    }
  });

  it('honours prefers-reduced-motion', async () => {
    const { page, close } = await openPage(browser, baseUrl, { reducedMotion: 'reduce' });
    try {
      await page.goto('/en/recommendations');
      await waitForResults(page);
      const durations = await page.evaluate(() =>
        [...document.querySelectorAll('button, a')].slice(0, 20).map((el) => getComputedStyle(el).transitionDuration));
      for (const d of durations) expect(parseFloat(d)).toBeLessThan(0.01);
    } finally {
      await close();
    }
  });
});
