/**
 * Label suggestions, in real Chromium: the secretariat imports recommendations that arrive without
 * labels, `npm run suggest:train` trains a model beside the running server, the review queue shows
 * the new recommendations' suggestions and why, the secretariat rejects one and accepts the high
 * band of the selection after seeing the count; the public facets and open data then show the
 * accepted labels and not the rejected one. Then a recommendation of the next cycle repeating one the
 * State already acted on shows, once `npm run related:scan` ran beside the server, that earlier one
 * with the actions reported on it and its status. axe finds nothing serious on the queue in any language.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { labelledCorpusCsv } from '../server/test/labelled-corpus';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf } from './browser';
import { apiCall, apiSignIn, expectHeading, expectNoProblems, expectStatus, signIn, type ApiSession } from './journey';
import { ROOT } from './server';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
let browser: Browser;
let secretariat: ApiSession;
const run = Date.now().toString(36);
/** A word only this run's unlabelled recommendations carry (in brackets at the end: the model does not read it, the search does). */
const marker = `sugg${run}`;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-suggestions-'));

const UNLABELLED = [
  'Prevent torture and ill-treatment by the police and prosecute those responsible',
  'Investigar toda denuncia de tortura en los centros de detención y reparar a las víctimas',
  'Guarantee free primary education for every child in rural areas',
  'Combatir la violencia contra las mujeres y el feminicidio y ofrecer refugios a las víctimas',
  'Protect the ancestral lands of indigenous peoples before any extractive project',
];

