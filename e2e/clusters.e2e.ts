/**
 * Clusters for reports in real Chromium: the secretariat defines two clusters, puts a
 * recommendation into one, accepts the cluster suggested for another that shares its theme,
 * moves that one to the other cluster, then composes a report by cluster and finds the clusters
 * as the headings of the draft, in their order, and of its Word document. Axe on the clusters
 * page (with suggestions shown) in every UI language.
 *
 * The browser tests share one server and database: the clusters carry a token unique to the
 * run, and the test takes them away at the end, so that other reports grouped by cluster fall
 * back to primary themes as before.
 */
import JSZip from 'jszip';
import type { APIRequestContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, expectNoSeriousAxeViolations, openPage, textOf } from './browser';
import { expectHeading, expectNoProblems, expectStatus, signIn } from './journey';

const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const browser = browserForFile();

async function csrfOf(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/v1/auth/me');
  expect(response.status()).toBe(200);
  return (await response.json()).csrf_token as string;
}

/** The id of the UPR recommendation at this paragraph of A/HRC/48/9 (the demo data's third review of Paraguay). */
async function uprParagraph(request: APIRequestContext, paragraph: string): Promise<number> {
  const found = await (await request.get('/api/v1/recommendations?mechanism=UPR&page_size=100&locale=en')).json();
  const item = found.items.find((r: { symbol: string; paragraph: string }) => r.symbol === 'A/HRC/48/9' && r.paragraph === paragraph);
  expect(item, `A/HRC/48/9 para. ${paragraph} in the demo data`).toBeDefined();
  return item.id as number;
}

/** Takes this run's clusters away: their recommendations out, then the clusters. */
async function removeClusters(request: APIRequestContext) {
  const csrf = await csrfOf(request);
  const { items } = await (await request.get('/api/v1/report-clusters')).json();
  for (const cluster of items as { id: number; name: string; version: number }[]) {
    if (!cluster.name.includes(run)) continue;
    const members = await (await request.get(`/api/v1/report-clusters/recommendations?cluster=${cluster.id}`)).json();
    const ids = (members.items as { id: number }[]).map((r) => r.id);
    if (ids.length) await request.post('/api/v1/report-clusters/release', { headers: { 'x-csrf-token': csrf }, data: { recommendation_ids: ids } });
    const deleted = await request.delete(`/api/v1/report-clusters/${cluster.id}`, { headers: { 'x-csrf-token': csrf }, data: { version: cluster.version } });
    expect(deleted.status(), await deleted.text()).toBe(204);
  }
}

