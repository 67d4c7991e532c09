/**
 * A phone screen (390 × 844): the header stays short on every page because the
 * navigation folds behind a menu button a keyboard and a screen reader can
 * use; tables wider than the screen scroll inside their box and keep their
 * words whole; the page itself never scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectNoSeriousAxeViolations, openPage, tabTo, textOf } from './browser';

const baseUrl = inject('baseUrl');
const VIEWPORT = { width: 390, height: 844 };
const browser = browserForFile();

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const headerHeight = (page: Page) => page.evaluate(() => document.querySelector('header.site-header')!.getBoundingClientRect().height);

/** Words of the cells matched by `selector` that the browser laid out on more than one line (cut inside the word); a line may end after a hyphen. */
function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((cells) => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll(cells)) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[^\s\-\u2010\u2013\u2014]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  }, selector);
}

describe('a 390 px wide screen', () => {
  it('keeps the header under a fifth of the screen on every kind of page, the menu closed', async () => {
    const { page, close } = await openPage(browser, baseUrl, { viewport: VIEWPORT });
    try {
      const found = await (await fetch(`${baseUrl}/api/v1/recommendations?q=educacion&page_size=1`)).json();
      for (const [path, ready] of [
        ['/es/recommendations', '.results, [role="status"]'],
        [`/es/recommendations/${found.items[0].id}`, '#text-heading'],
        ['/fr/institutions', 'tbody tr'],
        ['/pt/obligations', '.calendar-group tbody tr'],
        ['/en/open-data', '.dataset'],
        ['/es/sign-in', 'form'],
      ] as const) {
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        const height = await headerHeight(page);
        expect(height, `header height on ${path}`).toBeLessThan(VIEWPORT.height * 0.2);
        expect(await page.locator('#site-menu').isVisible(), path).toBe(false);
        expect(await pageOverflow(page), path).toBeLessThanOrEqual(0);
      }
    } finally {
      await close();
    }
  });

  it('opens the menu from the keyboard, reaches its links, closes on Escape and after following a link', async () => {
    const { page, close } = await openPage(browser, baseUrl, { viewport: VIEWPORT });
    try {
      await page.goto('/es/recommendations');
      await page.locator('h1').waitFor();
      const button = page.getByRole('button', { name: 'Menú' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await button.getAttribute('aria-controls')).toBe('site-menu');
      const openData = page.getByRole('navigation', { name: 'Sitio' }).getByRole('link', { name: 'Datos abiertos' });
      expect(await openData.isVisible()).toBe(false);

      // Open with the keyboard: the links are there, in the tab order after the button.
      await tabTo(page, button);
      await page.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      expect(await openData.isVisible()).toBe(true);
      expect(await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'Português' }).isVisible()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#site-menu'))).toBe(true);
      expect(await headerHeight(page)).toBeLessThan(VIEWPORT.height);
      await expectNoSeriousAxeViolations(page, 'the open menu at 390 px');

      // Escape closes it and gives focus back to the button.
      await page.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('menu-toggle'))).toBe(true);
      expect(await openData.isVisible()).toBe(false);

      // Space opens it too; a link followed from it leads to its page and the menu closes.
      await page.keyboard.press('Space');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await tabTo(page, openData, 20);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/es\/open-data$/);
      await expect.poll(() => textOf(page.locator('h1'))).toBe('Datos abiertos');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await openData.isVisible()).toBe(false);
    } finally {
      await close();
    }
  });

  it('scrolls a wide table inside its box with every word whole, the page itself not at all', async () => {
    const { page, close } = await openPage(browser, baseUrl, { viewport: VIEWPORT });
    try {
      await page.goto('/pt/institutions');
      await page.locator('.institutions-table tbody tr').first().waitFor();
      const cells = '.institutions-table th, .institutions-table td';
      expect(await brokenWords(page, cells)).toEqual([]);
      const style = await page.locator('.institutions-table tbody th').first().evaluate((el) => {
        const css = getComputedStyle(el);
        return { overflowWrap: css.overflowWrap, wordBreak: css.wordBreak };
      });
      expect(style).toEqual({ overflowWrap: 'normal', wordBreak: 'normal' });
      const scroller = await page.locator('.institutions-table').evaluate((table) => {
        const box = table.closest('.table-scroll')!;
        return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, overflowX: getComputedStyle(box).overflowX };
      });
      expect(scroller.overflowX).toBe('auto');
      // Whole words make the table wider than the phone: its box scrolls, not the page.
      expect(scroller.scrollWidth).toBeGreaterThan(scroller.clientWidth);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

      // The open-data dictionary: field names such as recommending_states stay in one piece.
      await page.goto('/en/open-data');
      await page.locator('.dataset').first().waitFor();
      for (const summary of await page.locator('.dataset summary').all()) await summary.click();
      expect(await brokenWords(page, '.dictionary-table th, .dictionary-table td')).toEqual([]);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await close();
    }
  });
});
