/**
 * Participation in real Chromium, on a server of its own (its posting limits
 * raised through PARTICIPATION_* so that the corpus below fits in one run):
 *
 * 1. The journey: an organisation registers on its page, confirms its address
 *    from the emailed link, the secretariat verifies it, its member comments
 *    on a recommendation, the secretariat approves, and a visitor sees the
 *    comment (and can report it). Axe on each new page.
 * 2. The cross-site-scripting corpus (e2e/fixtures/xss-payloads.txt, one per
 *    line) goes in through the API as comments, evidence link titles,
 *    organisation names and descriptions; it is rendered on the moderation
 *    page, the organisations page and the public recommendation page with a
 *    hook that records alert/confirm/prompt/print, dialogs and CSP violations.
 *    Nothing may run, and every payload must show as its own literal text.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspViolations, expectNoSeriousAxeViolations, launchBrowser, openPage, textOf, type TestPage } from './browser';
import {
  apiCall, apiSignIn as signInThroughApi, confirmationPath as confirmationPathAt, DEMO_PASSWORD, expectNoProblems, expectStatus, signIn, type ApiSession,
} from './journey';
import { startServer, type RunningServer } from './server';

const MEMBER_PASSWORD = 'a long enough passphrase';
const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PAYLOADS = fs.readFileSync(new URL('./fixtures/xss-payloads.txt', import.meta.url), 'utf8').split('\n').filter((line) => line.trim());
let server: RunningServer;
let baseUrl: string;
let browser: Browser;
let journeyRecommendation: number;
let corpusRecommendation: number;

beforeAll(async () => {
  Object.assign(process.env, {
    PARTICIPATION_POSTS_PER_MINUTE: '1000', PARTICIPATION_POSTS_PER_DAY: '1000',
    PARTICIPATION_POSTS_PER_MINUTE_PER_ADDRESS: '1000', PARTICIPATION_POSTS_PER_DAY_PER_ADDRESS: '1000',
    PARTICIPATION_REGISTRATIONS_PER_HOUR: '100',
  });
  server = await startServer();
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
  const found = await (await fetch(`${baseUrl}/api/v1/recommendations?q=educacion&page_size=2`)).json();
  [journeyRecommendation, corpusRecommendation] = found.items.map((item: { id: number }) => item.id);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// The API as this file's own server answers it.
const api = (method: string, path: string, options: { body?: unknown; session?: ApiSession } = {}) => apiCall(baseUrl, method, path, options);
const apiSignIn = (email: string, password?: string) => signInThroughApi(baseUrl, email, password);
const confirmationPath = (address: string) => confirmationPathAt(baseUrl, address);

describe('an organisation takes part, from registration to a published comment', () => {
  it('registers, confirms, is verified, comments; the secretariat approves; the public sees it', async () => {
    const run = Date.now();
    const organisation = `Observatorio Ciudadano ${run}`;
    const email = `coordination.${run}@observatorio.example.org`;
    const comment = `The bill is still waiting in committee (${run}).`;
    const member = await openPage(browser, baseUrl);
    const secretariat = await openPage(browser, baseUrl);
    const visitor = await openPage(browser, baseUrl);
    try {
      // The organisation registers.
      await member.page.goto('/en/recommendations');
      await member.page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Register an organisation' }).click();
      await member.page.waitForURL(/\/en\/organisations\/register$/);
      await expectNoSeriousAxeViolations(member.page, 'the registration page');
      await member.page.getByLabel('Name of the organisation').fill(organisation);
      await member.page.getByLabel('Kind of organisation').selectOption('civil_society');
      await member.page.getByLabel('Website (optional)').fill('https://observatorio.example.org');
      await member.page.getByLabel('Description (optional)').fill('Citizens following the education recommendations.');
      await member.page.getByLabel('Your name').fill('Carmen Ruiz');
      await member.page.getByLabel('Your email address').fill(email);
      await member.page.getByLabel('Password', { exact: true }).fill(MEMBER_PASSWORD);
      await member.page.getByRole('button', { name: 'Register' }).click();
      await expectStatus(member.page, 'a link to confirm the registration is on its way');

      // The emailed link confirms the address.
      await member.page.goto(await confirmationPath(email));
      await expectNoSeriousAxeViolations(member.page, 'the confirmation page');
      await member.page.getByRole('button', { name: 'Confirm the address' }).click();
      await expectStatus(member.page, 'the address is confirmed');

      // The secretariat verifies the organisation.
      await signIn(secretariat.page, 'secretariat@demo.example.org');
      await secretariat.page.goto('/en/workspace/organisations');
      const entry = secretariat.page.locator('article.organisation-item', { has: secretariat.page.getByRole('heading', { name: organisation }) });
      await entry.waitFor();
      await expectNoSeriousAxeViolations(secretariat.page, 'the organisations page');
      await entry.getByRole('button', { name: 'Verify' }).click();
      await expectStatus(secretariat.page, `${organisation} is verified.`);

      // Its member comments on a recommendation.
      await signIn(member.page, email, MEMBER_PASSWORD);
      await member.page.goto(`/en/recommendations/${journeyRecommendation}`);
      const form = member.page.getByRole('form', { name: `Contribute as ${organisation}` });
      await form.waitFor();
      await expectNoSeriousAxeViolations(member.page, 'a recommendation page with the contribution form');
      await form.getByLabel('Your comment').fill(comment);
      await form.getByLabel('Or a file (PDF, image, office or text document)').setInputFiles({
        name: 'monitoring-notes.pdf', mimeType: 'application/pdf', buffer: EVIDENCE_PDF,
      });
      await form.getByRole('button', { name: 'Send for moderation' }).click();
      await expectStatus(member.page, 'Your contribution will be published once a moderator approves it.');
      await expect.poll(() => textOf(member.page.locator('.own-contributions'))).toContain('Waiting for moderation');
      expect(await member.page.locator('.contribution-list article', { hasText: comment }).count()).toBe(0);

      // The workspace home's overview counts it among the contributions waiting for moderation, and leads to the queue.
      const waiting = (await api('GET', '/api/v1/workspace/overview', { session: await apiSignIn('secretariat@demo.example.org') })).json;
      expect(waiting.contributions_in_moderation).toBeGreaterThanOrEqual(1);
      await secretariat.page.goto('/en/workspace');
      const overview = secretariat.page.getByRole('region', { name: 'What waits' });
      const moderation = overview.getByRole('link', { name: /contributions? waiting for moderation/ });
      await expect.poll(() => textOf(moderation)).toBe(
        `${waiting.contributions_in_moderation} contribution${waiting.contributions_in_moderation === 1 ? '' : 's'} waiting for moderation`);
      expect(await overview.getByRole('link').count()).toBe(6);
      await expectNoSeriousAxeViolations(secretariat.page, 'the workspace home with the overview');

      // The secretariat approves it, from the overview's link.
      await moderation.click();
      await secretariat.page.waitForURL(/\/en\/workspace\/moderation$/);
      const item = secretariat.page.locator('article.moderation-item', { hasText: comment });
      await item.waitFor();
      await expectNoSeriousAxeViolations(secretariat.page, 'the moderation page');
      // A rejection needs its reason; cancelling it leaves the contribution waiting.
      await item.getByRole('button', { name: 'Reject', exact: true }).click();
      await item.getByRole('button', { name: 'Reject with this reason' }).click();
      await expect.poll(() => textOf(item.getByRole('alert'))).toContain('Give the reason for rejecting.');
      expect(await item.getByLabel('Reason for rejecting (sent to the author)').getAttribute('maxlength')).toBe('2000');
      await item.getByRole('button', { name: 'Cancel' }).click();
      await item.getByRole('button', { name: 'Approve' }).click();
      await expectStatus(secretariat.page, 'Approved: the contribution is public.');

      // The public sees it, and can report it.
      await visitor.page.goto(`/en/recommendations/${journeyRecommendation}`);
      const published = visitor.page.locator('.civil-society article.contribution', { hasText: comment });
      await published.waitFor();
      expect(await textOf(published.getByRole('heading'))).toContain(organisation);
      // The file sent with the comment, public now, byte for byte.
      const evidenceLink = published.getByRole('link', { name: 'monitoring-notes.pdf' });
      const evidenceResponse = await visitor.page.request.get(String(await evidenceLink.getAttribute('href')));
      expect(evidenceResponse.status()).toBe(200);
      expect(Buffer.compare(await evidenceResponse.body(), EVIDENCE_PDF)).toBe(0);
      await published.getByRole('button', { name: `Report abuse in the contribution of ${organisation}` }).click();
      await published.getByLabel('Why is this contribution abusive?').fill('Testing the report control.');
      await expectNoSeriousAxeViolations(visitor.page, 'a recommendation page with a published contribution and the report form');
      await published.getByRole('button', { name: 'Send the report' }).click();
      await expectStatus(visitor.page, 'The secretariat will review it.');

      await member.page.reload();
      await expect.poll(() => textOf(member.page.locator('.own-contributions')), { timeout: 10_000 }).toContain('Published');

      await expectNoProblems(member, 'member');
      await expectNoProblems(secretariat, 'secretariat');
      await expectNoProblems(visitor, 'visitor');
    } finally {
      await member.close();
      await secretariat.close();
      await visitor.close();
    }
  });
});

/** Records anything a payload could make run: dialogs (overridden and real) and a flag a payload might set. */
async function openHookedPage(): Promise<TestPage & { dialogs: string[] }> {
  const t = await openPage(browser, baseUrl);
  const dialogs: string[] = [];
  t.page.on('dialog', (dialog) => { dialogs.push(`${dialog.type()}: ${dialog.message()}`); void dialog.dismiss(); });
  await t.page.exposeFunction('__xssRan', (what: string) => { dialogs.push(what); });
  await t.context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __xssRan: (what: string) => void };
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      w[name] = (...args: unknown[]) => { void w.__xssRan(`${name}(${String(args[0])})`); return null; };
    }
  });
  return { ...t, dialogs };
}

