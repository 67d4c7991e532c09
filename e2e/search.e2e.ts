/**
 * The public search journey in real Chromium against the real server and its
 * demo data (server/db/seeds/demo/recommendations.csv: ~45 recommendations to
 * Paraguay and a few other States, mostly in Spanish, some in English, French
 * and Portuguese; six Spanish texts contain "educación" or "educativo").
 */
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, cspViolations, expectHtmlLang, openPage, readTotal, tabTo, textOf, type TestPage, waitForResults } from './browser';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

/**
 * Runs `fn` on a fresh page, then checks that no console error, page error,
 * failed request or CSP violation happened. `expectedStatus` lets through
 * Chromium's console line for an API error answer the test asked for.
 */
async function withPage(
  fn: (t: TestPage) => Promise<void>,
  options?: Parameters<typeof openPage>[2],
  expectedStatus?: number,
) {
  const t = await openPage(browser, baseUrl, options);
  try {
    await fn(t);
    const problems = t.problems.filter((p) =>
      !(expectedStatus && p.includes(`Failed to load resource: the server responded with a status of ${expectedStatus}`)));
    expect(problems, 'console errors, page errors or failed requests').toEqual([]);
    expect(await cspViolations(t.page), 'CSP violations').toEqual([]);
  } finally {
    await t.close();
  }
}

