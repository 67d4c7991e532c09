/**
 * Accessibility in real Chromium: axe (WCAG 2.1 A and AA rules) on the search
 * page empty, with results and with filters, and on a recommendation page, in
 * every UI language; plus keyboard and small-screen checks axe cannot make.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { locales } from '../shared/i18n/languages';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf, waitForResults } from './browser';
import { apiCall, apiSignIn } from './journey';

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

/** An adopted plan with an objective and an activity answering a recommendation: the demo's if it has one, else one made through the API. */
let adoptedPlan: Promise<number> | undefined;
function anAdoptedPlan(): Promise<number> {
  adoptedPlan ??= (async () => {
    const listed = await (await fetch(`${baseUrl}/api/v1/public/plans`)).json();
    if (listed.items.length > 0) return listed.items[0].id as number;
    const secretariat = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
    const institutions = (await apiCall(baseUrl, 'GET', '/api/v1/institutions', { session: secretariat })).json.items as { id: number }[];
    const plan = await apiCall(baseUrl, 'POST', '/api/v1/plans', {
      session: secretariat, body: { kind: 'national_action_plan', title: { es: 'Plan nacional de acción', en: 'National action plan' }, original_language: 'es', period_start: '2025-01-01', period_end: '2030-12-31' },
    });
    expect(plan.status).toBe(201);
    const axis = await apiCall(baseUrl, 'POST', `/api/v1/plans/${plan.json.id}/objectives`, { session: secretariat, body: { level: 'axis', title: { es: 'Educación' } } });
    expect(axis.status).toBe(201);
    const activity = await apiCall(baseUrl, 'POST', `/api/v1/plans/${plan.json.id}/activities`, {
      session: secretariat,
      body: { institution_id: institutions[0].id, objective_id: axis.json.id, title: { es: 'Formación docente' }, original_language: 'es', start_date: '2025-03-01', end_date: '2026-12-31', recommendation_ids: [recommendationId] },
    });
    expect(activity.status).toBe(201);
    const version = (await apiCall(baseUrl, 'GET', `/api/v1/plans/${plan.json.id}`, { session: secretariat })).json.version;
    expect((await apiCall(baseUrl, 'POST', `/api/v1/plans/${plan.json.id}/status`, { session: secretariat, body: { version, status: 'adopted', adopted_on: '2025-01-15' } })).status).toBe(200);
    return plan.json.id as number;
  })();
  return adoptedPlan;
}