/** Nothing ran, no CSP violation, and the rendered area holds no element or attribute a payload brought. */
async function expectNothingRan(t: TestPage & { dialogs: string[] }, scope: string, what: string) {
  expect(t.dialogs, `dialogs or hooked calls on ${what}`).toEqual([]);
  expect(await cspViolations(t.page), `CSP violations on ${what}`).toEqual([]);
  expect(await t.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `a payload set a flag on ${what}`).toBeUndefined();
  const injected = await t.page.evaluate((selector) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll(`${selector} *`)) {
      const tag = element.tagName.toLowerCase();
      if (['script', 'img', 'svg', 'math', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'input', 'video', 'audio', 'marquee', 'template'].includes(tag)
        && !element.closest('.report-form, .contribution-form')) found.push(tag);
      for (const attribute of element.getAttributeNames()) if (/^on/i.test(attribute)) found.push(`${tag}[${attribute}]`);
      const href = element.getAttribute('href');
      if (href && /^\s*(javascript|data|vbscript):/i.test(href)) found.push(`${tag}[href=${href}]`);
    }
    return found;
  }, scope);
  expect(injected, `elements or attributes from payloads on ${what}`).toEqual([]);
  expect(t.problems.filter((p) => !p.includes('favicon')), `console errors on ${what}`).toEqual([]);
}

