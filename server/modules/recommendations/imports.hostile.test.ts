/**
 * Hostile files sent to the web import: each is refused with a 400 in the
 * reader's language, nothing is written, and the server keeps answering while
 * the file is read (the parse runs in a worker, and stops at the limits of
 * import/limits.ts). Times and memory are measured by bench/hostile-files.ts,
 * not asserted here.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { csvWithHugeLine, xlsxWithHugeCell, xlsxZipBomb } from '../../test/hostile-files';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let db: Database;
let app: FastifyInstance;
let secretariat: Session;

beforeAll(async () => {
  db = await connectTestDatabase();
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', maxImportBytes: 200 * 1024 * 1024 });
  await resetPeople(db);
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  secretariat = await signIn(app, 'secretariat@example.org');
});
beforeEach(async () => resetCatalogue(db));
afterAll(async () => { await app.close(); await db.close(); });

const tableRows = async () => {
  const { rows } = await db.pool.query(`select (select count(*) from recommendation)::int as recommendations,
    (select count(*) from import_batch)::int as batches, (select count(*) from audit_log where action = 'import')::int as audits`);
  return rows[0];
};

/** Sends the file as a dry run and asks /api/health again and again until the import answers. */
async function importWhileCheckingHealth(bytes: Buffer, fileName: string, locale: string) {
  const form = new FormData();
  form.append('dry_run', 'true');
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  let done = false;
  const importing = app.inject({ method: 'POST', url: `/api/v1/imports?locale=${locale}`, payload: form, headers: as(secretariat) })
    .finally(() => { done = true; });
  const healthDuringImport: number[] = [];
  while (!done) {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    if (!done) healthDuringImport.push(health.statusCode);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { response: await importing, healthDuringImport };
}

describe('hostile files sent to the web import', () => {
  const cases = [
    { name: 'a 155 KB workbook whose one cell unpacks to 150 MB', file: () => xlsxWithHugeCell(), fileName: 'celda.xlsx', locale: 'es', message: /^Este archivo no se puede importar: una celda contiene más de 100 000 caracteres/ },
    { name: 'a ZIP bomb: a workbook whose sheet unpacks to 1 GB', file: () => xlsxZipBomb(), fileName: 'bomb.xlsx', locale: 'en', message: /^This file cannot be imported: a part of the workbook unpacks to more than 200 times its packed size/ },
    { name: 'a CSV with one 100 MB line', file: () => csvWithHugeLine(), fileName: 'ligne.csv', locale: 'fr', message: /^Ce fichier ne peut pas être importé : la ligne 2 dépasse 2 Mo/ },
  ];
  for (const { name, file, fileName, locale, message } of cases) {
    it(`refuses ${name} with a 400, writes nothing, and /api/health answers meanwhile`, async () => {
      const before = await tableRows();
      const { response, healthDuringImport } = await importWhileCheckingHealth(file(), fileName, locale);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toMatch(message);
      expect(await tableRows()).toEqual(before);
      expect(healthDuringImport.length).toBeGreaterThan(0);
      expect(healthDuringImport.every((status) => status === 200)).toBe(true);
    });
  }
});
