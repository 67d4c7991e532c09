/**
 * The implementation-plan journey in real Chromium, each person in a browser context of their own: the
 * secretariat starts a plan and fills it from a spreadsheet (the dry run refuses a bad row with its
 * reason; the fixed file imports), then adopts it; a focal point of the Ministry of Education finds, on
 * the coverage page, a recommendation no plan answers and proposes an activity for it; the validator
 * validates and the secretariat accepts it into the plan (a revision, with its reason); the focal point
 * reports an action that carries the activity out and completes it, published through the chain; the
 * plan's progress and the coverage change, the public plan page and the recommendation page show it, and
 * a UPR mid-term report composed afterwards says so.
 *
 * The browser tests share one server and database: the journey names its plan and activity with a
 * mark unique to the run, and picks a recommendation no plan answers at the time it runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf } from './browser';
import { apiCall, apiSignIn, expectHeading, expectNoProblems, expectStatus, signIn, type ApiSession } from './journey';

const baseUrl = inject('baseUrl');
let browser: Browser;
let tmpDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-nmirf-plans-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

const HEADER = 'objective_path,activity,description,lead_institution,co_responsible,start_date,end_date,budget_amount,budget_currency,budget_programme,recommendations,sdg_targets';

describe('implementation plans', () => {
  it('imports a plan, takes a proposal through the chain, and shows its progress once an action carries it out', async () => {
    const run = Date.now().toString(36);
    const planTitle = `UPR follow-up plan ${run}`;
    const activityTitle = `Bilingual teacher training ${run}`;
    const secretariatApi = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
    const institutions = (await apiCall(baseUrl, 'GET', '/api/v1/institutions?locale=en', { session: secretariatApi })).json.items as { id: number; acronym: string | null }[];
    const mec = institutions.find((i) => i.acronym === 'MEC')!;
    expect(mec, 'the Ministry of Education of the demo').toBeDefined();

    // A recommendation for the spreadsheet's rows (any with a symbol and a paragraph).
    const listed = (await apiCall(baseUrl, 'GET', '/api/v1/recommendations?page_size=20&locale=en')).json.items as { id: number; symbol: string | null; paragraph: string | null }[];
    const imported = listed.find((r) => r.symbol && r.paragraph)!;
    // A recommendation no plan answers yet, assigned to the Ministry of Education, for the proposal.
    const open = await apiCall(baseUrl, 'GET', '/api/v1/plan-coverage?page_size=100&locale=en', { session: secretariatApi });
    expect(open.status).toBe(200);
    const uncovered = (open.json.uncovered.items as { id: number; symbol: string | null; paragraph: string | null }[]).find((r) => r.id !== imported.id)!;
    expect(uncovered, 'a recommendation no plan answers').toBeDefined();
    const assigned = await apiCall(baseUrl, 'POST', '/api/v1/assignments', {
      session: secretariatApi, body: { institution_id: mec.id, responsibility: 'lead', recommendation_ids: [uncovered.id], due_date: '2030-06-30' },
    });
    expect(assigned.status, JSON.stringify(assigned.json)).toBeLessThan(300);

    const badFile = path.join(tmpDir, `plan-${run}-bad.csv`);
    const goodFile = path.join(tmpDir, `plan-${run}.csv`);
    const rows = (lead: string) => [
      HEADER,
      `Education > Access,School meals ${run},Meals in rural schools,MEC,,2025-03-01,2030-12-31,250000,PYG,P-1,${imported.symbol} ${imported.paragraph},4.1`,
      `Education > Quality,Curriculum review ${run},,${lead},,2025-01-01,2030-06-30,,,,,4.7`,
    ].join('\n');
    fs.writeFileSync(badFile, rows('Ministerio X'));
    fs.writeFileSync(goodFile, rows('MEC'));

    const secretariat = await openPage(browser, baseUrl);
    const focal = await openPage(browser, baseUrl);
    const validator = await openPage(browser, baseUrl);
    const visitor = await openPage(browser, baseUrl);
    let planPath = '';
    let activityPath = '';
    try {
      // 1. The secretariat starts a plan and fills it from a spreadsheet: a dry run, a refused row, then the fixed file.
      {
        const { page } = secretariat;
        await signIn(page, 'secretariat@demo.example.org');
        await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Plans' }).click();
        await expectHeading(page, 'Implementation plans');
        await page.getByRole('button', { name: 'Start a new plan' }).click();
        await page.getByRole('button', { name: 'Create the plan' }).click();
        expect(await page.getByLabel(/^Title/).getAttribute('aria-invalid')).toBe('true');
        await page.getByLabel('Kind of plan').selectOption({ label: 'Follow-up plan of a review' });
        await page.getByLabel(/^Title/).fill(planTitle);
        await page.getByLabel('Period starts').fill('2025-01-01');
        await page.getByLabel('Period ends').fill('2030-12-31');
        await page.getByRole('button', { name: 'Create the plan' }).click();
        await page.waitForURL(/\/en\/workspace\/plans\/\d+$/);
        planPath = new URL(page.url()).pathname;
        await expectHeading(page, planTitle);
        await expectStatus(page, 'Plan created.');

        const importPanel = page.getByRole('region', { name: 'Import from a spreadsheet' });
        await importPanel.getByLabel('Spreadsheet (CSV or XLSX)').setInputFiles(badFile);
        await importPanel.getByRole('button', { name: 'Check the file' }).click();
        await importPanel.getByRole('alert').waitFor();
        expect(await textOf(importPanel.getByRole('alert'))).toContain('Nothing was imported: 1 issue to fix');
        const issues = importPanel.locator('table.import-issues');
        expect(await textOf(issues)).toContain('lead_institution');
        expect(await textOf(issues)).toContain('Ministerio X');
        await expectNoSeriousAxeViolations(page, 'a draft plan with the import issues');

        await importPanel.getByLabel('Spreadsheet (CSV or XLSX)').setInputFiles(goodFile);
        await importPanel.getByRole('button', { name: 'Check the file' }).click();
        await expect.poll(() => textOf(importPanel.locator('.notice-region'))).toContain('The file is ready: 2 activities would be imported');
        await importPanel.getByRole('button', { name: 'Import', exact: true }).click();
        await expectStatus(page, 'The plan was filled from the spreadsheet.');
        const tree = page.getByRole('region', { name: 'Objectives and activities' });
        await expect.poll(() => textOf(tree)).toContain(`Curriculum review ${run}`);
        expect(await textOf(tree)).toContain('Strategic axis · Education');
        // An objective of the draft takes a code (no revision: the plan is not adopted yet).
        await tree.getByRole('button', { name: 'Edit or remove (Education)' }).click();
        expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^objective-\d+-code$/);
        await page.keyboard.type('1');
        await page.keyboard.press('Enter');
        await expectStatus(page, 'Saved.');
        await expect.poll(() => textOf(tree)).toContain('Strategic axis 1 · Education');

        await page.getByLabel('Adopted on').last().fill('2025-02-01');
        await page.getByRole('button', { name: 'Adopt the plan' }).click();
        await expectStatus(page, 'The plan is adopted.');
        await expect.poll(() => textOf(page.locator('.eyebrow'))).toContain('Adopted');
        await expectNoSeriousAxeViolations(page, 'an adopted plan');
      }
      const planId = Number(planPath.split('/').pop());

      // 2. A focal point finds the uncovered recommendation on the coverage page and proposes an activity for it.
      {
        const { page } = focal;
        await signIn(page, 'focal.mec@demo.example.org');
        await page.goto(`/en/workspace/plans/coverage?institution_id=${mec.id}&plan_id=${planId}`);
        await expectHeading(page, 'Coverage of recommendations by plans');
        const row = page.locator(`tr[data-recommendation="${uncovered.id}"]`);
        await row.waitFor();
        await expectNoSeriousAxeViolations(page, 'the coverage page');
        await row.getByRole('link', { name: /^Propose an activity/ }).click();
        await page.waitForURL(new RegExp(`${planPath}\\?recommendation=${uncovered.id}$`));
        await expectHeading(page, planTitle);
        const form = page.locator('form', { has: page.getByRole('heading', { name: 'Propose an activity' }) });
        // The recommendation from the coverage page is chosen already; the picker finds others by their words (Enter searches, it does not save).
        const chosen = form.locator('.picker-chosen');
        await expect.poll(() => chosen.count()).toBe(1);
        expect(await chosen.getByRole('link').getAttribute('href')).toBe(`/en/recommendations/${uncovered.id}`);
        await form.getByLabel('Find recommendations').fill('educacion');
        await page.keyboard.press('Enter');
        const found = form.getByRole('list', { name: 'Recommendations found' });
        await found.locator('li').first().waitFor();
        expect(await textOf(form.getByRole('status'))).toMatch(/^\d+ recommendations? found\.$/);
        await expectNoSeriousAxeViolations(page, 'the activity form with the recommendations found');
        await found.getByRole('button', { name: /^Add\b/ }).first().click();
        await expect.poll(() => chosen.count()).toBe(2);
        // Removed again: the proposal answers the uncovered recommendation only.
        await chosen.nth(1).getByRole('button', { name: /^Remove\b/ }).click();
        await expect.poll(() => chosen.count()).toBe(1);
        // A milestone and an indicator of the institution (the demo's, from the indicators module).
        await form.getByRole('button', { name: 'Add a milestone' }).click();
        await form.getByLabel('Milestone 1', { exact: true }).fill(`Curriculum approved ${run}`);
        await form.getByLabel('Due date of milestone 1').fill('2026-06-30');
        await form.getByLabel(/^Completion rate of secondary education/).check();
        await form.getByLabel(/^Activity \(/).fill(activityTitle);
        await form.getByLabel('Start date').fill('2025-03-01');
        await form.getByLabel('End date').fill('2030-12-31');
        await form.getByLabel('Amount').fill('90000');
        await form.getByRole('button', { name: 'Save the proposal' }).click();
        await expectStatus(page, `Proposal “${activityTitle}” saved as a draft.`);
        const proposals = page.getByRole('region', { name: 'Proposed activities' });
        await proposals.getByRole('link', { name: activityTitle }).click();
        await page.waitForURL(/\/en\/workspace\/plan-activities\/\d+$/);
        activityPath = new URL(page.url()).pathname;
        await expectHeading(page, activityTitle);
        expect(await textOf(page.locator('.eyebrow'))).toContain('Proposal: Draft');
        const details = page.getByRole('region', { name: 'Details' });
        expect(await textOf(details)).toContain(`Curriculum approved ${run}`);
        await expect.poll(() => textOf(details)).toContain('Completion rate of secondary education');
        await expectNoSeriousAxeViolations(page, 'a draft proposal');
        await page.getByRole('button', { name: 'Submit for validation' }).click();
        await expectStatus(page, 'Proposal submitted to the validator.');
      }

      // 3. The validator validates it; the secretariat accepts it into the adopted plan, saying why (a revision).
      {
        const { page } = validator;
        await signIn(page, 'validator.mec@demo.example.org');
        await page.goto(activityPath);
        await expectHeading(page, activityTitle);
        await page.getByRole('button', { name: 'Validate' }).click();
        await expectStatus(page, 'Proposal validated and sent to the secretariat.');
      }
      {
        const { page } = secretariat;
        await page.goto(activityPath);
        await expectHeading(page, activityTitle);
        await page.getByRole('button', { name: 'Publish' }).click();
        // Accepting into an adopted plan is a revision: the reason is asked first.
        await page.getByRole('button', { name: 'Confirm: Publish' }).click();
        await page.getByRole('alert').first().waitFor();
        await page.getByLabel('Comment (required)').fill('Answers a recommendation no activity answered.');
        await page.getByRole('button', { name: 'Confirm: Publish' }).click();
        await expectStatus(page, 'Proposal accepted into the plan.');
        expect(await textOf(page.locator('.eyebrow'))).toContain('On time');
        await page.goto(planPath);
        await expectHeading(page, planTitle);
        // An imported activity leaves the adopted plan: a revision, with its reason.
        await page.getByRole('link', { name: `Curriculum review ${run}` }).click();
        await expectHeading(page, `Curriculum review ${run}`);
        await page.getByRole('button', { name: 'Remove the activity' }).click();
        await page.getByRole('button', { name: 'Confirm the removal' }).click();
        expect(await page.getByLabel(/^Reason for the change/).getAttribute('aria-invalid')).toBe('true');
        await page.getByLabel(/^Reason for the change/).fill('Merged into the curriculum reform.');
        await page.getByRole('button', { name: 'Confirm the removal' }).click();
        await page.waitForURL(new RegExp(`${planPath}$`));
        await expectHeading(page, planTitle);
        const revisions = page.getByRole('region', { name: 'Revisions' });
        await expect.poll(() => textOf(revisions)).toContain('Activity removed');
        expect(await textOf(revisions)).toContain('Proposal accepted');
        expect(await textOf(revisions)).toContain('Answers a recommendation no activity answered.');
        expect(await textOf(revisions)).toContain('Merged into the curriculum reform.');
        await expectNoProblems(secretariat, 'secretariat', [400]);
      }
      const activityId = Number(activityPath.split('/').pop());

      // 4. The institution reports an action that carries the activity out and completes it; the chain publishes it.
      {
        const { page } = focal;
        await page.goto(`/en/workspace/actions/new?institution=${mec.id}&recommendation=${uncovered.id}`);
        await expectHeading(page, 'Report an action');
        await page.getByLabel('Title in English').fill(`Teachers trained ${run}`);
        await page.getByLabel('Description in English').fill('Three hundred teachers completed the bilingual course.');
        await page.getByLabel('Type of action').selectOption({ label: 'Policy or plan' });
        await page.getByLabel(/^Structural/).check();
        const planned = page.getByLabel('Carries out the planned activity');
        await expect.poll(() => planned.locator('option').allTextContents()).toContain(activityTitle);
        await planned.selectOption({ label: activityTitle });
        await page.getByLabel('This report completes the activity').check();
        await expectNoSeriousAxeViolations(page, 'the action form with a planned activity');
        await page.getByRole('button', { name: 'Save as draft' }).click();
        await page.waitForURL(/\/en\/workspace\/actions\/\d+$/);
        await expectStatus(page, 'The action report was saved.');
        expect(await textOf(page.getByRole('region', { name: 'Details' }))).toContain('This report completes the activity');
        await page.getByRole('button', { name: 'Submit for validation' }).click();
        await expectStatus(page, "The report was submitted to the institution's validator.");
        const actionId = Number(new URL(page.url()).pathname.split('/').pop());
        const move = async (session: ApiSession, transition: string) => {
          const current = await apiCall(baseUrl, 'GET', `/api/v1/actions/${actionId}`, { session });
          const moved = await apiCall(baseUrl, 'POST', `/api/v1/actions/${actionId}/${transition}`, { session, body: { version: current.json.version } });
          expect(moved.status, JSON.stringify(moved.json)).toBe(200);
        };
        await move(await apiSignIn(baseUrl, 'validator.mec@demo.example.org'), 'validate');
        await move(secretariatApi, 'publish');
        await expectNoProblems(focal, 'focal point');
      }

      // 5. Progress and coverage change; the public plan page and the recommendation page show the activity.
      {
        const { page } = secretariat;
        await page.goto(planPath);
        await expectHeading(page, planTitle);
        const progress = page.getByRole('region', { name: 'Progress' });
        await expect.poll(() => textOf(progress.locator('[data-progress="done"]'))).toBe('Done 1');
        expect(await textOf(page.locator(`[data-activity="${activityId}"]`))).toContain('Done');
        await page.goto(`/en/workspace/plans/coverage?institution_id=${mec.id}`);
        await page.locator('.coverage-summary').waitFor();
        expect(await page.locator(`tr[data-recommendation="${uncovered.id}"]`).count()).toBe(0);
      }
      {
        const { page } = visitor;
        await page.goto('/en/plans');
        await expectHeading(page, 'Implementation plans');
        await page.getByRole('link', { name: planTitle }).click();
        await expectHeading(page, planTitle);
        const activity = page.locator(`[data-activity="${activityId}"]`);
        await activity.waitFor();
        expect(await textOf(activity)).toContain('Done');
        expect(await textOf(activity)).toContain('Ministry of Education');
        await expect.poll(() => textOf(page.getByRole('region', { name: 'Progress' }).locator('[data-progress="done"]'))).toBe('Done 1');
        await expectNoSeriousAxeViolations(page, 'the public plan page');

        await page.goto(`/en/recommendations/${uncovered.id}`);
        const section = page.getByRole('region', { name: 'Planned activities' });
        await section.locator(`[data-activity="${activityId}"]`).waitFor();
        expect(await textOf(section)).toContain(activityTitle);
        expect(await textOf(section)).toContain(planTitle);
        await expectNoSeriousAxeViolations(page, 'a recommendation with its planned activities');

        // The same public page in Spanish.
        await page.goto(`/es/plans/${planId}`);
        await page.locator(`[data-activity="${activityId}"]`).waitFor();
        expect(await textOf(page.locator(`[data-activity="${activityId}"]`))).toContain('Cumplida');
        await expectNoProblems(visitor, 'visitor');
      }

      // 6. A UPR mid-term report says, for the recommendation, which planned activity answers it and that it is done.
      {
        const { page } = secretariat;
        const created = await apiCall(baseUrl, 'POST', '/api/v1/reports?locale=en', {
          session: secretariatApi,
          body: { template: 'upr_midterm', title: `Mid-term report ${run}`, language: 'en', grouping: 'paragraph', recommendation_ids: [uncovered.id] },
        });
        expect(created.status, JSON.stringify(created.json)).toBe(201);
        await page.goto(`/en/workspace/reports/${created.json.id}`);
        await expectHeading(page, `Mid-term report ${run}`);
        const section = page.locator('article.report-section').first();
        await section.waitFor();
        expect(await textOf(section)).toContain(`Planned activities: - ${activityTitle} (Ministry of Education and Sciences (MEC), March 1, 2025 – December 31, 2030), ${planTitle}: done`);
        await expectNoProblems(secretariat, 'secretariat', [400]);
      }
    } finally {
      await Promise.all([secretariat.close(), focal.close(), validator.close(), visitor.close()]);
    }
  });
});