describe.each(locales)('axe in %s', (locale) => {
  it('the public plans and an adopted plan have no serious or critical violations', async () => {
    const planId = await anAdoptedPlan();
    const { page, close } = await openPage(browser, baseUrl);
    try {
      await page.goto(`/${locale}/plans`);
      await page.locator('table.public-plans tbody tr').first().waitFor();
      await expectNoSeriousAxeViolations(page, `the public plans (${locale})`);
      await page.goto(`/${locale}/plans/${planId}`);
      await page.locator('.public-plan-page .progress-tables, .public-plan-page table').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoSeriousAxeViolations(page, `an adopted plan (${locale})`);
    } finally {
      await close();
    }
  });

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
      // An indicator (public, reached from a recommendation page): the demo has one with measurements.
      const indicators = await (await fetch(`${baseUrl}/api/v1/indicators?page_size=1`)).json();
      await page.goto(`/${locale}/indicators/${indicators.items[0].id}`);
      await page.locator('.indicator-page h1').waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoSeriousAxeViolations(page, `an indicator (${locale})`);
    } finally {
      await close();
    }
  });

  it('the organisation registration and confirmation pages have no serious or critical violations', async () => {
    const { page, close } = await openPage(browser, baseUrl);
    try {
      await page.goto(`/${locale}/organisations/register`);
      await page.locator('form.auth-form').waitFor();
      await expectNoSeriousAxeViolations(page, `the organisation registration page (${locale})`);
      await page.goto(`/${locale}/organisations/confirm?token=example`);
      await page.locator('main button.primary').waitFor();
      await expectNoSeriousAxeViolations(page, `the organisation confirmation page (${locale})`);
    } finally {
      await close();
    }
  });

  it('the dashboards have no serious or critical violations', async () => {
    const { page, close } = await openPage(browser, baseUrl);
    try {
      for (const path of [`/${locale}/dashboards`, `/${locale}/dashboards?mechanism=UPR&position=supported&year_from=2010`]) {
        await page.goto(path);
        const url = new URL(page.url());
        await page.locator(`[data-dashboard-for=${JSON.stringify(`${url.pathname}${url.search}`)}]`).waitFor({ timeout: 30_000 });
        // With every chart's data table open too.
        for (const details of await page.locator('figure.chart details').all()) await details.locator('summary').click();
        await expectNoSeriousAxeViolations(page, `the dashboards ${path} (${locale})`);
      }
    } finally {
      await close();
    }
  });

  it('the reporting calendar and an obligation have no serious or critical violations', async () => {
    const { page, close } = await openPage(browser, baseUrl);
    try {
      await page.goto(`/${locale}/obligations`);
      await page.locator('.calendar-group tbody tr').first().waitFor();
      await expectNoSeriousAxeViolations(page, `the reporting calendar (${locale})`);
      // The demo's own dates are estimates and never late: a late one is an obligation the secretariat dated in the past.
      if ((await (await fetch(`${baseUrl}/api/v1/obligations?status=late`)).json()).items.length === 0) {
        const secretariat = await apiSignIn(baseUrl, 'secretariat@demo.example.org');
        const created = await apiCall(baseUrl, 'POST', '/api/v1/obligations', {
          session: secretariat, body: { kind: 'other', title: { en: 'Report to the national parliament' }, due_on: '2024-06-30' },
        });
        expect(created.status).toBe(201);
      }
      await page.goto(`/${locale}/obligations?status=late`);
      await page.locator('.calendar-group[data-group="late"] tbody tr').first().waitFor();
      await expectNoSeriousAxeViolations(page, `the reporting calendar's late obligations (${locale})`);
      await page.locator('.calendar-group tbody tr a').first().click();
      await page.locator('.obligation-details').waitFor();
      await expectNoSeriousAxeViolations(page, `an obligation (${locale})`);
    } finally {
      await close();
    }
  });

  it('the institutions, an institution, a mechanism, an SDG and the open data page have no serious or critical violations', async () => {
    const institutions = await (await fetch(`${baseUrl}/api/v1/public/institutions`)).json();
    const mec = institutions.items.find((i: { acronym: string | null }) => i.acronym === 'MEC').id;
    const { page, close } = await openPage(browser, baseUrl);
    try {
      for (const [what, path, ready] of [
        ['the institutions', `/${locale}/institutions`, 'table tbody tr'],
        ['an institution', `/${locale}/institutions/${mec}`, '.published-action'],
        ['a mechanism', `/${locale}/mechanisms/UPR`, '.count-list li'],
        ['an SDG', `/${locale}/sdgs/4`, 'tr[data-target]'],
        ['the open data', `/${locale}/open-data`, '.dataset'],
      ]) {
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoSeriousAxeViolations(page, `${what} (${locale})`);
      }
    } finally {
      await close();
    }
  });
});

/**
 * The signed-in workspace: a focal point's home, the action form (empty and
 * with its errors), a draft action report with evidence, its edit form, and
 * the secretariat's home and assignment form. The draft is made through the
 * API once for all languages; its title is unique to the run, so other tests
 * and earlier runs do not matter.
 */
