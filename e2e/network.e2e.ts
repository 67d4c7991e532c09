/**
 * The hub of the International Network of NMIRFs in real Chromium, on a hub server of its own
 * (INSTANCE_ROLE=hub, its demo data, a real SMTP receiver): a State's representative asks for the
 * State to join with its formal communication (a file that is not a PDF is refused on its bytes);
 * the Executive Committee approves; the focal point sets a password from the emailed invitation;
 * the hub secretariat plans a meeting, attaches a document to its agenda item, sends its agenda
 * five weeks ahead and confirms it (the document is then public, as uploaded); a
 * meeting whose agenda went three weeks ahead cannot be confirmed, and the page says why and the
 * earliest valid date; attendance is recorded (one member absent, an observer present); a proposal
 * fails consensus, is put to the vote (one yes, one abstention) and is adopted; the minutes are
 * drafted, circulated, approved with an amendment and published; the decision record
 * is published, and `npm run verify:decision`, run as a process on the JSON downloaded from its
 * page, agrees. An observer becomes a member and the secretariat records its NMIRF's profile: the
 * State's public page shows both, the change in its history. An appointment of the Executive
 * Committee with two seats from one regional group is refused, naming the rule; a valid one is
 * recorded. A practice contributed in Spanish is found only once the hub secretariat publishes it, then from the
 * English interface with an English word that stems like the Spanish one. A lesson tagged with the pickers is returned
 * with a reason, edited and submitted again by its contributor, published: its tags show on its page and in the facets.
 * A focal point posts a request for cooperation, another member's responds, the hub secretariat records an agreement
 * (refused first, the reason in the form) and closes it: it leaves the public list of open requests. axe on every page
 * and form state visited.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earliestMeetingDate } from '../shared/network/meetings';
import { mailText, startSmtpReceiver, type ReceivedMail } from '../server/test/smtp';
import { expectNoSeriousAxeViolations, launchBrowser, openPage, textOf, type TestPage } from './browser';
import { apiCall, expectHeading, expectNoProblems, expectStatus, signIn } from './journey';
import { ROOT, startServer, type RunningServer } from './server';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0000000000049454e44ae426082', 'hex');
const FOCAL_URY = 'focal.ury@cancilleria.example.org';
const URY_PASSWORD = 'la contraseña del enlace de Uruguay';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-nmirf-network-'));
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let server: RunningServer;
let browser: Browser;
const pages: TestPage[] = [];

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startServer({ env: { INSTANCE_ROLE: 'hub', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'Hub <hub@example.org>' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const t of pages) await t.context.close();
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function newPage(): Promise<TestPage> {
  const t = await openPage(browser, server.baseUrl);
  pages.push(t);
  return t;
}

/** A day `days` after today (UTC), YYYY-MM-DD. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Mail that reached the SMTP receiver for `to`, waiting for it. */
async function mailFor(to: string, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const mail = smtp.received.find((m: ReceivedMail) => m.to.includes(to) && pattern.test(mailText(m.raw)));
    if (mail) return mailText(mail.raw);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} matching ${pattern}; received for: ${smtp.received.map((m) => m.to.join(',')).join(' | ')}`);
}

/** The secretariat plans a meeting on `date` with one agenda item, sends the agenda and opens its page; the meeting's id. */
async function planAndSend(page: Page, title: string, date: string, item: string, document?: { name: string; buffer: Buffer }): Promise<number> {
  await page.goto('/en/workspace/network');
  await expectHeading(page, 'Hub workspace');
  await page.locator('#plan-title').fill(title);
  await page.locator('#plan-date').fill(date);
  await page.locator('#plan-place').fill('Asunción');
  await page.getByRole('button', { name: 'Plan the meeting' }).click();
  await page.waitForURL(/\/en\/workspace\/network\/meetings\/\d+$/);
  await expectHeading(page, title);
  const id = Number(/(\d+)$/.exec(page.url())![1]);
  await page.getByLabel('Title of the item').fill(item);
  await page.getByRole('button', { name: 'Add the item' }).click();
  await expectStatus(page, 'The agenda item was added.');
  if (document) {
    await page.getByLabel('Document for this item').setInputFiles({ name: document.name, mimeType: 'application/pdf', buffer: document.buffer });
    await page.getByRole('button', { name: 'Attach the document' }).click();
    await expectStatus(page, 'The document was attached.');
  }
  await page.getByRole('button', { name: 'Send the agenda' }).click();
  await expectStatus(page, 'The agenda was sent on');
  return id;
}

describe('the Network on a hub', () => {
  it('goes from a join request to a published decision record that verify:decision agrees with', async () => {
    // 1. A visitor sees the Network: members and observers by region, the Committee, and asks for Uruguay to join.
    const visitor = await newPage();
    const v = visitor.page;
    await v.goto('/en/recommendations');
    await v.getByRole('link', { name: 'International Network of NMIRFs' }).click();
    await expectHeading(v, 'International Network of NMIRFs');
    await expect.poll(() => textOf(v.locator('tr[data-state="PRY"]'))).toContain('Member (founding participant)');
    await expect.poll(() => textOf(v.getByRole('region', { name: 'Executive Committee and Coordinator' }))).toContain('Coordinator: Paraguay');
    await expectNoSeriousAxeViolations(v, 'the Network page');
    await v.getByRole('link', { name: 'Ask to join the Network' }).click();
    await expectHeading(v, 'Ask to join the Network');
    await v.getByLabel('State (ISO 3166 three-letter code)').fill('ury');
    await v.getByLabel('Member (the State has an NMIRF)').check();
    await v.getByLabel('Date the State adopted the Declaration').fill('2025-05-20');
    await v.getByLabel('Your name').fill('Rosa Cancillería');
    await v.getByLabel('Your email address').fill('rosa@cancilleria.example.org');
    await v.locator('#join-focal_point_name').fill('Martín Enlace');
    await v.getByLabel("Focal point's email address").fill(FOCAL_URY);
    await v.getByLabel('Name of the NMIRF').fill('Mecanismo Nacional de Seguimiento');
    await v.getByLabel('Type of NMIRF').selectOption('inter_ministerial');
    // An image named .pdf is refused on its bytes, in the reader's language.
    await v.getByLabel('Formal communication (PDF)').setInputFiles({ name: 'nota.pdf', mimeType: 'application/pdf', buffer: PNG });
    await v.getByRole('button', { name: 'Send the request' }).click();
    await expect.poll(() => textOf(v.getByRole('alert').first())).toContain('The request was not accepted');
    await expectNoSeriousAxeViolations(v, 'the join request form, refused');
    await v.getByLabel('Formal communication (PDF)').setInputFiles({ name: 'nota.pdf', mimeType: 'application/pdf', buffer: PDF });
    await v.getByRole('button', { name: 'Send the request' }).click();
    await expectStatus(v, 'Your request was received.');
    await expectNoSeriousAxeViolations(v, 'the join request, sent');
    await expectNoProblems(visitor, 'visitor', [400]);

    // 2. The Executive Committee approves; the requester is told, the focal point invited.
    const committee = await newPage();
    const c = committee.page;
    await signIn(c, 'committee@demo.example.org');
    await c.goto('/en/workspace/network');
    await expectHeading(c, 'Hub workspace');
    const request = c.locator('tr[data-join-request="URY"]');
    await expect.poll(() => textOf(request)).toContain('nota.pdf');
    await expectNoSeriousAxeViolations(c, 'the join requests');
    await request.getByLabel('Decision', { exact: true }).selectOption('approve');
    await request.getByRole('button', { name: 'Record the decision' }).click();
    await expectStatus(c, 'The request of Uruguay is approved');
    await expectNoProblems(committee, 'committee');
    expect(await mailFor('rosa@cancilleria.example.org', /Uruguay/)).toContain('Uruguay');

    // 3. The focal point sets a password from the invitation and signs in.
    const invitation = await mailFor(FOCAL_URY, /reset-password\?token=/);
    const link = new URL(/https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(invitation)![0]);
    const ury = await newPage();
    const u = ury.page;
    await u.goto(`${link.pathname}${link.search}`);
    await u.getByLabel('New password', { exact: true }).fill(URY_PASSWORD);
    await u.getByLabel('Confirm the new password', { exact: true }).fill(URY_PASSWORD);
    await u.getByRole('button', { name: 'Save the password' }).click();
    await expectStatus(u, 'Your password has been saved.');
    await signIn(u, FOCAL_URY, URY_PASSWORD);

    // 4. The hub secretariat plans a meeting five weeks ahead, sends its agenda today and confirms it.
    const secretariat = await newPage();
    const s = secretariat.page;
    await signIn(s, 'hub.secretariat@demo.example.org');
    const meetingId = await planAndSend(s, 'Extraordinary meeting of the Network', inDays(35), 'Work plan of the Network for 2027',
      { name: 'Work plan 2027.pdf', buffer: PDF });
    await expectNoSeriousAxeViolations(s, 'a meeting in the hub workspace, agenda sent');
    await s.getByRole('button', { name: 'Confirm the meeting' }).click();
    await expectStatus(s, 'The meeting is confirmed.');

    // 5. Sent three weeks ahead, an agenda does not allow confirming: the page says why and the earliest valid date.
    const lateId = await planAndSend(s, 'Late meeting of the Network', inDays(21), 'Exchange of practices');
    const late = await apiCall(server.baseUrl, 'GET', `/api/v1/network/meetings/${lateId}`);
    const earliest = earliestMeetingDate(late.json.agenda_sent_on);
    await s.getByRole('button', { name: 'Confirm the meeting' }).click();
    await expect.poll(() => textOf(s.getByRole('alert'))).toContain(`The earliest valid date for this meeting is ${earliest}.`);
    await expectNoSeriousAxeViolations(s, 'a meeting refused confirmation');
    expect((await apiCall(server.baseUrl, 'GET', `/api/v1/network/meetings/${lateId}`)).json.status).toBe('planned');

    // 6. Attendance: every member but Costa Rica, and Ecuador as observer.
    await s.goto(`/en/workspace/network/meetings/${meetingId}`);
    await expectHeading(s, 'Extraordinary meeting of the Network');
    for (const code of ['PRY', 'URY', 'MAR', 'PRT', 'GEO', 'PHL', 'ECU']) await s.locator(`#present-${code}`).check();
    await s.getByRole('button', { name: 'Save the attendance' }).click();
    await expectStatus(s, 'The attendance was saved.');

    // 7. A proposal; Uruguay objects, so consensus fails and the vote opens.
    await s.getByLabel('New proposal on this item').fill('Adopt the work plan of the Network for 2027.');
    await s.getByRole('button', { name: 'Add the proposal' }).click();
    await expectStatus(s, 'The proposal was added.');
    const proposal = s.locator('[data-proposal]');
    await proposal.getByLabel('Uruguay').check();
    await proposal.getByRole('button', { name: 'Record the outcome of seeking consensus' }).click();
    await expectStatus(s, 'Consensus failed: the vote is open.');
    await expectNoSeriousAxeViolations(s, 'a proposal put to the vote');
    const proposalId = Number(await proposal.getAttribute('data-proposal'));

    // 8. Paraguay's focal point votes yes, Uruguay's abstains; the others present do not vote, Costa Rica is absent.
    const pry = await newPage();
    const p = pry.page;
    await signIn(p, 'focal.pry@demo.example.org');
    for (const [page, vote, state] of [[p, 'Yes', 'Paraguay'], [u, 'Abstain', 'Uruguay']] as const) {
      await page.goto(`/en/workspace/network/meetings/${meetingId}`);
      await expectHeading(page, 'Extraordinary meeting of the Network');
      await page.getByLabel(vote, { exact: true }).check();
      await page.getByRole('button', { name: 'Cast the vote' }).click();
      await expectStatus(page, `Vote of ${state} recorded: ${vote}.`);
    }
    await expectNoSeriousAxeViolations(p, 'a focal point voting');
    await expectNoProblems(pry, 'focal point of Paraguay');
    await expectNoProblems(ury, 'focal point of Uruguay');

    // 9. The chair closes the vote: adopted by the majority of the members present and voting.
    await s.reload();
    await expectHeading(s, 'Extraordinary meeting of the Network');
    await s.getByRole('button', { name: 'Close the vote' }).click();
    await expectStatus(s, 'The vote is closed: Adopted.');

    // 10. The minutes: drafted, circulated to the members present, approved with an amendment (a new version), published.
    await s.getByLabel('Text of the minutes').fill('The meeting adopted the work plan for 2027 by vote.');
    await s.getByRole('button', { name: 'Save as a new draft version' }).click();
    await expectStatus(s, 'Version 1 of the minutes was saved as a draft.');
    await s.getByRole('button', { name: 'Circulate to the members present' }).click();
    await expectStatus(s, 'Version 1 was circulated to the members present.');
    await s.getByLabel('Text as approved').fill('The meeting adopted the work plan for 2027 by vote, Uruguay abstaining.');
    await s.getByLabel('What was amended').fill("Uruguay's abstention recorded.");
    await s.getByRole('button', { name: 'Record the approval' }).click();
    await expectStatus(s, 'Version 2 is approved.');
    await s.getByRole('button', { name: 'Publish the minutes' }).click();
    await expectStatus(s, 'Version 2 is published.');
    await expectNoSeriousAxeViolations(s, 'the minutes, published');
    await expectNoProblems(secretariat, 'hub secretariat', [409]);

    // 11. The public meeting page shows the published minutes and leads to the decision record: the rule, each State's vote, the outcome, the SHA-256.
    await v.goto(`/en/network/meetings/${meetingId}`);
    await expectHeading(v, 'Extraordinary meeting of the Network');
    await expectNoSeriousAxeViolations(v, 'a public meeting page');
    expect(await textOf(v.getByRole('region', { name: 'Minutes' }))).toContain('The meeting adopted the work plan for 2027 by vote, Uruguay abstaining.');
    // The agenda item's document, public now that the agenda was sent, as uploaded.
    const [document] = await Promise.all([v.waitForEvent('download'), v.getByRole('link', { name: 'Work plan 2027.pdf' }).click()]);
    expect(fs.readFileSync(await document.path()).equals(PDF)).toBe(true);
    await v.getByRole('link', { name: 'Decision record' }).click();
    await expectHeading(v, 'Decision record');
    await expect.poll(() => textOf(v.locator('[data-tally]'))).toBe('Yes: 1 · No: 0 · Abstentions: 1 · Present, not voting: 4');
    expect(await textOf(v.locator('.decision-outcome'))).toBe('Adopted');
    expect(await textOf(v.locator('tr[data-state="URY"]'))).toContain('Abstain (focal point)');
    expect(await textOf(v.locator('tr[data-state="MAR"]'))).toContain('Did not vote');
    expect(await v.locator('tr[data-state="CRI"]').count()).toBe(0);
    expect(await textOf(v.locator('main'))).toContain('Simple majority of the members present and voting');
    await expectNoSeriousAxeViolations(v, 'a decision record');
    const published = await apiCall(server.baseUrl, 'GET', `/api/v1/network/decisions/${proposalId}`);
    expect(await textOf(v.locator('[data-sha256]'))).toBe(published.json.sha256);

    const [download] = await Promise.all([v.waitForEvent('download'), v.getByRole('link', { name: 'Download the decision record (JSON)' }).click()]);
    const file = path.join(dir, 'decision.json');
    await download.saveAs(file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(published.json);
    const verified = await verify(file);
    expect(verified.code, verified.stderr).toBe(0);
    // A changed vote no longer matches.
    const forged = { ...published.json, votes: published.json.votes.map((vote: { vote: string }) => ({ ...vote, vote: 'yes' })) };
    fs.writeFileSync(path.join(dir, 'forged.json'), JSON.stringify(forged));
    expect((await verify(path.join(dir, 'forged.json'))).code).toBe(1);
    await expectNoProblems(visitor, 'visitor', [400]); // the refused image, step 1

    // 12. The registry: Ecuador, an observer, creates its NMIRF and becomes a member; the secretariat records its profile.
    await s.goto('/en/workspace/network');
    await expectHeading(s, 'Hub workspace');
    await s.locator('#status-state').selectOption('ECU');
    await expectStatus(s, 'It will become: Member');
    await s.locator('#status-date').fill(inDays(-1));
    await s.locator('#status-reason').fill('Ecuador created its NMIRF by decree.');
    await s.getByRole('button', { name: 'Change the status' }).click();
    await expectStatus(s, 'The status of Ecuador was changed.');
    await s.locator('#profile-state').selectOption('ECU');
    await s.getByLabel('Name in Spanish').fill('Mecanismo Nacional de Seguimiento de Recomendaciones del Ecuador');
    await s.getByLabel('Type', { exact: true }).selectOption('inter_ministerial');
    await s.getByLabel('Coordinating ministries').fill('Ministerio de Relaciones Exteriores\nSecretaría de Derechos Humanos');
    await s.getByLabel('Website').fill('https://mecanismo.example.ec');
    await s.getByLabel('Tracking system').fill('SIMORE Plus');
    await s.getByRole('button', { name: 'Save the profile' }).click();
    await expectStatus(s, 'The NMIRF profile of Ecuador was saved.');
    await expectNoSeriousAxeViolations(s, 'the hub workspace, registry edited');

    // 13. Ecuador's public page, reached from the list: its new status, the change in its history, its NMIRF's profile.
    await v.goto('/en/network');
    await expectHeading(v, 'International Network of NMIRFs');
    await v.locator('tr[data-state="ECU"]').getByRole('link', { name: 'Ecuador' }).click();
    await expectHeading(v, 'Ecuador');
    expect(await textOf(v.locator('[data-status]'))).toBe('Member');
    const history = v.getByRole('region', { name: 'History of its status' });
    expect(await textOf(history)).toContain('Ecuador created its NMIRF by decree.');
    expect(await textOf(history.locator('tbody tr').first())).toMatch(/Observer\s*Member/);
    const nmirf = await textOf(v.getByRole('region', { name: 'Its NMIRF' }));
    for (const text of ['Mecanismo Nacional de Seguimiento de Recomendaciones del Ecuador (Spanish)', 'Inter-ministerial', 'Secretaría de Derechos Humanos', 'https://mecanismo.example.ec', 'SIMORE Plus']) {
      expect(nmirf).toContain(text);
    }
    await expectNoSeriousAxeViolations(v, "a State's public page");

    // 14. The Committee appointed at the meeting: two seats from one regional group are refused, naming the rule; then a valid one is recorded.
    await s.locator('#committee-meeting').selectOption(String(meetingId));
    await s.locator('#committee-decision').selectOption(String(proposalId));
    await s.locator('#committee-start').fill(inDays(60));
    for (const code of ['PRY', 'URY', 'MAR']) await s.locator(`#seat-${code}`).check();
    await s.locator('#committee-coordinator').selectOption('MAR');
    await s.getByRole('button', { name: 'Record the appointment' }).click();
    await expect.poll(() => textOf(s.getByRole('alert'))).toContain('The appointment was refused');
    expect(await textOf(s.getByRole('alert'))).toContain('2 seats from Latin American and Caribbean Group (PRY, URY), at most 1 per regional group');
    await expectNoSeriousAxeViolations(s, 'an appointment of the Committee refused');
    await s.locator('#seat-URY').uncheck();
    await s.locator('#seat-PRT').check();
    await s.getByRole('button', { name: 'Record the appointment' }).click();
    await expectStatus(s, 'The appointment of the Executive Committee was recorded.');
    const terms = (await apiCall(server.baseUrl, 'GET', '/api/v1/network/committee')).json.items;
    expect(terms[0]).toMatchObject({ meeting_id: meetingId, proposal_id: proposalId, starts_on: inDays(60), coordinator: 'MAR', state: 'upcoming' });
    expect(terms[0].seats.map((seat: { iso3: string }) => seat.iso3)).toEqual(['PRY', 'MAR', 'PRT']);

    // 15. The knowledge hub: Uruguay's focal point contributes a practice in Spanish from the English interface; until the hub secretariat publishes it the
    // public does not find it; then a visitor finds it from the English interface, with an English word that stems like the
    // Spanish one ("interoperability", "Interoperabilidad": both interoper), and with Spanish words typed without accents.
    // The search does not translate: the interface's language never narrows it, and the query is read in every language.
    const practiceTitle = 'Interoperabilidad de los sistemas de seguimiento entre instituciones';
    await u.goto('/en/workspace/network/hub');
    await expectHeading(u, 'Knowledge hub workspace');
    await u.getByLabel('Written in').selectOption('es');
    await u.getByLabel('Title', { exact: true }).fill(practiceTitle);
    await u.getByLabel('Summary', { exact: true }).fill('Cómo las instituciones del Uruguay comparten sus datos de seguimiento con un formato común.');
    await u.getByRole('button', { name: 'Submit for review' }).click();
    await expectStatus(u, 'Your contribution was submitted: the hub secretariat reviews it before it is published.');
    await expect.poll(() => textOf(u.locator('[data-submission] h3'))).toBe(practiceTitle);
    await expectNoSeriousAxeViolations(u, 'a practice contributed to the knowledge hub');
    await v.goto('/en/network/hub');
    await expectHeading(v, 'Knowledge hub');
    await v.getByLabel('Search the knowledge hub').fill('interoperability');
    await v.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => textOf(v.locator('#hub-results-heading'))).toBe('0 resources found');
    await s.goto('/en/workspace/network/hub');
    await expectHeading(s, 'Knowledge hub workspace');
    const submission = s.locator('[data-submission]').filter({ hasText: practiceTitle });
    await submission.getByLabel('Moderation', { exact: true }).selectOption('publish');
    await expectNoSeriousAxeViolations(s, 'the moderation queue of the knowledge hub');
    await submission.getByRole('button', { name: 'Record the moderation' }).click();
    await expectStatus(s, `“${practiceTitle}” is published.`);
    await v.reload();
    await expect.poll(() => textOf(v.locator('#hub-results-heading'))).toBe('1 resource found');
    expect(await textOf(v.locator('.network-hub-list h3'))).toBe(practiceTitle);
    await expectNoSeriousAxeViolations(v, 'the knowledge hub, searched');
    await v.getByLabel('Search the knowledge hub').fill('interoperabilidad instituciones');
    await v.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => textOf(v.locator('.network-hub-list h3'))).toBe('Interoperabilidad de los sistemas de seguimiento entre instituciones');
    await v.getByRole('link', { name: 'Interoperabilidad de los sistemas de seguimiento entre instituciones' }).click();
    await expectHeading(v, 'Interoperabilidad de los sistemas de seguimiento entre instituciones');
    expect(await textOf(v.locator('dl.details'))).toContain('Uruguay');
    await expectNoSeriousAxeViolations(v, 'a practice of the knowledge hub');
    // The same search from the Spanish, French and Portuguese interfaces, each page checked with axe.
    for (const [lang, heading, found] of [['es', 'Centro de conocimiento', '1 recurso encontrado'], ['fr', 'Centre de connaissances', '1 ressource trouvée'],
      ['pt', 'Centro de conhecimento', '1 recurso encontrado']] as const) {
      await v.goto(`/${lang}/network/hub?q=interoperability`);
      await expectHeading(v, heading);
      await expect.poll(() => textOf(v.locator('#hub-results-heading'))).toBe(found);
      await expectNoSeriousAxeViolations(v, `the knowledge hub in ${lang}`);
    }
    const feed = (await apiCall(server.baseUrl, 'GET', '/api/v1/network/hub/feed.json')).json.items;
    expect(feed.find((item: { title: string }) => item.title === practiceTitle)).toMatchObject({ language: 'es', contributor_iso3: 'URY' });

    await expectNoProblems(secretariat, 'hub secretariat', [400, 409]);
    await expectNoProblems(visitor, 'visitor', [400]);
  }, 180_000);

  // After the journey above (Uruguay a member, its focal point's password set, a practice published), on the same server.
  it('takes a tagged lesson returned, edited and submitted again to its page, and a request for cooperation to an agreement', async () => {
    const [ury, pry, secretariat, visitor] = [await newPage(), await newPage(), await newPage(), await newPage()];
    const [u, p, s, v] = [ury.page, pry.page, secretariat.page, visitor.page];
    await signIn(u, FOCAL_URY, URY_PASSWORD);
    await signIn(p, 'focal.pry@demo.example.org');
    await signIn(s, 'hub.secretariat@demo.example.org');

    // 1. A contribution tagged with the pickers (a theme and a mechanism of the reference data, an SDG, a regional group, a type of NMIRF) is returned
    // with a reason; its contributor reads it, edits the contribution and submits it again from the web; once published, its tags show on its public
    // page, and its theme narrows the hub's facets to it.
    const tags = (await apiCall(server.baseUrl, 'GET', '/api/v1/network/hub/tags?locale=en')).json;
    const theme = tags.themes[0] as { key: string; label: string };
    const upr = tags.mechanisms.find((mechanism: { key: string }) => mechanism.key === 'UPR') as { key: string; label: string };
    const lessonTitle = 'Formación de los enlaces institucionales del sistema de seguimiento';
    await u.goto('/en/workspace/network/hub');
    await expectHeading(u, 'Knowledge hub workspace');
    await u.locator('#resource-kind').selectOption('lesson');
    await u.locator('#resource-language').selectOption('es');
    await u.locator('#resource-title').fill(lessonTitle);
    await u.locator('#resource-summary').fill('Lo que aprendimos al formar a los enlaces de cada institución.');
    const picker = (name: string) => u.locator(`[data-tags="resource-${name}"]`);
    await picker('themes').getByLabel(theme.label, { exact: true }).check();
    await picker('mechanisms').getByLabel(`${upr.label} (UPR)`, { exact: true }).check();
    await picker('sdgs').getByLabel('SDG 16', { exact: true }).check();
    await picker('regions').getByLabel('Latin American and Caribbean Group', { exact: true }).check();
    await picker('types').getByLabel('Inter-ministerial', { exact: true }).check();
    await expectNoSeriousAxeViolations(u, 'the contribute form with its tags chosen');
    await u.getByRole('button', { name: 'Submit for review' }).click();
    await expectStatus(u, 'Your contribution was submitted');
    await s.goto('/en/workspace/network/hub');
    await expectHeading(s, 'Knowledge hub workspace');
    const lesson = s.locator('[data-submission]').filter({ hasText: lessonTitle });
    const lessonId = Number(await lesson.getAttribute('data-submission'));
    await lesson.getByLabel('Moderation', { exact: true }).selectOption('return');
    await lesson.getByLabel('Reason').fill('Say in which year the training began.');
    await lesson.getByRole('button', { name: 'Record the moderation' }).click();
    await expectStatus(s, `“${lessonTitle}” was returned to its contributor.`);
    await u.reload();
    await expectHeading(u, 'Knowledge hub workspace');
    const returned = u.locator(`[data-submission="${lessonId}"]`);
    await expect.poll(() => textOf(returned.locator('[data-reason]'))).toBe('Reason given: Say in which year the training began.');
    expect(await textOf(returned.locator('[data-state]'))).toBe('Returned to its contributor');
    // The tags chosen come back checked in the edit form.
    expect(await u.locator(`[data-tags="edit-${lessonId}-sdgs"]`).getByLabel('SDG 16', { exact: true }).isChecked()).toBe(true);
    await expectNoSeriousAxeViolations(u, 'a contribution returned to its contributor, with its edit form');
    await u.locator(`#edit-${lessonId}-summary`).fill('Lo que aprendimos desde 2024 al formar a los enlaces de cada institución.');
    await u.locator(`[data-tags="edit-${lessonId}-sdgs"]`).getByLabel('SDG 5', { exact: true }).check();
    await returned.getByRole('button', { name: 'Save and submit again' }).click();
    await expectStatus(u, `“${lessonTitle}” was submitted again`);
    await expect.poll(() => textOf(u.locator(`[data-submission="${lessonId}"] [data-state]`))).toBe('Waiting for moderation');
    await s.reload();
    await expectHeading(s, 'Knowledge hub workspace');
    await s.locator(`[data-submission="${lessonId}"]`).getByLabel('Moderation', { exact: true }).selectOption('publish');
    await s.locator(`[data-submission="${lessonId}"]`).getByRole('button', { name: 'Record the moderation' }).click();
    await expectStatus(s, `“${lessonTitle}” is published.`);
    await v.goto(`/en/network/hub/${lessonId}`);
    await expectHeading(v, lessonTitle);
    await expect.poll(() => textOf(v.locator('dl.details'))).toContain(`${upr.label} (UPR)`);
    const details = await textOf(v.locator('dl.details'));
    for (const text of [theme.label, 'SDG 5, SDG 16', 'Latin American and Caribbean Group', 'Inter-ministerial', 'Lesson learned']) expect(details).toContain(text);
    expect(await textOf(v.locator('main'))).toContain('desde 2024');
    await expectNoSeriousAxeViolations(v, 'a tagged lesson of the knowledge hub');
    const withTheme = (await apiCall(server.baseUrl, 'GET', `/api/v1/network/hub/resources?theme=${encodeURIComponent(theme.key)}`)).json;
    expect(withTheme.items.map((item: { id: number }) => item.id)).toContain(lessonId);
    await v.goto('/en/network/hub');
    await expectHeading(v, 'Knowledge hub');
    await expect.poll(() => textOf(v.locator('section[aria-labelledby="facet-mechanism"]'))).toContain(`${upr.label} (UPR) (`);
    await v.locator('section[aria-labelledby="facet-theme"]').getByRole('button', { name: `${theme.label} (${withTheme.total})` }).click();
    await expect.poll(() => textOf(v.locator('#hub-results-heading'))).toBe(`${withTheme.total} ${withTheme.total === 1 ? 'resource' : 'resources'} found`);
    expect(await v.locator('.network-hub-list h3').allTextContents()).toContain(lessonTitle);
    await expectNoSeriousAxeViolations(v, 'the knowledge hub narrowed by a theme');

    // 2. Cooperation: Paraguay's focal point posts a request from the web; Uruguay's responds (Paraguay cannot respond to its own); the hub
    // secretariat records an agreement (refused, in the form, without Paraguay among the parties), then closes the request: the public list of
    // open requests shows it, then no longer does.
    const topic = 'Training on a system to follow up recommendations';
    await p.goto('/en/workspace/network/hub');
    await expectHeading(p, 'Knowledge hub workspace');
    const post = p.getByRole('form', { name: 'Post a request or an offer for your State' });
    await post.getByRole('button', { name: 'Post', exact: true }).click();
    await expect.poll(() => textOf(post.getByRole('alert').first())).toContain('Some fields need attention');
    expect(await textOf(post)).toContain('Choose at least one kind of help.');
    await expectNoSeriousAxeViolations(p, 'the cooperation form with errors');
    await p.locator('#cooperation-kind').selectOption('request');
    await p.locator('#cooperation-topic').fill(topic);
    await post.getByLabel('Training', { exact: true }).check();
    await post.getByLabel('Software', { exact: true }).check();
    await p.locator('#cooperation-description').fill('Paraguay asks for two training sessions for the staff who follow up recommendations.');
    await post.getByRole('button', { name: 'Post', exact: true }).click();
    await expectStatus(p, `Your request “${topic}” was posted.`);
    const own = p.locator('[data-cooperation]').filter({ hasText: topic });
    await expect.poll(() => textOf(own.locator('[data-status]'))).toBe('Open');
    expect(await own.getByRole('button', { name: 'Send the response' }).count()).toBe(0);
    await expectNoSeriousAxeViolations(p, 'a request for cooperation posted');
    await v.reload();
    await expect.poll(() => textOf(v.getByRole('region', { name: 'Open requests and offers of cooperation' }))).toContain(topic);

    await u.reload();
    await expectHeading(u, 'Knowledge hub workspace');
    const offered = u.locator('[data-cooperation]').filter({ hasText: topic });
    await offered.getByLabel("Your State's response").fill('Uruguay offers two sessions on its tracking system.');
    await expectNoSeriousAxeViolations(u, 'responding to a request for cooperation');
    await offered.getByRole('button', { name: 'Send the response' }).click();
    await expectStatus(u, `Your response to “${topic}” was sent.`);

    await s.reload();
    await expectHeading(s, 'Knowledge hub workspace');
    const board = s.locator('[data-cooperation]').filter({ hasText: topic });
    await board.getByText('1 response').click();
    await expect.poll(() => textOf(board.locator('details').first())).toContain('Uruguay offers two sessions on its tracking system.');
    await board.getByText('Record an agreement').click();
    const agreement = board.getByRole('form', { name: `Agreement on ${topic}` });
    await agreement.getByLabel('Paraguay', { exact: true }).uncheck();
    await agreement.getByLabel('Uruguay', { exact: true }).check();
    await agreement.getByLabel('Morocco', { exact: true }).check();
    await agreement.getByLabel('What was agreed').fill('Two training sessions in 2027.');
    await agreement.getByRole('button', { name: 'Record the agreement' }).click();
    await expect.poll(() => textOf(agreement.getByRole('alert').first())).toContain('An agreement has at least two parties, PRY (who posted it) among them.');
    await expectNoSeriousAxeViolations(s, 'an agreement refused');
    await agreement.getByLabel('Paraguay', { exact: true }).check();
    await agreement.getByLabel('Morocco', { exact: true }).uncheck();
    await agreement.getByLabel('Status of the agreement').selectOption('in_progress');
    await agreement.getByRole('button', { name: 'Record the agreement' }).click();
    await expectStatus(s, `The agreement on “${topic}” was recorded.`);
    await expect.poll(() => textOf(board.locator('[data-agreements]'))).toContain('In progress: Two training sessions in 2027.');
    expect((await textOf(board.locator('[data-agreements]'))).split(' · ')[0].split(', ').sort()).toEqual(['PRY', 'URY']);
    // The agreement moves on: the secretariat marks it completed.
    const agreementStatus = board.getByRole('form', { name: /^Status of the agreement with / });
    await agreementStatus.getByLabel('Status of the agreement').selectOption('completed');
    await agreementStatus.getByRole('button', { name: 'Change the status' }).click();
    await expectStatus(s, `The agreement on “${topic}” is now: Completed.`);
    await expect.poll(() => textOf(board.locator('[data-agreements]'))).toContain('Completed: Two training sessions in 2027.');
    await board.getByRole('button', { name: 'Close the request or offer' }).click();
    await expectStatus(s, `“${topic}” is closed.`);
    await expect.poll(() => textOf(board.locator('[data-status]'))).toBe('Closed');
    await expectNoSeriousAxeViolations(s, 'the cooperation board, a request closed');
    await v.reload();
    await expectHeading(v, 'Knowledge hub');
    await expect.poll(() => textOf(v.getByRole('region', { name: 'Open requests and offers of cooperation' }))).not.toContain(topic);
    const closed = (await apiCall(server.baseUrl, 'GET', '/api/v1/network/cooperation')).json.items.find((item: { topic: string }) => item.topic === topic);
    expect(closed).toMatchObject({ iso3: 'PRY', status: 'closed', responses_count: 1, agreements: [{ status: 'completed' }] });
    expect([...closed.agreements[0].parties].sort()).toEqual(['PRY', 'URY']);
    await expectNoProblems(pry, 'focal point of Paraguay');
    await expectNoProblems(ury, 'focal point of Uruguay');
    await expectNoProblems(secretariat, 'hub secretariat', [400]);
    await expectNoProblems(visitor, 'visitor');
  });
});

/** `npm run verify:decision -- FILE`, as a process. */
function verify(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'verify:decision', '--', file], { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}
