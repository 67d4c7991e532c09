/**
 * Malformed multipart on each endpoint that reads an upload (action evidence,
 * contribution evidence, the web import): a 400 in the reader's language,
 * nothing stored, no row written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Database } from '../db/database';
import { resetCatalogue, connectTestDatabase } from '../../test/database';
import { as, createInstitution, createOrganisation, createPerson, joinOrganisation, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../../modules/recommendations/use-cases/import-recommendations';
import { locales as LOCALES } from '../../../shared/i18n/languages';
import { message } from '../http/messages';

let db: Database;
let app: FastifyInstance;
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-multipart-test-'));
const targets: { name: string; url: string; session: Session }[] = [];

beforeAll(async () => {
  db = await connectTestDatabase();
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', uploadDir });
  await resetPeople(db);
  await resetCatalogue(db);
  await importRecommendations(db.pool, Buffer.from('mechanism,country,language,date,paragraph,symbol,text\nUPR,PRY,es,2021-03-01,1,A/HRC/48/9,Texto\n'),
    { fileName: 'one.csv', format: 'csv', actor: 'system:test' });
  const home = await createInstitution(db, 'Ministry');
  const organisation = await createOrganisation(db, 'Group');
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  await createPerson(db, 'focal@example.org', 'focal_point', home);
  await joinOrganisation(db, await createPerson(db, 'member@example.org'), organisation);
  const { rows: [recommendation] } = await db.pool.query('select id from recommendation limit 1');
  const { rows: [action] } = await db.pool.query(`insert into action_report (institution_id, state, action_type, reach, title, original_language)
    values ($1, 'draft', 'training', 'structural', '{"es":"Capacitación"}', 'es') returning id`, [home]);
  const { rows: [contribution] } = await db.pool.query(`insert into contribution (organisation_id, recommendation_id, kind, body, state)
    values ($1, $2, 'comment', 'Comment', 'pending') returning id`, [organisation, recommendation.id]);
  targets.push(
    { name: 'action evidence', url: `/api/v1/actions/${action.id}/evidence/files`, session: await signIn(app, 'focal@example.org') },
    { name: 'contribution evidence', url: `/api/v1/contributions/${contribution.id}/evidence/files`, session: await signIn(app, 'member@example.org') },
    { name: 'import', url: '/api/v1/imports', session: await signIn(app, 'secretariat@example.org') },
  );
});
afterAll(async () => { await app.close(); await db.close(); fs.rmSync(uploadDir, { recursive: true, force: true }); });

const CSV = 'mechanism,country,language,date,paragraph,symbol,text\r\nUPR,PRY,es,2021-03-01,2,A/HRC/48/9,Otro texto\r\n';
const form = (boundary: string, options: { title?: string; fileName?: string } = {}) =>
  (options.title !== undefined ? `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${options.title}\r\n` : '')
  + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.fileName ?? 'decree.csv'}"\r\nContent-Type: text/csv\r\n\r\n${CSV}\r\n--${boundary}--\r\n`;

const MALFORMED: { name: string; contentType: string; body: string; expected: 'upload_malformed' | 'input_unreadable'; param?: string }[] = [
  { name: 'a boundary other than the header\'s', contentType: 'multipart/form-data; boundary=AAA', body: form('BBB'), expected: 'upload_malformed' },
  { name: 'a part cut short', contentType: 'multipart/form-data; boundary=AAA', body: form('AAA').slice(0, 120), expected: 'upload_malformed' },
  { name: 'headers cut short', contentType: 'multipart/form-data; boundary=AAA', body: '--AAA\r\nContent-Disposition: form-da', expected: 'upload_malformed' },
  { name: 'no closing boundary', contentType: 'multipart/form-data; boundary=AAA', body: form('AAA').replace('--AAA--\r\n', ''), expected: 'upload_malformed' },
  { name: 'no boundary', contentType: 'multipart/form-data', body: form('AAA'), expected: 'upload_malformed' },
  { name: 'a body that has no parts', contentType: 'multipart/form-data; boundary=AAA', body: 'plain text, no parts at all', expected: 'upload_malformed' },
  { name: 'a NUL in a field', contentType: 'multipart/form-data; boundary=AAA', body: form('AAA', { title: 'De\u0000creto' }), expected: 'input_unreadable', param: 'title' },
  { name: 'a NUL in the file name', contentType: 'multipart/form-data; boundary=AAA', body: form('AAA', { fileName: 'de\u0000cree.csv' }), expected: 'input_unreadable', param: 'filename' },
];

async function written() {
  const { rows } = await db.pool.query(`select (select count(*) from action_evidence) action_evidence, (select count(*) from contribution_evidence) contribution_evidence,
    (select count(*) from recommendation) recommendations, (select count(*) from import_batch) imports, (select count(*) from audit_log) audit`);
  return { ...rows[0], files: fs.readdirSync(uploadDir, { recursive: true }).length };
}

describe.each(MALFORMED)('multipart with $name', (malformed) => {
  it('is refused with a 400 in the reader\'s language on every upload endpoint, and nothing is written', async () => {
    const before = await written();
    for (const target of targets) {
      for (const locale of LOCALES) {
        const response = await app.inject({
          method: 'POST', url: target.url, payload: malformed.body,
          headers: { ...as(target.session), 'content-type': malformed.contentType, 'accept-language': locale },
        });
        expect(response.statusCode, `${target.name} ${locale}: ${response.body}`).toBe(400);
        expect(response.json()).toEqual({ error: 'bad_request', message: message(malformed.expected, locale, { param: malformed.param ?? '' }) });
      }
    }
    expect(await written()).toEqual(before);
  });
});

describe('a well-formed upload', () => {
  it('still goes through on each endpoint', async () => {
    for (const target of targets) {
      const response = await app.inject({
        method: 'POST', url: target.url, payload: form('AAA', { title: 'Decreto' }),
        headers: { ...as(target.session), 'content-type': 'multipart/form-data; boundary=AAA' },
      });
      expect(response.statusCode, `${target.name}: ${response.body}`).toBeLessThan(300);
    }
  });
});
