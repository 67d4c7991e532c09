import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database';
import { UploadStore } from '../../platform/files/uploads';
import { connectTestDatabase } from '../../test/database';
import { createInstitution, resetPeople } from '../../test/people';
import { sweepOrphanEvidence } from './evidence-sweep';

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await connectTestDatabase();
  await resetPeople(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-sweep-'));
});
afterAll(async () => {
  await db.pool.query("delete from network_join_request where requester_email = 'sweep@example.org'");
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the orphan evidence sweep', () => {
  it('removes old files no row refers to, and keeps recorded files (a join request\'s formal communication too) and recent uploads', async () => {
    const store = new UploadStore(dir);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const recorded = await store.store(pdf, 'kept.pdf', 'application/pdf');
    const orphan = await store.store(pdf, 'lost.pdf', 'application/pdf');
    const recent = await store.store(pdf, 'in-flight.pdf', 'application/pdf');
    const communication = await store.store(pdf, 'communication.pdf', 'application/pdf');
    await db.pool.query(
      `insert into network_join_request (iso3, requested_status, requester_name, requester_email, focal_point_name, focal_point_email, declaration_adopted_on,
         stored_name, file_name, size_bytes, sha256) values ('URY', 'member', 'R', 'sweep@example.org', 'F', 'f@example.org', '2025-05-20', $1, 'communication.pdf', 15, $2)`,
      [communication.storedName, communication.sha256]);
    const institution = await createInstitution(db, 'Ministry');
    const { rows } = await db.pool.query(
      `insert into action_report (institution_id, action_type, reach, title, original_language) values ($1, 'data', 'structural', '{"es":"x"}', 'es') returning id`, [institution]);
    await db.pool.query(`insert into action_evidence (action_id, kind, title, stored_name, media_type, size_bytes) values ($1, 'file', 'kept', $2, 'application/pdf', 15)`,
      [rows[0].id, recorded.storedName]);
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    for (const name of [recorded.storedName, orphan.storedName, communication.storedName]) fs.utimesSync(path.join(dir, name), twoDaysAgo, twoDaysAgo);
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not ours'); // a file with a name we never generate is left alone

    expect(await sweepOrphanEvidence(db.pool, store, new Date())).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([recorded.storedName, recent.storedName, communication.storedName, 'README.txt'].sort());
  });
});