describe('clusters for reports', () => {
  it('are defined, take a recommendation, a suggestion accepted and a move, and head the sections of a report composed by cluster', async () => {
    const secretariat = await openPage(browser, baseUrl);
    const { page } = secretariat;
    const education = `Education ${run}`;
    const detention = `Detention ${run}`;
    try {
      await signIn(page, 'secretariat@demo.example.org');
      const first = await uprParagraph(page.request, '119.25');
      const second = await uprParagraph(page.request, '119.26');

      // 1. From the State reports page to the clusters page.
      await page.goto('/en/workspace/reports');
      await page.getByRole('link', { name: /^Clusters for reports/ }).click();
      await page.waitForURL(/\/en\/workspace\/report-clusters$/);
      await expectHeading(page, 'Clusters for reports');

      // 2. Two clusters, named in English and Spanish; an empty name is refused before anything is sent.
      await page.getByRole('button', { name: 'Add a cluster' }).click();
      const form = page.getByRole('form', { name: 'New cluster' });
      await form.getByRole('button', { name: 'Save' }).click();
      expect(await textOf(form.locator('.field-error'))).toBe("Write the cluster's name in one language at least.");
      for (const [english, spanish] of [[education, `Educación ${run}`], [detention, `Detención ${run}`]]) {
        if (!(await form.isVisible())) await page.getByRole('button', { name: 'Add a cluster' }).click();
        await form.getByLabel('English').fill(english);
        await form.getByLabel('Spanish').fill(spanish);
        await form.getByRole('button', { name: 'Save' }).click();
        await expectStatus(page, 'The cluster was added.');
        await page.locator('table.cluster-list tbody tr', { hasText: english }).waitFor();
      }
      const list = await (await page.request.get('/api/v1/report-clusters?locale=en')).json();
      const ours = (list.items as { id: number; name: string; position: number }[]).filter((c) => c.name.includes(run));
      expect(ours.map((c) => c.name)).toEqual([education, detention]);
      const [educationId, detentionId] = ours.map((c) => c.id);

      // 3. One recommendation into the education cluster: selected in the list of unclustered ones, moved.
      const filters = page.getByRole('form', { name: 'Which recommendations' });
      await filters.getByLabel('Words in the text').fill('educación');
      await filters.getByRole('button', { name: 'Apply' }).click();
      const firstItem = page.locator(`li[data-recommendation="${first}"]`);
      await firstItem.waitFor();
      await firstItem.getByRole('checkbox').check();
      const bulk = page.getByRole('group', { name: 'Move the selected recommendations' });
      await bulk.getByLabel('Cluster', { exact: true }).selectOption(String(educationId));
      await bulk.getByRole('button', { name: 'Move the selected to this cluster' }).click();
      await expectStatus(page, `1 recommendation moved to ${education}.`);
      await firstItem.waitFor({ state: 'detached' });

      // 4. The other education recommendation is suggested that cluster, with why; nothing is applied until accepted.
      const secondItem = page.locator(`li[data-recommendation="${second}"]`);
      const suggestion = secondItem.locator(`li[data-suggestion="${educationId}"]`);
      await suggestion.waitFor();
      expect(await textOf(suggestion)).toContain('shares Right to education');
      const before = await (await page.request.get(`/api/v1/report-clusters/recommendations?cluster=${educationId}`)).json();
      expect((before.items as { id: number }[]).map((r) => r.id)).toEqual([first]);
      await expectNoSeriousAxeViolations(page, 'the clusters page with suggestions (en)');
      await suggestion.getByRole('button', { name: `Put A/HRC/48/9, para. 119.26 into ${education}` }).click();
      await expectStatus(page, `A/HRC/48/9, para. 119.26 is now in ${education}.`);
      const accepted = await (await page.request.get(`/api/v1/report-clusters/recommendations?cluster=${educationId}`)).json();
      expect(accepted.items.find((r: { id: number }) => r.id === second).cluster).toMatchObject({ id: educationId, source: 'suggestion' });

      // 5. Moved between clusters before composing: the education cluster's list, one selected, to detention.
      await filters.getByLabel('Show').selectOption(String(educationId));
      await filters.getByLabel('Words in the text').fill('');
      await filters.getByRole('button', { name: 'Apply' }).click();
      await secondItem.waitFor();
      expect(await textOf(secondItem)).toContain(`Cluster: ${education} (accepted suggestion)`);
      await secondItem.getByRole('checkbox').check();
      await bulk.getByLabel('Cluster', { exact: true }).selectOption(String(detentionId));
      await bulk.getByRole('button', { name: 'Move the selected to this cluster' }).click();
      await expectStatus(page, `1 recommendation moved to ${detention}.`);
      await expect.poll(async () => (await page.locator('table.cluster-list tbody tr', { hasText: detention }).locator('td').allTextContents()).join('|'))
        .toContain('|1');

      // 6. A report composed by cluster: the clusters head its sections, in their order, then those in none.
      await page.goto('/en/workspace/reports');
      const compose = page.getByRole('form', { name: 'Compose a report' });
      const title = `Report by cluster ${run}`;
      await compose.getByLabel('Title', { exact: true }).fill(title);
      await compose.getByLabel('Language of the report').selectOption('en');
      await compose.getByLabel('Grouping').selectOption('cluster');
      expect(await textOf(compose.locator('#report-grouping-hint'))).toBe("The clusters for reports, in their order, while at least one is defined; otherwise each recommendation's primary theme. The draft says which.");
      await compose.getByLabel('Mechanism', { exact: true }).selectOption('UPR');
      await compose.locator('#report-selection-count[data-count]').waitFor({ timeout: 30_000 });
      await compose.getByRole('button', { name: 'Compose the draft' }).click();
      await page.waitForURL(/\/en\/workspace\/reports\/\d+$/, { timeout: 60_000 });
      const reportId = Number(new URL(page.url()).pathname.split('/').pop());
      await expectHeading(page, title);
      expect(await textOf(page.locator('[data-cluster-source="instance"] dd'))).toBe('The clusters for reports, in their order');
      const headings = await page.locator('.report-group-heading').allTextContents();
      expect(headings.indexOf(education)).toBeGreaterThanOrEqual(0);
      expect(headings.indexOf(detention)).toBeGreaterThan(headings.indexOf(education));
      expect(headings.at(-1)).toBe('Not in a cluster');
      const group = (heading: string) => page.locator('.report-group', { has: page.locator('.report-group-heading', { hasText: heading }) });
      expect(await group(education).locator('article.report-section').getAttribute('data-key')).toBe(`rec:${first}`);
      expect(await group(detention).locator('article.report-section').getAttribute('data-key')).toBe(`rec:${second}`);

      // 7. The Word document carries the same headings in the same order.
      const docx = await page.request.get(String(await page.getByRole('link', { name: 'Word document (DOCX)' }).getAttribute('href')));
      expect(docx.status()).toBe(200);
      const xml = String(await (await JSZip.loadAsync(await docx.body())).file('word/document.xml')?.async('string'));
      expect(xml.indexOf(education)).toBeGreaterThan(-1);
      expect(xml.indexOf(detention)).toBeGreaterThan(xml.indexOf(education));
      expect(xml.indexOf('Not in a cluster')).toBeGreaterThan(xml.indexOf(detention));
      expect(reportId).toBeGreaterThan(0);

      await expectNoProblems(secretariat, 'secretariat');
    } finally {
      await removeClusters(page.request).finally(() => secretariat.close());
    }
  });

  it.each(['es', 'fr', 'pt'])('has no serious accessibility violation in %s, with suggestions shown, and fits a phone-width screen', async (locale) => {
    const t = await openPage(browser, baseUrl, { viewport: { width: 360, height: 740 } });
    const { page } = t;
    try {
      await signIn(page, 'secretariat@demo.example.org');
      const csrf = await csrfOf(page.request);
      const created = await page.request.post('/api/v1/report-clusters', { headers: { 'x-csrf-token': csrf }, data: { label: { es: `Educación ${run}`, en: `Education ${run}` } } });
      expect(created.status(), await created.text()).toBe(201);
      const member = await uprParagraph(page.request, '119.25');
      await page.request.post(`/api/v1/report-clusters/${(await created.json()).id}/members`, { headers: { 'x-csrf-token': csrf }, data: { recommendation_ids: [member] } });
      await page.goto(`/${locale}/workspace/report-clusters`);
      await page.locator('table.cluster-list tbody tr').first().waitFor();
      await page.locator('.cluster-suggestions').first().waitFor();
      await expectNoSeriousAxeViolations(page, `the clusters page (${locale})`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await expectNoProblems(t, `secretariat (${locale})`);
    } finally {
      await removeClusters(page.request).finally(() => t.close());
    }
  });
});
