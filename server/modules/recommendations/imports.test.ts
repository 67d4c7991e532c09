import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { DEMO_FILE } from '../../db/seeds/demo';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let db: Database;
let app: FastifyInstance;
let secretariat: Session;
let focal: Session;
const MAX_IMPORT = 64 * 1024;

beforeAll(async () => {
  db = await connectTestDatabase();
  // Evidence uploads are limited to 1 KB here, imports to 64 KB: the import's own limit applies.
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', maxUploadBytes: 1024, maxImportBytes: MAX_IMPORT });
  await resetPeople(db);
  const ministry = await createInstitution(db, 'Ministry of Education');
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  await createPerson(db, 'focal@example.org', 'focal_point', ministry);
  secretariat = await signIn(app, 'secretariat@example.org');
  focal = await signIn(app, 'focal@example.org');
});
beforeEach(async () => resetCatalogue(db));
afterAll(async () => { await app.close(); await db.close(); });

const upload = (bytes: Buffer, fileName: string, fields: Record<string, string> = {}, session: Session | null = secretariat, locale = 'en') => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  return app.inject({ method: 'POST', url: `/api/v1/imports?locale=${locale}`, payload: form, headers: as(session) });
};
const count = async () => Number((await db.pool.query('select count(*) from recommendation')).rows[0].count);

const demo = fs.readFileSync(DEMO_FILE);
const HEADER = 'mechanism,country,language,date,paragraph,symbol,text\n';

describe('importing from the web app', () => {
  it('previews with a dry run, imports, and reports everything unchanged the second time', async () => {
    const preview = await upload(demo, 'recommendations.csv', { dry_run: 'true' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ format: 'csv', created: 45, written: false, issues: [] });
    expect(await count()).toBe(0);

    const imported = await upload(demo, 'recommendations.csv');
    expect(imported.json()).toMatchObject({ created: 45, updated: 0, unchanged: 0, rejected: 0, written: true });
    expect(await count()).toBe(45);
    expect((await upload(demo, 'recommendations.csv')).json()).toMatchObject({ created: 0, unchanged: 45, written: true });
    const audit = await db.pool.query(`select actor from audit_log where entity = 'import_batch'`);
    expect(audit.rows.map((r) => r.actor)).toEqual([expect.stringMatching(/^user:\d+$/)]);
    // The search sees the new records at once.
    expect((await app.inject({ method: 'GET', url: '/api/v1/recommendations' })).json().total).toBe(45);
  });

  it('writes nothing when a row is invalid, says where in the reader\'s language, and can skip invalid rows', async () => {
    const file = Buffer.from(`${HEADER}UPR,PRY,es,2021-03-01,1,A/HRC/48/9,Garantizar la educación\n,PRY,es,2021-03-01,2,A/HRC/48/9,Sin mecanismo\n`);
    const refused = await upload(file, 'lista.csv', {}, secretariat, 'es');
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ written: false, rejected: 1, created: 0 });
    expect(refused.json().issues[0].message).toMatch(/^Línea 3, mechanism: /);
    expect(await count()).toBe(0);
    // What "skip invalid rows" would import, counted without writing, in a dry run as in a refused import.
    expect(refused.json().if_skip_invalid).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const preview = await upload(file, 'lista.csv', { dry_run: 'true' });
    expect(preview.json()).toMatchObject({ written: false, rejected: 1, created: 0, if_skip_invalid: { created: 1, updated: 0, unchanged: 0 } });
    expect(await count()).toBe(0);
    expect(Number((await db.pool.query('select count(*) from import_batch')).rows[0].count)).toBe(0);
    const skipped = await upload(file, 'lista.csv', { skip_invalid: 'true' });
    expect(skipped.json()).toMatchObject({ written: true, rejected: 1, created: 1, if_skip_invalid: null });
    expect(await count()).toBe(1);
  });

  it('says where each problem is as the user finds it: record and id in JSON, line in CSV, sheet and row in XLSX', async () => {
    const uhri = (id: string, text: string) => ({
      AnnotationId: id, AnnotationType: '- Recommendations', Body: '- CRC', Countries: ['Paraguay'],
      PublicationDate: '2022-10-25T00:00:00', Symbol: 'CRC/C/PRY/CO/6', Text: text,
    });
    const json = Buffer.from(JSON.stringify([uhri('rec-1', 'Strengthen child protection.'), uhri('rec-2', '')]));
    const fromJson = (await upload(json, 'uhri.json', { dry_run: 'true' }, secretariat, 'es')).json();
    expect(fromJson.issues).toEqual([{
      line: 2, location: 'Registro 2 (id rec-2)', record_id: 'rec-2', field: 'Text',
      message: expect.stringMatching(/^Registro 2 \(id rec-2\), Text: /),
      // The same reason as data, for a client that writes it itself.
      reason: { code: 'field_empty', params: { field: 'Text' } },
    }]);

    const csv = Buffer.from(`${HEADER}UPR,PRY,es,2021-03-01,1,A/HRC/48/9,Garantizar la educación\n,PRY,es,2021-03-01,2,A/HRC/48/9,Sin mecanismo\n`);
    expect((await upload(csv, 'lista.csv', { dry_run: 'true' }, secretariat, 'fr')).json().issues)
      .toMatchObject([{ line: 3, location: 'Ligne 3', field: 'mechanism', message: expect.stringMatching(/^Ligne 3, mechanism : /) }]);

    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Recomendaciones');
    sheet.addRow(HEADER.trim().split(','));
    sheet.addRow(['UPR', 'PRY', 'es', '2021-03-01', '1', 'A/HRC/48/9', 'Garantizar la educación']);
    sheet.addRow(['', 'PRY', 'es', '2021-03-01', '2', 'A/HRC/48/9', 'Sin mecanismo']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await upload(xlsx, 'lista.xlsx', { dry_run: 'true' }, secretariat, 'en')).json().issues)
      .toMatchObject([{ line: 3, location: 'Sheet Recomendaciones, row 3', message: expect.stringMatching(/^Sheet Recomendaciones, row 3, mechanism: /) }]);
  });

  it('refuses what is not an importable file, other people, and files over the limit', async () => {
    const binary = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'photo.png', {}, secretariat, 'fr');
    expect(binary.statusCode).toBe(400);
    expect(binary.json().message).toMatch(/^Ce fichier ne peut pas être importé : /);
    expect((await upload(demo, 'r.csv', { format: 'docx' })).statusCode).toBe(400);
    expect((await upload(demo, 'r.csv', {}, focal)).statusCode).toBe(403);
    expect((await upload(demo, 'r.csv', {}, null)).statusCode).toBe(401);
    const big = Buffer.concat([Buffer.from(HEADER), Buffer.from(`UPR,PRY,es,2021-03-01,1,A/HRC/48/9,${'x'.repeat(MAX_IMPORT)}\n`)]);
    const tooLarge = await upload(big, 'big.csv');
    expect(tooLarge.statusCode).toBe(413);
    expect(await count()).toBe(0);
    // Larger than an evidence upload may be, within the import's limit: accepted.
    expect(demo.length).toBeGreaterThan(1024);
    expect((await upload(demo, 'recommendations.csv')).json().created).toBe(45);
  });
});