describe('the cross-site-scripting corpus', () => {
  it(`renders ${PAYLOADS.length} payloads as literal text on the moderation, organisations and recommendation pages, running nothing`, async () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
    const secretariat = await apiSignIn('secretariat@demo.example.org');

    // Organisations named and described by payloads, registered, confirmed and verified through the API.
    const named = PAYLOADS.filter((_, i) => i % 10 === 0);
    const members: ApiSession[] = [];
    for (const [i, name] of named.entries()) {
      const email = `xss${i}.${Date.now()}@corpus.example.org`;
      const registered = await api('POST', '/api/v1/organisations', { body: {
        name, kind: i % 3 === 0 ? 'nhri' : 'civil_society', description: PAYLOADS[(i * 10 + 1) % PAYLOADS.length],
        display_name: `Corpus ${i}`, email, password: MEMBER_PASSWORD, locale: 'en',
      } });
      expect(registered.status, `registration ${i}: ${JSON.stringify(registered.json)}`).toBe(202);
      const token = new URLSearchParams((await confirmationPath(email)).split('?')[1]).get('token');
      expect((await api('POST', '/api/v1/organisations/confirm', { body: { token } })).status).toBe(204);
      members.push(await apiSignIn(email, MEMBER_PASSWORD));
    }

    // The organisations page shows the payload names and descriptions, awaiting verification.
    const organisationsPage = await openHookedPage();
    try {
      await organisationsPage.page.goto('/en/sign-in');
      await organisationsPage.page.getByLabel('Email address', { exact: true }).fill('secretariat@demo.example.org');
      await organisationsPage.page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await organisationsPage.page.getByRole('button', { name: 'Sign in' }).click();
      await organisationsPage.page.waitForURL(/\/en\/account$/);
      await organisationsPage.page.goto('/en/workspace/organisations');
      await expect.poll(() => organisationsPage.page.locator('article.organisation-item').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(named.length);
      const headings = await organisationsPage.page.locator('article.organisation-item h2').allTextContents();
      for (const name of named) expect(headings, 'an organisation name shown as text').toContain(name.trim());
      await expectNothingRan(organisationsPage, 'main', 'the organisations page');
    } finally {
      await organisationsPage.close();
    }
    const awaiting = (await api('GET', '/api/v1/organisations?state=awaiting_verification', { session: secretariat })).json.items;
    for (const organisation of awaiting) {
      expect((await api('POST', `/api/v1/organisations/${organisation.id}/verify`, { body: { version: organisation.version }, session: secretariat })).status).toBe(200);
    }

    // Every payload as a comment, with the same payload as the title of an evidence link.
    const ids: number[] = [];
    for (const [i, payload] of PAYLOADS.entries()) {
      const posted = await api('POST', `/api/v1/recommendations/${corpusRecommendation}/contributions?locale=en`, {
        session: members[i % members.length], body: { kind: 'comment', body: payload, evidence: [{ title: payload, url: 'https://example.org/evidence' }] },
      });
      expect(posted.status, `payload ${i}: ${JSON.stringify(posted.json)}`).toBe(201);
      expect(posted.json.body, `payload ${i} kept as written`).toBe(payload.trim());
      ids.push(posted.json.id);
    }

    // The moderation page, with every payload pending.
    const moderationPage = await openHookedPage();
    try {
      await moderationPage.page.goto('/en/sign-in');
      await moderationPage.page.getByLabel('Email address', { exact: true }).fill('secretariat@demo.example.org');
      await moderationPage.page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await moderationPage.page.getByRole('button', { name: 'Sign in' }).click();
      await moderationPage.page.waitForURL(/\/en\/account$/);
      await moderationPage.page.goto('/en/workspace/moderation');
      await expect.poll(() => moderationPage.page.locator('article.moderation-item').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(PAYLOADS.length);
      const bodies = await moderationPage.page.locator('article.moderation-item .contribution-body').allTextContents();
      for (const payload of PAYLOADS) expect(bodies, 'a payload shown as text on the moderation page').toContain(payload.trim());
      await expectNothingRan(moderationPage, 'main', 'the moderation page');
    } finally {
      await moderationPage.close();
    }

    for (const id of ids) expect((await api('POST', `/api/v1/moderation/contributions/${id}/approve`, { body: { version: 1 }, session: secretariat })).status).toBe(200);

    // The public recommendation page, with every payload published.
    const publicPage = await openHookedPage();
    try {
      await publicPage.page.goto(`/en/recommendations/${corpusRecommendation}`);
      await expect.poll(() => publicPage.page.locator('.civil-society article.contribution').count(), { timeout: 20_000 }).toBe(PAYLOADS.length);
      const bodies = await publicPage.page.locator('.civil-society .contribution-body').allTextContents();
      expect([...bodies].sort()).toEqual(PAYLOADS.map((p) => p.trim()).sort());
      const links = publicPage.page.locator('.civil-society .contribution-evidence a');
      expect([...(await links.allTextContents())].sort()).toEqual(PAYLOADS.map((p) => p.trim()).sort());
      expect(new Set(await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href'))))).toEqual(new Set(['https://example.org/evidence']));
      const headings = await publicPage.page.locator('.civil-society article.contribution h3').allTextContents();
      for (const name of named) expect(headings.some((heading) => heading.startsWith(name.trim())), `organisation name ${name}`).toBe(true);
      // Open a report form too, then look again: still nothing ran.
      await publicPage.page.locator('.civil-society article.contribution').first().getByRole('button', { name: /^Report abuse/ }).click();
      await expectNothingRan(publicPage, 'main', 'the public recommendation page');
      // The hook itself works: a call made on purpose is recorded.
      await publicPage.page.evaluate(() => window.alert('control'));
      await expect.poll(() => publicPage.dialogs).toEqual(['alert(control)']);
    } finally {
      await publicPage.close();
    }
  });
});