describe('axe on the workspace', () => {
  const DEMO_PASSWORD = 'demo-nmirf-2026';
  let institutionId: number;
  let actionId: number;

  beforeAll(async () => {
    const secretariat = await browser.newContext({ baseURL: baseUrl });
    const focal = await browser.newContext({ baseURL: baseUrl });
    try {
      const staff = await (await secretariat.request.post('/api/v1/auth/login', {
        data: { email: 'secretariat@demo.example.org', password: DEMO_PASSWORD },
      })).json();
      const author = await (await focal.request.post('/api/v1/auth/login', {
        data: { email: 'focal.mec@demo.example.org', password: DEMO_PASSWORD },
      })).json();
      institutionId = author.user.memberships.find((m: { role: string }) => m.role === 'focal_point').institution_id;
      const assigned = await secretariat.request.post('/api/v1/assignments', {
        headers: { 'x-csrf-token': staff.csrf_token },
        data: { institution_id: institutionId, responsibility: 'co_responsible', recommendation_ids: [recommendationId] },
      });
      expect(assigned.status(), await assigned.text()).toBe(200);
      const created = await focal.request.post('/api/v1/actions', {
        headers: { 'x-csrf-token': author.csrf_token },
        data: {
          institution_id: institutionId,
          title: { es: `Plan de formación docente ${Date.now()}`, en: 'Teacher training plan' },
          description: { es: 'Formación en derechos humanos para docentes.' },
          original_language: 'es',
          action_type: 'training',
          reach: 'structural',
          start_date: '2025-03-01',
          progress: 25,
          budget: { amount: 250000000, currency: 'PYG', programme: 'EDU-07' },
          recommendation_ids: [recommendationId],
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      actionId = (await created.json()).id;
      const linked = await focal.request.post(`/api/v1/actions/${actionId}/evidence/links`, {
        headers: { 'x-csrf-token': author.csrf_token },
        data: { title: 'Resolución ministerial', url: 'https://example.org/resolucion' },
      });
      expect(linked.status(), await linked.text()).toBe(201);
    } finally {
      await Promise.all([secretariat.close(), focal.close()]);
    }
  });

  /** A page whose context is signed in as `email` (the header's hint included, as after signing in through the page). */
  async function signedInPage(email: string) {
    const t = await openPage(browser, baseUrl);
    const signedIn = await t.page.request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
    expect(signedIn.status()).toBe(200);
    await t.context.addInitScript(() => window.localStorage.setItem('open-nmirf:signed-in', '1'));
    return t;
  }

  describe.each(locales)('in %s', (locale) => {
    it("a focal point's workspace, the action form and an action report have no serious or critical violations", async () => {
      const { page, close } = await signedInPage('focal.mec@demo.example.org');
      try {
        await page.goto(`/${locale}/workspace`);
        await page.locator('li.queue-item').first().waitFor();
        await page.locator('.report-item').first().waitFor();
        await expectNoSeriousAxeViolations(page, `the focal point's workspace (${locale})`);

        await page.goto(`/${locale}/workspace/actions/new?institution=${institutionId}&recommendation=${recommendationId}`);
        await page.locator('.check-list input[type="checkbox"]').first().waitFor();
        await expectNoSeriousAxeViolations(page, `the new action form (${locale})`);
        await page.locator('form.workspace-form button[type="submit"]').click();
        await page.locator('.field-error').first().waitFor();
        await page.locator('#add-translation').click();
        await expectNoSeriousAxeViolations(page, `the new action form with errors and a translation (${locale})`);

        await page.goto(`/${locale}/workspace/actions/${actionId}`);
        await page.locator('.evidence-list').waitFor();
        await page.locator('#evidence-file').waitFor();
        await expectNoSeriousAxeViolations(page, `a draft action report (${locale})`);

        await page.goto(`/${locale}/workspace/actions/${actionId}/edit`);
        await page.locator('.check-list input[type="checkbox"]:checked').first().waitFor();
        await expectNoSeriousAxeViolations(page, `the edit form (${locale})`);
      } finally {
        await close();
      }
    });

    it("the secretariat's workspace and assignment form have no serious or critical violations", async () => {
      const { page, close } = await signedInPage('secretariat@demo.example.org');
      try {
        await page.goto(`/${locale}/workspace`);
        await page.locator('#secretariat-heading').waitFor();
        await page.waitForLoadState('networkidle');
        await expectNoSeriousAxeViolations(page, `the secretariat's workspace (${locale})`);

        await page.goto(`/${locale}/recommendations/${recommendationId}`);
        await page.locator('#assign-institution option:nth-child(2)').waitFor({ state: 'attached' });
        await page.locator('#actions-heading').waitFor();
        await expectNoSeriousAxeViolations(page, `a recommendation with the assignment form (${locale})`);
      } finally {
        await close();
      }
    });
  });
});

/**
 * Reporting rounds, the web import and implementation status: the rounds list
 * with its form, a round's dashboard, an institution's obligations, the import
 * page with a dry-run report, and a recommendation with its status and the
 * assessment form. The round is opened through the API for all languages and
 * closed afterwards, so that other tests' workspaces do not carry it.
 */
describe('axe on rounds, import and status', () => {
  const DEMO_PASSWORD = 'demo-nmirf-2026';
  let roundId: number;
  let roundVersion: number;
  let institutionId: number;
  let csrf: string;
  let staffContext: import('playwright-core').BrowserContext;
  let csvPath: string;

  beforeAll(async () => {
    staffContext = await browser.newContext({ baseURL: baseUrl });
    const staff = await (await staffContext.request.post('/api/v1/auth/login', {
      data: { email: 'secretariat@demo.example.org', password: DEMO_PASSWORD },
    })).json();
    csrf = staff.csrf_token;
    const institutions = await (await staffContext.request.get('/api/v1/institutions')).json();
    institutionId = institutions.items.find((i: { acronym: string | null }) => i.acronym === 'MEC').id;
    const assigned = await staffContext.request.post('/api/v1/assignments', {
      headers: { 'x-csrf-token': csrf },
      data: { institution_id: institutionId, responsibility: 'lead', recommendation_ids: [recommendationId] },
    });
    expect(assigned.status(), await assigned.text()).toBe(200);
    const round = await staffContext.request.post('/api/v1/rounds', {
      headers: { 'x-csrf-token': csrf },
      data: { title: { es: `Ronda de accesibilidad ${Date.now()}`, en: 'Accessibility round' }, opens_on: '2024-01-01', due_on: '2030-12-31' },
    });
    expect(round.status(), await round.text()).toBe(201);
    ({ id: roundId, version: roundVersion } = await round.json());
    csvPath = `${process.env.TMPDIR ?? '/tmp'}/open-nmirf-a11y-${Date.now()}.csv`;
    // One good row and one with an unknown mechanism, so that the report has a table of problems.
    (await import('node:fs')).writeFileSync(csvPath, [
      'mechanism,country,language,date,paragraph,symbol,text',
      'UPR,PRY,es,2024-01-15,80.1,A/HRC/99/1,Texto de prueba de accesibilidad',
      'NOPE,PRY,es,2024-01-15,80.2,A/HRC/99/1,Otro texto',
      '',
    ].join('\n'));
  });
  afterAll(async () => {
    await staffContext?.request.patch(`/api/v1/rounds/${roundId}`, { headers: { 'x-csrf-token': csrf }, data: { version: roundVersion, closed: true } });
    await staffContext?.close();
    if (csvPath) (await import('node:fs')).rmSync(csvPath, { force: true });
  });

  async function signedInPage(email: string) {
    const t = await openPage(browser, baseUrl);
    const signedIn = await t.page.request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
    expect(signedIn.status()).toBe(200);
    await t.context.addInitScript(() => window.localStorage.setItem('open-nmirf:signed-in', '1'));
    return t;
  }

  describe.each(locales)('in %s', (locale) => {
    it("the secretariat's rounds, dashboard, obligations, import and assessment pages have no serious or critical violations", async () => {
      const { page, close } = await signedInPage('secretariat@demo.example.org');
      try {
        await page.goto(`/${locale}/workspace/rounds`);
        await page.locator('table.data-table tbody tr').first().waitFor();
        await page.locator('#round-institutions-hint ~ ul li').first().waitFor();
        await expectNoSeriousAxeViolations(page, `the rounds page (${locale})`);
        await page.locator('form[aria-labelledby="round-form-heading"] button[type="submit"]').click();
        await page.locator('.field-error').first().waitFor();
        await expectNoSeriousAxeViolations(page, `the round form with errors (${locale})`);

        await page.goto(`/${locale}/workspace/rounds/${roundId}`);
        await page.locator(`tr[data-institution="${institutionId}"]`).waitFor();
        await page.locator('.change-history li').first().waitFor();
        await expectNoSeriousAxeViolations(page, `a round's dashboard (${locale})`);

        await page.goto(`/${locale}/workspace/rounds/${roundId}/institutions/${institutionId}`);
        await page.locator('.reports-due-list li').first().waitFor();
        await expectNoSeriousAxeViolations(page, `an institution's reports due (${locale})`);

        await page.goto(`/${locale}/workspace/import`);
        await page.locator('#import-file').setInputFiles(csvPath);
        await page.locator('form[aria-labelledby="import-form-heading"] button[type="submit"]').click();
        await page.locator('.import-result table').waitFor();
        await expectNoSeriousAxeViolations(page, `the import page with a dry-run report (${locale})`);

        await page.goto(`/${locale}/recommendations/${recommendationId}`);
        await page.locator('#assess-status option:nth-child(2)').waitFor({ state: 'attached' });
        await page.locator('#status-heading').waitFor();
        await expectNoSeriousAxeViolations(page, `a recommendation with the assessment form (${locale})`);
      } finally {
        await close();
      }
    });

    it("a focal point's workspace with an open round has no serious or critical violations", async () => {
      const { page, close } = await signedInPage('focal.mec@demo.example.org');
      try {
        await page.goto(`/${locale}/workspace`);
        await page.locator(`.round-reports-due[data-round="${roundId}"] .queue-item`).first().waitFor();
        await expectNoSeriousAxeViolations(page, `the focal point's open rounds (${locale})`);
      } finally {
        await close();
      }
    });
  });
});

/**
 * The reporting calendar as the secretariat sees it: the new-obligation form
 * (empty and with its errors), the ratifications table and its form, and an
 * obligation with its forms. Nothing is saved, so other tests do not see it.
 */
describe('axe on the reporting calendar for the secretariat', () => {
  const DEMO_PASSWORD = 'demo-nmirf-2026';

  describe.each(locales)('in %s', (locale) => {
    it("the calendar's forms, the ratifications and an obligation's forms have no serious or critical violations", async () => {
      const { page, context, close } = await openPage(browser, baseUrl);
      try {
        const signedIn = await page.request.post('/api/v1/auth/login', { data: { email: 'secretariat@demo.example.org', password: DEMO_PASSWORD } });
        expect(signedIn.status()).toBe(200);
        await context.addInitScript(() => window.localStorage.setItem('open-nmirf:signed-in', '1'));
        await page.goto(`/${locale}/obligations`);
        await page.locator('.ratifications-table tbody tr').first().waitFor();
        await page.locator('#new-obligation-mechanism option:nth-child(2)').waitFor({ state: 'attached' });
        await expectNoSeriousAxeViolations(page, `the secretariat's reporting calendar (${locale})`);
        await page.locator('form[aria-labelledby="new-obligation-heading"] button[type="submit"]').click();
        await page.locator('.field-error').first().waitFor();
        await expectNoSeriousAxeViolations(page, `the new obligation form with errors (${locale})`);

        await page.locator('.calendar-group tbody tr a').first().click();
        await page.locator('#obligation-manage-heading').waitFor();
        await expectNoSeriousAxeViolations(page, `an obligation with the secretariat's forms (${locale})`);
      } finally {
        await close();
      }
    });
  });
});

/**
 * The report composer as the secretariat sees it: the list with the compose
 * form (with a counted selection, then with its errors), and a draft with a
 * section's editor and the discard confirmation open. The draft is composed
 * through the API from one recommendation; nothing is saved from the pages.
 */
describe('axe on the report composer', () => {
  const DEMO_PASSWORD = 'demo-nmirf-2026';
  let reportId: number;
  let staffContext: import('playwright-core').BrowserContext;

  beforeAll(async () => {
    staffContext = await browser.newContext({ baseURL: baseUrl });
    const staff = await (await staffContext.request.post('/api/v1/auth/login', {
      data: { email: 'secretariat@demo.example.org', password: DEMO_PASSWORD },
    })).json();
    const created = await staffContext.request.post('/api/v1/reports', {
      headers: { 'x-csrf-token': staff.csrf_token },
      data: { template: 'custom', title: `Accessibility report ${Date.now()}`, language: 'es', grouping: 'theme', recommendation_ids: [recommendationId] },
    });
    expect(created.status(), await created.text()).toBe(201);
    reportId = (await created.json()).id;
  });
  afterAll(async () => {
    await staffContext?.close();
  });

  describe.each(locales)('in %s', (locale) => {
    it("the reports list, the compose form and a draft with an open editor have no serious or critical violations", async () => {
      const { page, context, close } = await openPage(browser, baseUrl);
      try {
        const signedIn = await page.request.post('/api/v1/auth/login', { data: { email: 'secretariat@demo.example.org', password: DEMO_PASSWORD } });
        expect(signedIn.status()).toBe(200);
        await context.addInitScript(() => window.localStorage.setItem('open-nmirf:signed-in', '1'));
        await page.goto(`/${locale}/workspace/reports`);
        await page.locator(`tr[data-report="${reportId}"]`).waitFor();
        await page.locator('#report-mechanism option[value="UPR"]').waitFor({ state: 'attached' });
        await page.locator('#report-mechanism').selectOption('UPR');
        await page.locator('#report-selection-count[data-count]').waitFor();
        await expectNoSeriousAxeViolations(page, `the reports page with a counted selection (${locale})`);
        await page.locator('#report-mode-words').check();
        await page.locator('form[aria-labelledby="report-form-heading"] button[type="submit"]').click();
        await page.locator('.field-error').first().waitFor();
        await expectNoSeriousAxeViolations(page, `the compose form with errors (${locale})`);

        await page.goto(`/${locale}/workspace/reports/${reportId}`);
        await page.locator('article.report-section').first().waitFor();
        await page.locator('table.report-versions tbody tr').first().waitFor();
        await expectNoSeriousAxeViolations(page, `a report draft (${locale})`);
        await page.locator('article.report-section button.report-edit').first().click();
        await page.locator('article.report-section textarea').waitFor();
        await page.locator('#report-discard').click();
        await page.locator('#report-discard-confirm').waitFor();
        await expectNoSeriousAxeViolations(page, `a draft with a section's editor and the discard confirmation open (${locale})`);
      } finally {
        await close();
      }
    });
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