beforeAll(async () => {
  expect(dataDir, 'the server\'s DATA_DIR (not available with E2E_BASE_URL)').not.toBe('');
  browser = await launchBrowser();
  secretariat = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
  // The job trains a first model on the demo data at start-up: wait for it, so that it cannot land after ours.
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline && !(await apiCall(baseUrl, 'GET', '/api/v1/suggestions', { session: secretariat })).json.model) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  // The instance's labelled history, set up through the API (its own import is not what this journey shows).
  const form = new FormData();
  form.append('dry_run', 'false');
  form.append('file', new Blob([labelledCorpusCsv(40, `A/HRC/E2E/${run}`)]), 'labelled.csv');
  const response = await fetch(`${baseUrl}/api/v1/imports`, { method: 'POST', body: form, headers: { cookie: secretariat.cookie, 'x-csrf-token': secretariat.csrf } });
  expect(response.status, await response.clone().text()).toBe(200);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe('label suggestions: import, review, accept the high band', () => {
  it('shows why, rejects one, accepts the high band after the count; facets and open data show the accepted labels only', async () => {
    const t = await openPage(browser, baseUrl);
    const csv = path.join(tmpDir, `unlabelled-${run}.csv`);
    fs.writeFileSync(csv, ['mechanism,country,language,date,paragraph,symbol,text',
      ...UNLABELLED.map((text, i) => `CAT,PRY,${/ó|ñ|las /.test(text) ? 'es' : 'en'},2025-05-0${i + 1},${i + 1},CAT/C/PRY/CO/${run},"${text} (${marker})"`)].join('\n'));
    try {
      // 1. Recommendations without labels, imported from the web.
      await signIn(t.page, 'secretariat@demo.example.org');
      await t.page.goto('/en/workspace/import');
      await expectHeading(t.page, 'Import recommendations');
      await t.page.getByLabel('File', { exact: true }).setInputFiles(csv);
      await t.page.getByLabel('Dry run: check the file without writing anything').uncheck();
      // The model trained at start-up scores them as soon as the import committed.
      await t.page.getByLabel('Suggest labels for what the import brings').check();
      await t.page.getByRole('button', { name: 'Import the file' }).click();
      const result = t.page.getByRole('region', { name: new RegExp(`unlabelled-${run}\\.csv`) });
      await result.waitFor();
      expect(await textOf(result.locator('.import-suggestions'))).toMatch(new RegExp(`^Label suggestions: \\d+ for ${UNLABELLED.length} imported recommendations\\. Open the review queue$`));
      const { json: found } = await apiCall(baseUrl, 'GET', `/api/v1/recommendations?q=${marker}&page_size=10`);
      expect(found.total).toBe(UNLABELLED.length);
      const ids: number[] = found.items.map((item: { id: number }) => item.id);

      // 2. A model trained beside the running server, on the embedded database.
      const trained = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/cli/suggest-train.ts'], {
        cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 400_000,
      });
      expect(trained.status, `${trained.stdout}\n${trained.stderr}`).toBe(0);
      expect(trained.stdout).toMatch(/model version \d+/);

      // 3. The review queue, narrowed to the new recommendations, and why.
      await t.page.goto('/en/workspace/suggestions');
      await expectHeading(t.page, 'Label suggestions');
      await t.page.getByLabel('Words in the text').fill(marker);
      await t.page.getByRole('button', { name: 'Show', exact: true }).click();
      await expect.poll(() => t.page.locator('[data-suggestion-item]').count(), { timeout: 20_000 }).toBe(UNLABELLED.length);
      expect(await textOf(t.page.locator('.suggestions-model h2'))).toMatch(/^Model version \d+$/);
      const first = t.page.locator('[data-suggestion-item]').first();
      const themeRow = first.locator('.suggestion-label[data-field="theme"]').first();
      await themeRow.locator('summary').click();
      await themeRow.getByText('Words that weighed most:').waitFor();
      expect(await themeRow.locator('.suggestion-examples li').count()).toBeGreaterThan(0);
      await expectNoSeriousAxeViolations(t.page, 'the review queue with reasons open (en)');

      // 4. Reject one suggested theme of a recommendation.
      const rejectedId = Number(await first.getAttribute('data-suggestion-item'));
      const rejectedLabel = await textOf(themeRow.locator('strong'));
      await themeRow.getByRole('button', { name: `Reject Theme: ${rejectedLabel}` }).click();
      await expectStatus(t.page, `“${rejectedLabel}” rejected: it will not be suggested again.`);

      // 5. The high band of the selection, into empty fields, after the count.
      await t.page.getByLabel('Only into fields that have no label yet').check();
      await t.page.getByRole('button', { name: 'Count the high suggestions' }).click();
      const preview = t.page.locator('.suggestions-bulk-preview');
      await expect.poll(() => textOf(preview), { timeout: 20_000 }).toMatch(/labels? would be accepted, on \d+ recommendations\./);
      const count = Number((await textOf(preview)).match(/^(\d+)/)![1]);
      expect(count).toBeGreaterThan(0);
      await expectNoSeriousAxeViolations(t.page, 'the review queue with the count of the high band (en)');
      await t.page.getByRole('button', { name: count === 1 ? 'Accept 1 label' : `Accept ${count} labels` }).click();
      await expectStatus(t.page, count === 1 ? '1 label accepted.' : `${count} labels accepted.`);
      await expectNoProblems(t, 'secretariat');

      // 6. The public sees the accepted labels in facets and open data, never the rejected one.
      const { json: detail } = await apiCall(baseUrl, 'GET', `/api/v1/recommendations/${rejectedId}?locale=en`);
      expect(detail.themes.map((theme: { label: string }) => theme.label)).not.toContain(rejectedLabel);
      const { json: facets } = await apiCall(baseUrl, 'GET', `/api/v1/recommendations?q=${marker}&locale=en&page_size=1`);
      const themeFacet: { label: string; count: number }[] = facets.facets.theme;
      expect(themeFacet.reduce((n, f) => n + f.count, 0)).toBeGreaterThan(0);
      const accepted = (await Promise.all(ids.map(async (id) => (await apiCall(baseUrl, 'GET', `/api/v1/recommendations/${id}?locale=en`)).json)))
        .flatMap((r: { themes: { label: string }[] }) => r.themes.map((theme) => theme.label));
      expect(accepted.length).toBeGreaterThan(0);
      expect(new Set(themeFacet.map((f) => f.label))).toEqual(new Set(accepted));
      const rows: { id: number; themes: string }[] = (await apiCall(baseUrl, 'GET', '/api/v1/open-data/recommendations.json')).json;
      const ours = rows.filter((row) => ids.includes(row.id));
      expect(ours.flatMap((row) => row.themes.split('|').filter(Boolean)).sort()).toEqual([...accepted].sort());
      expect(ours.find((row) => row.id === rejectedId)!.themes.split('|')).not.toContain(rejectedLabel);

      // 7. The next cycle repeats a recommendation the State already acted on (the demo's demo-003, with a published
      // action and a government status): once the related scan ran, its page shows the earlier one and what was reported.
      const form = new FormData();
      form.append('dry_run', 'false');
      form.append('file', new Blob([`mechanism,country,language,date,paragraph,symbol,text,recommending_states,cycle
UPR,PRY,es,2026-01-20,7.1,A/HRC/E2E/${run}/UPR4,"Garantizar el acceso universal a la educación primaria y secundaria gratuita, en particular para los niños indígenas y de zonas rurales (${marker}c4).",Chile,4
`]), 'cycle-4.csv');
      const imported = await fetch(`${baseUrl}/api/v1/imports`, { method: 'POST', body: form, headers: { cookie: secretariat.cookie, 'x-csrf-token': secretariat.csrf } });
      expect(imported.status, await imported.clone().text()).toBe(200);
      const scanned = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/cli/related-scan.ts'], {
        cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000,
      });
      expect(scanned.status, `${scanned.stdout}\n${scanned.stderr}`).toBe(0);
      const { json: recurring } = await apiCall(baseUrl, 'GET', `/api/v1/recommendations?q=${marker}c4&page_size=1`);
      expect(recurring.total).toBe(1);
      const visitor = await openPage(browser, baseUrl);
      try {
        await visitor.page.goto(`/en/recommendations/${recurring.items[0].id}`);
        const earlier = visitor.page.locator('.related-recommendations .related-item', { hasText: 'A/HRC/48/9, para. 119.25' });
        await earlier.waitFor();
        expect(await textOf(visitor.page.locator('.related-recommendations h3').first())).toBe('Earlier recommendations');
        const followUp = await textOf(earlier.locator('.related-follow-up'));
        expect(followUp).toMatch(/^Status: In progress \(assessed [^)]+\)/);
        expect(followUp).toContain('Actions reported on it:Scholarship programme for Indigenous and rural students (');
        await expectNoProblems(visitor, 'visitor');
      } finally {
        await visitor.close();
      }
    } finally {
      await t.close();
    }
  }, 600_000);

  it('the review queue has nothing serious for axe in Spanish, French and Portuguese', async () => {
    const t = await openPage(browser, baseUrl);
    try {
      await signIn(t.page, 'secretariat@demo.example.org');
      for (const [locale, heading] of [['es', 'Sugerencias de etiquetas'], ['fr', "Suggestions d'étiquettes"], ['pt', 'Sugestões de etiquetas']] as const) {
        await t.page.goto(`/${locale}/workspace/suggestions`);
        await expectHeading(t.page, heading);
        await t.page.locator('.suggestions-model').waitFor();
        await expectNoSeriousAxeViolations(t.page, `the review queue (${locale})`);
      }
      await expectNoProblems(t, 'secretariat');
    } finally {
      await t.close();
    }
  }, 120_000);
});