describe('public recommendation search', () => {
  it('searches, filters, pages, opens a recommendation, switches language and restores state from the URL', async () => {
    await withPage(async ({ page }) => {
      // 1. The Spanish search page, with every recommendation listed.
      await page.goto('/es/recommendations');
      await waitForResults(page);
      await expectHtmlLang(page, 'es');
      expect(await textOf(page.locator('h1'))).toBe('Buscar recomendaciones');
      await expect.poll(() => page.title()).toContain('Buscar recomendaciones');
      const everything = (await readTotal(page))!;
      expect(everything).toBeGreaterThan(20);

      // 2. An accent-less query, typed and submitted with Enter.
      const box = page.getByLabel('Palabras que desea buscar');
      await box.focus();
      await page.keyboard.type('educacion');
      await page.keyboard.press('Enter');
      await page.waitForURL(/[?&]q=educacion/);
      await expect.poll(() => readTotal(page)).toBeLessThan(everything);
      await waitForResults(page);
      const withQuery = (await readTotal(page))!;
      expect(withQuery).toBeGreaterThanOrEqual(5);
      expect(await textOf(page.locator('p.results-total'))).toMatch(/recomendaciones encontradas/);

      // Highlighted matches: <mark> elements around the accented word, built as elements (not text).
      const marks = page.locator('ol.results mark');
      expect(await marks.count()).toBeGreaterThan(0);
      const marked = (await marks.allTextContents()).map((s) => s.toLowerCase());
      expect(marked.some((s) => s.startsWith('educaci') || s.startsWith('educa'))).toBe(true);
      expect(await page.locator('ol.results').textContent()).toContain('educación');
      expect(await page.locator('.result-snippet').first().textContent()).not.toMatch(/<\/?mark>|&lt;|&amp;/);

      // 3. Tick a mechanism by keyboard: Tab from the search button to a box that narrows the results.
      const mechanisms = page.getByRole('group', { name: 'Mecanismo' }).getByRole('checkbox');
      expect(await mechanisms.count()).toBeGreaterThan(1);
      let target = -1;
      let expected = 0;
      for (let i = 0; i < (await mechanisms.count()); i++) {
        const label = await textOf(page.locator(`label[for="${await mechanisms.nth(i).getAttribute('id')}"]`));
        const count = Number(/\((\d+)\)$/.exec(label)?.[1]);
        if (count > 0 && count < withQuery) {
          target = i;
          expected = count;
          break;
        }
      }
      expect(target, 'a mechanism with fewer results than the whole search').toBeGreaterThanOrEqual(0);
      const checkbox = mechanisms.nth(target);
      const mechanismCode = (await checkbox.getAttribute('value'))!;
      await page.getByRole('button', { name: 'Buscar', exact: true }).focus();
      await tabTo(page, checkbox);
      await page.keyboard.press('Space');
      await page.waitForURL(new RegExp(`[?&]mechanism=${encodeURIComponent(mechanismCode)}`));
      await expect.poll(() => readTotal(page)).toBe(expected);
      await waitForResults(page);
      expect(await checkbox.isChecked()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('checkbox');
      // The selected filter is shown as a removable chip.
      expect(await page.getByRole('button', { name: /^Quitar el filtro Mecanismo:/ }).count()).toBe(1);

      // 4. Page 2: with only this filter (no words) there are more than 20 results.
      if ((await page.getByRole('link', { name: 'Página 2' }).count()) === 0) {
        await box.focus();
        await box.fill('');
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => !url.searchParams.has('q'));
        await waitForResults(page);
      }
      const filteredTotal = (await readTotal(page))!;
      expect(filteredTotal, 'enough results for two pages').toBeGreaterThan(20);
      const pager = page.getByRole('navigation', { name: 'Páginas de resultados' });
      expect(await textOf(pager.locator('[aria-current="page"]'))).toBe('1');
      await pager.getByRole('link', { name: 'Página 2' }).click();
      await page.waitForURL(/[?&]page=2/);
      await waitForResults(page);
      expect(await textOf(pager.locator('[aria-current="page"]'))).toBe('2');
      expect(await page.locator('ol.results > li').count()).toBe(Math.min(20, filteredTotal - 20));
      expect(page.url()).toContain(`mechanism=${encodeURIComponent(mechanismCode)}`);

      // Back and forward move between the two pages.
      await page.goBack();
      await page.waitForURL((url) => !url.searchParams.has('page'));
      await waitForResults(page);
      expect(await textOf(pager.locator('[aria-current="page"]'))).toBe('1');
      await page.goForward();
      await page.waitForURL(/[?&]page=2/);
      await waitForResults(page);
      const searchUrl = page.url();

      // 5. Open the first recommendation of page 2.
      const firstLink = page.locator('ol.results h3 a').first();
      const title = await textOf(firstLink);
      await firstLink.click();
      await page.waitForURL(/\/es\/recommendations\/\d+/);
      await page.locator('h1').filter({ hasText: title }).waitFor();
      await expect.poll(() => page.title()).toContain(title);
      expect(await textOf(page.locator('h2#text-heading'))).toBe('Texto');
      expect(await page.locator('.rec-text-body[lang]').count()).toBeGreaterThan(0);
      expect(await textOf(page.locator('dl.details dt').first())).toBe('Tipo');
      expect(await page.locator('dl.details dt', { hasText: 'Mecanismo' }).count()).toBe(1);

      // 6. Back to the results, with the search state kept.
      await page.getByRole('link', { name: /Volver a los resultados de búsqueda/ }).click();
      await page.waitForURL(searchUrl);
      await waitForResults(page);
      expect(await textOf(pager.locator('[aria-current="page"]'))).toBe('2');
      expect(await checkbox.isChecked()).toBe(true);

      // 7. English, same path and query.
      const english = page.locator('nav.language-switch a[hreflang="en"]');
      expect(await english.getAttribute('lang')).toBe('en');
      await english.click();
      await page.waitForURL(/\/en\/recommendations\?/);
      await waitForResults(page);
      expect(new URL(page.url()).search).toBe(new URL(searchUrl).search);
      await expectHtmlLang(page, 'en');
      expect(await textOf(page.locator('h1'))).toBe('Search recommendations');
      expect(await page.getByLabel('Words to search for').count()).toBe(1);
      expect(await textOf(page.locator('p.results-total'))).toMatch(/recommendations found$/);
      await expect.poll(() => page.title()).toContain('Search recommendations');

      // 8. A reload restores everything from the URL.
      await page.reload();
      await waitForResults(page);
      expect(page.url()).toContain(new URL(searchUrl).search);
      expect(await readTotal(page)).toBe(filteredTotal);
      expect(await page.getByRole('group', { name: 'Mechanism' }).locator(`input[value="${mechanismCode}"]`).isChecked()).toBe(true);
      expect(await textOf(page.getByRole('navigation', { name: 'Pages of results' }).locator('[aria-current="page"]'))).toBe('2');
    });
  });

  it('restricts the search to one language with the search-language selector', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/en/recommendations');
      await waitForResults(page);
      await page.getByLabel('Words to search for').fill('education');
      await page.getByLabel('Search language').selectOption('en');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForURL(/lang=en/);
      await waitForResults(page);
      expect(await readTotal(page)).toBeGreaterThan(0);
      const languages = await page.locator('.result-snippet').evaluateAll((els) => els.map((el) => el.getAttribute('lang')));
      expect(new Set(languages)).toEqual(new Set(['en']));
    });
  });

  it('downloads the filtered results as CSV, the same set the page shows', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/es/recommendations?q=educacion&mechanism=UPR');
      await waitForResults(page);
      const total = await readTotal(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Descargar CSV (estos resultados de búsqueda)' }).click(),
      ]);
      const file = await download.path();
      const text = (await import('node:fs')).readFileSync(file!, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const lines = text.slice(1).trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^id,mechanism,/);
      expect(lines).toHaveLength((total ?? -1) + 1);
      expect(text).toContain('educación');
      expect(lines.slice(1).every((line) => line.split(',')[1] === 'UPR')).toBe(true);
    });
  });

  it('narrows by a range of years typed into the year filter', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/en/recommendations');
      await waitForResults(page);
      const all = await readTotal(page);
      await page.getByLabel('From year').fill('2019');
      await page.getByLabel('To year').fill('2021');
      await page.getByLabel('To year').press('Enter');
      await page.waitForURL(/year_from=2019.*year_to=2021|year_to=2021.*year_from=2019/);
      await waitForResults(page);
      const narrowed = await readTotal(page);
      expect(narrowed).toBeGreaterThan(0);
      expect(narrowed).toBeLessThan(all ?? 0);
      const response = await page.request.get('/api/v1/recommendations?year_from=2019&year_to=2021');
      expect((await response.json()).total).toBe(narrowed);
    });
  });

  it('shows the API error message in an alert', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/es/recommendations?year_from=1800');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await textOf(alert)).toMatch(/^No se pudo realizar la búsqueda\s*\S+/);
    }, undefined, 400);
  });

  it('says in the reader\'s words what is wrong with a year out of range or a search text too long', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/es/recommendations');
      await waitForResults(page);
      await page.getByLabel('Desde el año').fill('99');
      await page.getByLabel('Desde el año').press('Enter');
      await page.waitForURL(/year_from=99/);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await textOf(alert)).toMatch(/^No se pudo realizar la búsqueda\s*Parámetro no válido: el año inicial debe estar entre 1900 y 2100\./);
      expect(await textOf(alert)).not.toMatch(/year_from|>=/);
    }, undefined, 400);
    await withPage(async ({ page }) => {
      await page.goto(`/fr/recommendations?q=${'droits '.repeat(1_500)}`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await textOf(alert)).toContain('le texte recherché est trop long (au plus 500 caractères)');
    }, undefined, 400);
  });

  it('says so when nothing matches', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/fr/recommendations?q=zzzyyyxxx');
      await waitForResults(page);
      expect(await readTotal(page)).toBe(0);
      expect(await textOf(page.locator('.empty'))).toContain('Aucune recommandation ne correspond à votre recherche.');
    });
  });

  it('shows a not-found message for a missing recommendation', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/pt/recommendations/987654321');
      await page.getByRole('alert').waitFor();
      expect(await textOf(page.locator('h1'))).toBe('Não foi possível carregar a recomendação');
      expect(await page.getByRole('link', { name: /Voltar aos resultados da pesquisa/ }).count()).toBe(1);
    }, undefined, 404);
  });

  it('sends the visitor to a locale by browser language and 404s an unknown one', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/');
      await page.waitForURL(/\/pt\/recommendations$/);
      expect(await textOf(page.locator('h1'))).toBe('Pesquisar recomendações');
      await page.goto('/fr');
      await page.waitForURL(/\/fr\/recommendations$/);
      expect(await textOf(page.locator('h1'))).toBe('Rechercher des recommandations');
      await page.goto('/de/recommendations');
      expect(await textOf(page.locator('h1'))).toBe('Página não encontrada');
      await expectHtmlLang(page, 'pt');
    }, { locale: 'pt-BR' });
  });

  it('serves the pages under a strict Content-Security-Policy without violations or console errors', async () => {
    const response = await fetch(`${baseUrl}/es/recommendations`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    expect(html).not.toMatch(/<style|style=/);

    const api = await (await fetch(`${baseUrl}/api/v1/recommendations?q=educacion&page_size=1`)).json();
    await withPage(async ({ page }) => {
      for (const path of [
        '/es/recommendations',
        '/es/recommendations?q=educacion',
        '/en/recommendations?mechanism=UPR&position=supported&sort=date_asc',
        `/es/recommendations/${api.items[0].id}`,
        `/fr/recommendations/${api.items[0].id}`,
        '/pt/unknown-page',
      ]) {
        await page.goto(path);
        await page.locator('h1').waitFor();
        await page.waitForLoadState('networkidle');
      }
    });
  });
});
