/**
 * The follow-up journey in real Chromium, each person in a browser context of
 * their own: the secretariat assigns a recommendation to the Ministry of
 * Education; its focal point reports an action with an uploaded PDF and
 * submits it; the validator returns it with a comment; the focal point fixes
 * and resubmits it; the validator validates; the secretariat publishes; the
 * public recommendation page then shows the action and its file downloads.
 *
 * The browser tests share one server and database, and the journey may meet
 * reports of earlier runs: it follows its own report by a title unique to the
 * run, and assigning an already assigned recommendation only updates it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf } from './browser';
import { expectHeading, expectNoProblems, expectStatus, signIn } from './journey';

const baseUrl = inject('baseUrl');
let browser: Browser;
let tmpDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-nmirf-workflow-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

/** A small but well-formed one-page PDF, so that the server's byte check sees a real PDF. */
function writePdf(file: string, text: string) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  fs.writeFileSync(file, body, 'latin1');
}

async function openWorkspace(page: Page) {
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Workspace' }).click();
  await page.waitForURL(/\/en\/workspace$/);
  await expectHeading(page, 'Workspace');
  // Focus follows the navigation to the new page's heading.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
}

describe('follow-up workflow', () => {
  it('assigns, reports with evidence, returns with a comment, resubmits, validates, publishes and shows it to the public', async () => {
    const found = await (await fetch(`${baseUrl}/api/v1/recommendations?q=SIMORE&page_size=1`)).json();
    const recommendation = found.items[0] as { id: number; symbol: string; paragraph: string };
    expect(recommendation, 'the demo recommendation about SIMORE').toBeDefined();
    const recPath = `/en/recommendations/${recommendation.id}`;
    const run = Date.now().toString(36);
    const titleEs = `Fortalecimiento del SIMORE ${run}`;
    const titleEn = `Strengthening SIMORE ${run}`;
    const pdfName = `simore-${run}.pdf`;
    const pdfPath = path.join(tmpDir, pdfName);
    writePdf(pdfPath, `SIMORE evidence ${run}`);

    const secretariat = await openPage(browser, baseUrl);
    const focal = await openPage(browser, baseUrl);
    const validator = await openPage(browser, baseUrl);
    const visitor = await openPage(browser, baseUrl);
    try {
      // 1. The secretariat assigns the recommendation to the Ministry of Education from its page.
      {
        const { page } = secretariat;
        await signIn(page, 'secretariat@demo.example.org');
        await page.goto(recPath);
        const form = page.getByRole('region', { name: 'Assign to an institution' });
        await form.getByLabel('Institution', { exact: true }).waitFor();
        // The options arrive with the institutions list.
        await expect.poll(() => form.getByLabel('Institution', { exact: true }).locator('option').count()).toBeGreaterThan(5);
        await form.getByRole('button', { name: 'Assign' }).click();
        await form.getByRole('alert').waitFor();
        expect(await textOf(form.getByRole('alert'))).toContain('Choose an institution.');
        await form.getByLabel('Institution', { exact: true }).selectOption({ label: 'Ministry of Education and Sciences (MEC)' });
        await form.getByLabel('Lead institution').check();
        await form.getByLabel('Due date (optional)').fill('2030-06-30');
        await form.getByRole('button', { name: 'Assign' }).click();
        await expectStatus(page, 'Assigned to Ministry of Education and Sciences');
        await expectNoSeriousAxeViolations(page, 'a recommendation with the assignment form');
      }

      // 2. The focal point sees it in the queue and drafts an action with a translation.
      let actionUrl: string;
      {
        const { page } = focal;
        await signIn(page, 'focal.mec@demo.example.org');
        await openWorkspace(page);
        // The institution's queue, not an open round's list of what it owes (which names the same recommendation).
        const queueItem = page.locator('ul.queue-list:not(.reports-due-list) > li.queue-item', { has: page.locator(`a[href="${recPath}"]`) });
        await queueItem.waitFor();
        expect(await textOf(queueItem)).toMatch(/Due (June 30, 2030|30 June 2030)/);
        expect(await textOf(queueItem)).toContain('Lead institution');
        await queueItem.getByRole('link', { name: /^Report an action/ }).click();
        await page.waitForURL(/\/en\/workspace\/actions\/new\?/);
        await expectHeading(page, 'Report an action');

        // Saving an empty form names what is missing, next to each field.
        await page.getByRole('button', { name: 'Save as draft' }).click();
        await page.getByRole('alert').first().waitFor();
        expect(await page.getByLabel('Title in English').getAttribute('aria-invalid')).toBe('true');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('action-title-0');
        await expectNoSeriousAxeViolations(page, 'the action form with errors');

        await page.getByLabel('Original language').selectOption({ label: 'Spanish' });
        await page.getByLabel('Title in Spanish').fill(titleEs);
        await page.getByLabel('Description in Spanish').fill('Se amplió el sistema de monitoreo con participación de la sociedad civil.');
        await page.getByRole('button', { name: 'Add a translation' }).click();
        await page.getByLabel('Language of the translation').selectOption({ label: 'English' });
        await page.getByLabel('Title in English').fill(titleEn);
        await page.getByLabel('Description in English').fill('The monitoring system was extended with civil-society participation.');
        await page.getByLabel('Type of action').selectOption({ label: 'Policy or plan' });
        await page.getByLabel(/^Structural/).check();
        await page.getByLabel('Start date').fill('2025-01-15');
        await page.getByLabel('End date').fill('2026-12-31');
        await page.getByLabel('Progress (%)').fill('40');
        await page.getByLabel('Amount').fill('1500000');
        await page.getByLabel('Currency').fill('PYG');
        await page.getByLabel('Budget programme code (optional)').fill('P-123');
        // The recommendation of the queue item is already ticked.
        const recTitle = `${recommendation.symbol}, para. ${recommendation.paragraph}`;
        expect(await page.getByRole('checkbox', { name: recTitle, exact: true }).isChecked()).toBe(true);
        await page.getByRole('button', { name: 'Save as draft' }).click();
        await page.waitForURL(/\/en\/workspace\/actions\/\d+$/);
        actionUrl = new URL(page.url()).pathname;
        await expectHeading(page, titleEn);
        await expectStatus(page, 'The action report was saved.');
        expect(await textOf(page.locator('.eyebrow'))).toContain('Draft');
        await expect.poll(() => textOf(page.getByRole('region', { name: 'Recommendations answered' }))).toContain(recTitle);

        // Evidence: a real PDF through the file field.
        await page.getByLabel('File', { exact: true }).setInputFiles(pdfPath);
        await page.getByLabel('Title of the file (optional)').fill('Decree extending SIMORE');
        await page.getByRole('button', { name: 'Upload the file' }).click();
        await expectStatus(page, 'The evidence was added.');
        const evidence = page.getByRole('region', { name: 'Evidence' });
        expect(await textOf(evidence.locator('.evidence-list'))).toContain(pdfName);
        await expectNoSeriousAxeViolations(page, 'a draft action report');

        await page.getByRole('button', { name: 'Submit for validation' }).click();
        await expectStatus(page, "The report was submitted to the institution's validator.");
        expect(await textOf(page.locator('.eyebrow'))).toContain('Submitted for validation');
        // With the reviewers, the report can no longer be changed.
        expect(await page.getByRole('button', { name: 'Upload the file' }).count()).toBe(0);
      }

      // 3. The public does not see it yet.
      {
        const { page } = visitor;
        await page.goto(recPath);
        const section = page.getByRole('region', { name: 'Actions reported by the State' });
        await section.locator('p.muted, article').first().waitFor();
        expect(await textOf(section)).not.toContain(run);
      }

      // 4. The validator returns it with a comment.
      const comment = `Please attach the signed decree (${run}).`;
      {
        const { page } = validator;
        await signIn(page, 'validator.mec@demo.example.org');
        await openWorkspace(page);
        const waiting = page.locator('section', { has: page.getByRole('heading', { name: /^Validation:/ }) });
        await waiting.getByRole('link', { name: titleEn }).click();
        await page.waitForURL(new RegExp(`${actionUrl}$`));
        await expectHeading(page, titleEn);
        const returnButton = page.getByRole('button', { name: 'Return to the authors', exact: true });
        await returnButton.click();
        expect(await returnButton.getAttribute('aria-expanded')).toBe('true');
        // The comment box takes the focus; an empty comment is refused before anything is sent.
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('transition-comment');
        await page.getByRole('button', { name: 'Confirm: Return to the authors' }).click();
        await page.getByText('Write a comment saying why the report is returned.').waitFor();
        expect(await page.getByLabel('Comment (required)').getAttribute('aria-invalid')).toBe('true');
        await expectNoSeriousAxeViolations(page, 'the return form with an error');
        await page.getByLabel('Comment (required)').fill(comment);
        await page.getByRole('button', { name: 'Confirm: Return to the authors' }).click();
        await expectStatus(page, 'The report was returned to its authors with your comment.');
        expect(await textOf(page.locator('.eyebrow'))).toContain('Returned for changes');
      }

      // 5. The focal point reads the comment, fixes the report and submits it again.
      {
        const { page } = focal;
        await openWorkspace(page);
        const returned = page.locator('.report-group', { has: page.getByRole('heading', { name: /^Returned for changes/ }) });
        await returned.getByRole('link', { name: titleEn }).click();
        await expectHeading(page, titleEn);
        // The page may show the cached report first, then the fresh one with the comment.
        const history = page.getByRole('region', { name: 'History' });
        await expect.poll(() => textOf(history), { timeout: 10_000 }).toContain(comment);
        expect(await textOf(history)).toContain('Returned to the authors');
        await page.getByRole('link', { name: 'Edit the report' }).click();
        await expectHeading(page, 'Edit the action report');
        expect(await page.getByLabel('Title in Spanish').inputValue()).toBe(titleEs);

        // The report changes while the form is open (here a link added through the API in the same
        // session): saving meets a conflict, and the page offers to reload the latest version.
        const me = await (await page.request.get('/api/v1/auth/me')).json();
        const added = await page.request.post(`/api/v1${actionUrl.replace(/^\/en\/workspace/, '')}/evidence/links`, {
          headers: { 'x-csrf-token': me.csrf_token },
          data: { title: 'Ministry page', url: 'https://example.org/mec' },
        });
        expect(added.status(), await added.text()).toBe(201);
        await page.getByLabel('Progress (%)').fill('55');
        await page.getByRole('button', { name: 'Save the changes' }).click();
        const conflict = page.getByRole('alert');
        await conflict.waitFor();
        expect(await textOf(conflict)).toContain('Someone else changed this record');
        await conflict.getByRole('button', { name: 'Reload the latest version' }).click();
        await expect.poll(() => page.getByLabel('Progress (%)').inputValue()).toBe('40');

        await page.getByLabel('Progress (%)').fill('60');
        await page.getByRole('button', { name: 'Save the changes' }).click();
        await page.waitForURL(new RegExp(`${actionUrl}$`));
        await expectStatus(page, 'The action report was saved.');
        expect(await textOf(page.getByRole('region', { name: 'Details' }))).toContain('60 %');
        await page.getByRole('button', { name: 'Submit for validation' }).click();
        await expectStatus(page, "The report was submitted to the institution's validator.");
      }

      // 6. The validator validates.
      {
        const { page } = validator;
        await page.goto(actionUrl);
        await expectHeading(page, titleEn);
        await page.getByRole('button', { name: 'Validate' }).click();
        await expectStatus(page, 'The report was validated and sent to the secretariat.');
      }

      // 7. The secretariat publishes it from the list awaiting publication.
      {
        const { page } = secretariat;
        await page.goto('/en/workspace');
        await expectHeading(page, 'Workspace');
        const section = page.getByRole('region', { name: 'Secretariat' });
        await section.getByRole('link', { name: titleEn }).click();
        await expectHeading(page, titleEn);
        await expect.poll(() => textOf(page.getByRole('region', { name: 'History' })), { timeout: 10_000 }).toContain(comment);
        await page.getByRole('button', { name: 'Publish' }).click();
        await expectStatus(page, 'The report was published.');
        expect(await textOf(page.locator('.eyebrow'))).toContain('Published');
      }

      // 8. The public now sees the action, and its evidence file downloads.
      {
        const { page } = visitor;
        await page.goto(recPath);
        const section = page.getByRole('region', { name: 'Actions reported by the State' });
        const article = section.getByRole('article', { name: titleEn });
        await article.waitFor();
        const text = await textOf(article);
        expect(text).toContain('Ministry of Education and Sciences');
        expect(text).toContain('Policy or plan');
        expect(text).toContain('Progress: 60 %');
        expect(text).toMatch(/January 15, 2025|15 January 2025/);
        // The chain's comments stay internal.
        expect(await textOf(page.locator('main'))).not.toContain(comment);
        const link = article.getByRole('link', { name: 'Decree extending SIMORE' });
        await link.waitFor();
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        expect(download.suggestedFilename()).toBe(pdfName);
        const saved = path.join(tmpDir, `downloaded-${pdfName}`);
        await download.saveAs(saved);
        expect(fs.readFileSync(saved).equals(fs.readFileSync(pdfPath))).toBe(true);
        await expectNoSeriousAxeViolations(page, 'a recommendation with a published action');
      }

      // 9. The secretariat can also assign every match of a search at once (here, the same recommendation again).
      {
        const { page } = secretariat;
        await page.goto('/en/recommendations?q=SIMORE');
        const summary = page.locator('summary', { hasText: /^Assign all 1 matching recommendations/ });
        await summary.click();
        const form = page.locator('details.assign-all');
        await form.getByLabel('Institution', { exact: true }).selectOption({ label: 'Ministry of Education and Sciences (MEC)' });
        await form.getByLabel('Due date (optional)').fill('2030-06-30');
        await form.getByRole('button', { name: 'Assign' }).click();
        await expectStatus(page, 'Assigned to Ministry of Education and Sciences: 0 new, 0 updated, 1 unchanged.');
      }

      await expectNoProblems(secretariat, 'secretariat');
      await expectNoProblems(focal, 'focal point', [409]);
      await expectNoProblems(validator, 'validator');
      await expectNoProblems(visitor, 'visitor');
    } finally {
      await Promise.all([secretariat.close(), focal.close(), validator.close(), visitor.close()]);
    }
  });
});
