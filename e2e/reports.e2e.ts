/**
 * The report composer in real Chromium: the secretariat composes a UPR
 * mid-term report from the Reports page, edits a section, regenerates it (the
 * edit survives, on the page and in the API), meets a conflict when the draft
 * changed under it and reloads, and downloads the Word document, whose text
 * carries the edit. A focal point does not get the composer.
 *
 * The browser tests share one server and database: the draft is this run's
 * own (its title carries a token unique to the run), and numbers are compared
 * with what the API says at the same moment, never with fixed totals.
 */
import fs from 'node:fs';
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

type ApiSection = { key: string; heading: string; text: string; generated_text: string; edited: boolean };
type ApiReport = { id: number; version: number; title: string; include_earlier: boolean; sections: ApiSection[] };

async function reportOf(request: APIRequestContext, id: number): Promise<ApiReport> {
  const response = await request.get(`/api/v1/reports/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiReport;
}

describe('the report composer', () => {
  it('composes a UPR mid-term report, keeps an edited section through regeneration and a conflict, and downloads it as DOCX', async () => {
    const secretariat = await openPage(browser, baseUrl, { acceptDownloads: true });
    const { page } = secretariat;
    try {
      await signIn(page, 'secretariat@demo.example.org');
      const csrf = await csrfOf(page.request);
      const upr = await (await page.request.get('/api/v1/recommendations?mechanism=UPR&page_size=1')).json();
      expect(upr.total, 'UPR recommendations in the demo data').toBeGreaterThan(1);

      // 1. From the header to the Reports page; the heading takes the focus.
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Reports', exact: true }).click();
      await page.waitForURL(/\/en\/workspace\/reports$/);
      await expectHeading(page, 'State reports');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      // 2. The compose form: an empty title and no mechanism are refused before anything is sent.
      const form = page.getByRole('form', { name: 'Compose a report' });
      await form.getByRole('button', { name: 'Compose the draft' }).click();
      await form.locator('.field-error').first().waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-title');
      expect(await form.getByLabel('Mechanism', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      const title = `UPR mid-term report ${run}`;
      expect(await form.getByLabel('Template').inputValue()).toBe('upr_midterm');
      await form.getByLabel('Title', { exact: true }).fill(title);
      await form.getByLabel('Language of the report').selectOption('en');
      await form.getByLabel('Grouping').selectOption('paragraph');
      await form.getByLabel('Add what was reported on the earlier recommendations').check();
      await form.getByLabel('Mechanism', { exact: true }).selectOption('UPR');
      // The number of matching recommendations is shown before composing: the API's total for the same filter.
      await expect.poll(() => form.locator('#report-selection-count').getAttribute('data-count'), { timeout: 30_000 })
        .toBe(String(upr.total));
      expect(await textOf(form.locator('#report-selection-count'))).toBe(`Recommendations in this selection: ${upr.total.toLocaleString('en')}`);
      await form.getByRole('button', { name: 'Compose the draft' }).click();

      // 3. The draft: its heading, one section per UPR recommendation, the downloads.
      await page.waitForURL(/\/en\/workspace\/reports\/\d+$/, { timeout: 60_000 });
      const reportId = Number(new URL(page.url()).pathname.split('/').pop());
      await expectHeading(page, title);
      await expectStatus(page, 'The draft was composed.');
      const composed = await reportOf(page.request, reportId);
      expect(composed.sections.length).toBe(upr.total);
      expect(composed.include_earlier).toBe(true);
      expect(await page.locator('article.report-section').count()).toBe(composed.sections.length);
      // Only the section being edited is a form: none yet.
      expect(await page.locator('article.report-section textarea').count()).toBe(0);
      await expectNoSeriousAxeViolations(page, 'a report draft');

      // 4. Edit the first section: the textarea takes the focus; saving marks the section edited.
      const first = composed.sections[0];
      const article = page.locator(`article[data-key="${first.key}"]`);
      await article.getByRole('button', { name: /^Edit/ }).click();
      const textarea = article.getByRole('textbox', { name: `Text of ${first.heading}` });
      await textarea.waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      expect(await textarea.inputValue()).toBe(first.text);
      expect(await page.locator('article.report-section textarea').count()).toBe(1);
      const editedText = `Paraguay reports progress on this recommendation (${run}).`;
      await textarea.fill(editedText);
      await article.getByRole('button', { name: 'Save the section' }).click();
      await expectStatus(page, 'The section was saved.');
      await expect.poll(() => textOf(article.locator('.report-section-text'))).toBe(editedText);
      expect(await textOf(article.locator('.report-badge-edited'))).toBe('Edited');
      // The edit button the person left comes back with the focus.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(await article.getByRole('button', { name: /^Edit/ }).getAttribute('id'));

      // 5. Regenerate (keeping edits): the edit survives, on the page and in the API.
      const beforeRegeneration = await reportOf(page.request, reportId);
      await page.getByRole('button', { name: 'Regenerate', exact: true }).click();
      await expectStatus(page, 'The draft was regenerated. Edited sections kept their text.');
      const regenerated = await reportOf(page.request, reportId);
      expect(regenerated.version).toBe(beforeRegeneration.version + 1);
      expect(regenerated.sections.find((s) => s.key === first.key)).toMatchObject({ text: editedText, edited: true, generated_text: first.generated_text });
      expect(await textOf(article.locator('.report-section-text'))).toBe(editedText);
      const versions = page.locator('table.report-versions tbody tr');
      await expect.poll(() => versions.count()).toBe(3);
      expect(await textOf(versions.nth(0))).toContain('Regenerated');
      expect(await textOf(versions.nth(1))).toContain('Section edited');
      expect(await textOf(versions.nth(2))).toContain('Composed');

      // 6. Someone else changes the draft meanwhile: saving is refused with a reload offer; after reloading it saves.
      const second = regenerated.sections[1];
      const other = await page.request.patch(`/api/v1/reports/${reportId}/sections/${encodeURIComponent(second.key)}`, {
        headers: { 'x-csrf-token': csrf }, data: { version: regenerated.version, text: `Changed elsewhere (${run}).` },
      });
      expect(other.status(), await other.text()).toBe(200);
      const finalText = `${editedText} Updated after a conflict.`;
      await article.getByRole('button', { name: /^Edit/ }).click();
      await textarea.fill(finalText);
      await article.getByRole('button', { name: 'Save the section' }).click();
      const alert = article.getByRole('alert');
      await alert.waitFor();
      expect(await textOf(alert)).toContain('The section could not be saved');
      await alert.getByRole('button', { name: 'Reload the latest version' }).click();
      await expect.poll(() => textOf(page.locator(`article[data-key="${second.key}"] .report-section-text`))).toBe(`Changed elsewhere (${run}).`);
      // The text being written is still there, and now saves on the new version.
      expect(await textarea.inputValue()).toBe(finalText);
      await article.getByRole('button', { name: 'Save the section' }).click();
      await expect.poll(() => textOf(article.locator('.report-section-text'))).toBe(finalText);
      expect((await reportOf(page.request, reportId)).sections.find((s) => s.key === first.key)?.text).toBe(finalText);

      // 7. The Word document downloads, and its text carries the edit.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Word document (DOCX)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const bytes = fs.readFileSync((await download.path())!);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
      const documentXml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
      expect(documentXml, 'word/document.xml in the download').toBeDefined();
      expect(documentXml).toContain(finalText);
      // The PDF too (laid out in the server's worker thread): a complete file.
      const pdf = await page.request.get(String(await page.getByRole('link', { name: 'PDF document' }).getAttribute('href')));
      expect(pdf.status()).toBe(200);
      const pdfBytes = await pdf.body();
      expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfBytes.subarray(-8).toString('latin1')).toContain('%%EOF');

      // 8. The draft is in the list, with its template and language.
      await page.getByRole('link', { name: 'Back to the State reports' }).click();
      const row = page.locator(`tr[data-report="${reportId}"]`);
      await row.waitFor();
      expect(await textOf(row.locator('th'))).toBe(title);
      expect((await row.locator('td').allTextContents()).slice(0, 3)).toEqual(['UPR mid-term report', 'English', 'In paragraph order']);

      await expectNoProblems(secretariat, 'secretariat', [409]);
    } finally {
      await secretariat.close();
    }
  });

  it('fits a phone-width screen: the list, the compose form and a draft with an open editor', async () => {
    const t = await openPage(browser, baseUrl, { viewport: { width: 360, height: 740 } });
    const { page } = t;
    try {
      await signIn(page, 'secretariat@demo.example.org');
      const created = await page.request.post('/api/v1/reports', {
        headers: { 'x-csrf-token': await csrfOf(page.request) },
        data: { template: 'custom', title: `Phone-width report ${run}`, language: 'es', grouping: 'theme', search: { mechanism: ['UPR'] } },
      });
      expect(created.status(), await created.text()).toBe(201);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await page.goto('/en/workspace/reports');
      await page.locator('table.report-list tbody tr').first().waitFor();
      await page.getByLabel('Mechanism', { exact: true }).selectOption('UPR');
      await page.locator('#report-selection-count[data-count]').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.goto(`/en/workspace/reports/${(await created.json()).id}`);
      await page.locator('article.report-section button.report-edit').first().click();
      await page.locator('article.report-section textarea').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expectNoProblems(t, 'secretariat at 360 px');
    } finally {
      await t.close();
    }
  });

  it('is not offered to a focal point, and its pages say so', async () => {
    const focal = await openPage(browser, baseUrl);
    const { page } = focal;
    try {
      await signIn(page, 'focal.mec@demo.example.org');
      const account = page.getByRole('navigation', { name: 'Account' });
      await account.getByRole('link', { name: 'Workspace' }).waitFor();
      expect(await account.getByRole('link', { name: 'Reports', exact: true }).count()).toBe(0);

      await page.goto('/en/workspace/reports');
      await expectHeading(page, 'State reports');
      await page.getByText('State reports are composed by the secretariat.').waitFor();
      expect(await page.getByRole('form', { name: 'Compose a report' }).count()).toBe(0);
      expect((await page.request.get('/api/v1/reports')).status()).toBe(403);

      await page.goto('/en/workspace/reports/1');
      await page.getByText('State reports are composed by the secretariat.').waitFor();
      expect(await page.locator('article.report-section').count()).toBe(0);
      await expectNoProblems(focal, 'focal point');
    } finally {
      await focal.close();
    }
  });
});
