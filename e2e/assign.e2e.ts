/**
 * Assigning recommendations in Spanish: the page's list of responsible
 * institutions shows the new one at once (no reload), and the message agrees
 * in number ("1 nueva", "2 nuevas"). A new institution per run keeps the
 * counts exact whatever other browser tests assigned before. The secretariat
 * also ticks single results of a search and assigns them to two institutions
 * at once, after a preview per institution.
 */
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectNoSeriousAxeViolations, openPage, textOf, waitForResults } from './browser';
import { apiCall, apiSignIn, expectNoProblems, expectStatus, signIn } from './journey';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

describe('assigning a recommendation', () => {
  it('refreshes the responsible institutions without a reload and counts in words that agree in number', async () => {
    const session = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
    const name = `Instituto de Pruebas ${Date.now().toString(36)}`;
    const created = await apiCall(baseUrl, 'POST', '/api/v1/institutions', { session, body: { name: { es: name }, branch: 'executive' } });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    // A search with a few matches, none of them assigned to the new institution yet.
    const search = await apiCall(baseUrl, 'GET', '/api/v1/recommendations?q=indígenas&lang=es&page_size=1');
    const total = search.json.total as number;
    expect(total).toBeGreaterThan(1);
    const recommendation = search.json.items[0] as { id: number };

    const secretariat = await openPage(browser, baseUrl);
    try {
      const { page } = secretariat;
      await signIn(page, 'secretariat@demo.example.org');
      await page.goto(`/es/recommendations/${recommendation.id}`);
      const responsible = page.getByRole('region', { name: 'Instituciones responsables' });
      await responsible.waitFor();
      await expect.poll(() => textOf(responsible)).not.toContain('Cargando');
      expect(await textOf(responsible)).not.toContain(name);
      const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);

      const form = page.locator('form.assign-form');
      const select = form.locator('#assign-institution');
      await expect.poll(() => select.locator('option').count()).toBeGreaterThan(5);
      await select.selectOption({ label: name });
      // Co-responsible: other institutions may already lead these recommendations.
      await form.locator('#assign-co_responsible').check();
      await form.locator('button[type=submit]').click();
      await expectStatus(page, `Asignada a ${name}: 1 nueva, 0 actualizadas, 0 sin cambios.`);
      // The box above lists it now, on the same page (no navigation happened).
      await expect.poll(() => textOf(responsible), { timeout: 10_000 }).toContain(name);
      expect(page.url()).toContain(`/es/recommendations/${recommendation.id}`);
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);

      // Every match of the search at once: the one already assigned is unchanged, the others are new.
      await page.goto('/es/recommendations?q=ind%C3%ADgenas&lang=es');
      await page.locator('details.assign-all summary').click();
      const all = page.locator('details.assign-all');
      await expect.poll(() => all.locator('#assign-all-institution option').count()).toBeGreaterThan(5);
      await all.locator('#assign-all-institution').selectOption({ label: name });
      await all.locator('#assign-all-co_responsible').check();
      const news = total - 1;
      // The preview says beforehand how many are new, and writes nothing.
      await all.getByRole('button', { name: 'Vista previa' }).click();
      await expectStatus(page, `Asignaciones nuevas: ${news}`);
      await expectStatus(page, 'Ya asignadas así: 1');
      await all.locator('button[type=submit]').click();
      await expectStatus(page, `Asignadas a ${name}: ${news} ${news === 1 ? 'nueva' : 'nuevas'}, 0 actualizadas, 1 sin cambios.`);
      await expectNoProblems(secretariat, 'secretariat');
    } finally {
      await secretariat.close();
    }
  });

  it('assigns the results ticked in a search to two institutions at once, with a preview for each', async () => {
    const session = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
    const run = Date.now().toString(36);
    const names = [`Defensoría de Pruebas ${run}`, `Fiscalía de Pruebas ${run}`];
    const ids: number[] = [];
    for (const name of names) {
      const created = await apiCall(baseUrl, 'POST', '/api/v1/institutions', { session, body: { name: { en: name }, branch: 'autonomous' } });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      ids.push(created.json.id);
    }
    const secretariat = await openPage(browser, baseUrl);
    try {
      const { page } = secretariat;
      await signIn(page, 'secretariat@demo.example.org');
      await page.goto('/en/recommendations?q=ind%C3%ADgenas&lang=es');
      await waitForResults(page);
      const results = page.locator('.results > li');
      const picked: number[] = [];
      for (const index of [0, 1]) {
        const link = results.nth(index).locator('h3 a');
        picked.push(Number(/(\d+)$/.exec((await link.getAttribute('href'))!)![1]));
        await results.nth(index).getByRole('checkbox').check();
      }
      expect(await results.nth(0).getByRole('checkbox').getAttribute('aria-labelledby')).toMatch(/^select-label-\d+ result-\d+$/);
      const selected = page.locator('details.assign-selected');
      await selected.locator('summary').click();
      expect(await textOf(selected.locator('summary'))).toBe('Assign the 2 selected recommendations');
      const select = selected.locator('#assign-selected-institution');
      await expect.poll(() => select.locator('option').count()).toBeGreaterThan(3);
      await select.selectOption({ label: names[0] });
      await selected.getByRole('button', { name: 'Add another institution' }).click();
      expect(await textOf(selected.locator('.assign-institutions'))).toContain(names[0]);
      expect(await selected.locator('#assign-selected-co_responsible').isChecked()).toBe(true);
      await selected.getByLabel('Another institution (optional)').selectOption({ label: names[1] });
      await selected.getByRole('button', { name: 'Preview' }).click();
      const previews = selected.locator('.assign-preview');
      await expect.poll(() => previews.count()).toBe(2);
      for (const [index, name] of names.entries()) {
        expect(await textOf(previews.nth(index))).toContain(name);
        expect(await textOf(previews.nth(index))).toContain('New assignments: 2');
      }
      await expectNoSeriousAxeViolations(page, 'the search page with ticked results and the assignment form');
      await selected.locator('button[type=submit]').click();
      await expectStatus(page, `Assigned to ${names[0]}, ${names[1]}: 4 new, 0 updated, 0 unchanged.`);

      for (const id of ids) {
        const queue = await apiCall(baseUrl, 'GET', `/api/v1/institutions/${id}/assignments`, { session });
        expect(queue.json.items.map((item: { recommendation: { id: number } }) => item.recommendation.id).sort()).toEqual([...picked].sort());
        expect(queue.json.items.every((item: { responsibility: string }) => item.responsibility === 'co_responsible')).toBe(true);
      }
      // Unticking empties the selection: the form goes.
      await selected.getByRole('button', { name: 'Clear the selection' }).click();
      await expect.poll(() => page.locator('details.assign-selected').count()).toBe(0);
      await expectNoProblems(secretariat, 'secretariat');
    } finally {
      await secretariat.close();
    }
  });
});
