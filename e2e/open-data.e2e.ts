/**
 * The open data page: reached from the site navigation and the footer, in
 * each language; it lists every dataset of /api/v1/open-data with working
 * downloads, the licence, the data dictionary and where the API is described,
 * and its code is a chunk of its own, loaded only when the page is opened.
 */
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectNoSeriousAxeViolations, openPage, textOf } from './browser';
import { expectNoProblems } from './journey';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

const HEADINGS = { es: 'Datos abiertos', en: 'Open data', fr: 'Données ouvertes', pt: 'Dados abertos' } as const;

describe('the open data page', () => {
  it('is linked from the navigation, lists each dataset with its downloads, licence and dictionary, and loads its own chunk', async () => {
    const t = await openPage(browser, baseUrl);
    const { page } = t;
    try {
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      await page.goto('/es/recommendations');
      await page.locator('h1').waitFor();
      const beforeOpening = [...scripts];
      expect(beforeOpening.some((src) => /OpenDataPage/.test(src)), 'the search page does not load the open data page').toBe(false);

      await page.getByRole('navigation', { name: 'Sitio' }).getByRole('link', { name: 'Datos abiertos' }).click();
      await page.waitForURL(/\/es\/open-data$/);
      await expect.poll(() => textOf(page.locator('h1'))).toBe('Datos abiertos');
      expect(scripts.filter((src) => !beforeOpening.includes(src)).some((src) => /OpenDataPage/.test(src)), 'its own chunk').toBe(true);

      const index = await (await fetch(`${baseUrl}/api/v1/open-data?locale=es`)).json();
      const datasets = page.locator('section.dataset');
      expect(await datasets.count()).toBe(index.datasets.length);
      for (const dataset of index.datasets as { name: string; title: string; fields: { name: string }[] }[]) {
        const section = page.locator(`section.dataset:has(h3#dataset-${dataset.name})`);
        expect(await textOf(section.locator('h3'))).toBe(dataset.title);
        for (const format of ['csv', 'json', 'xlsx']) {
          const href = await section.getByRole('link', { name: `${dataset.title}, ${format.toUpperCase()}` }).getAttribute('href');
          expect(href).toBe(`/api/v1/open-data/${dataset.name}.${format}`);
        }
        await section.locator('summary').click();
        const fields = await section.locator('tbody th').allTextContents();
        expect(fields).toEqual(dataset.fields.map((field) => field.name));
      }
      // A download works.
      const csv = await fetch(`${baseUrl}/api/v1/open-data/recommendations.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');

      const licence = page.getByRole('region', { name: 'Licencia' }).getByRole('link');
      expect(await licence.getAttribute('href')).toBe(index.licence.url);
      expect(await textOf(licence)).toBe(index.licence.name);
      expect(await page.getByRole('link', { name: 'Documentación de la API (OpenAPI)' }).getAttribute('href')).toBe('/api/docs');
      await expectNoSeriousAxeViolations(page, 'the open data page with its dictionaries open (es)');

      // The footer links to it on every page, in every language.
      for (const [locale, heading] of Object.entries(HEADINGS)) {
        await page.goto(`/${locale}/institutions`);
        await page.locator('h1').waitFor();
        await page.locator('footer.site-footer a[href$="/open-data"]').click();
        await page.waitForURL(new RegExp(`/${locale}/open-data$`));
        await expect.poll(() => textOf(page.locator('h1'))).toBe(heading);
        await page.locator('section.dataset').first().waitFor();
      }
      await expectNoProblems(t, 'visitor');
    } finally {
      await t.close();
    }
  });
});
