/**
 * Hostile input, generated from the OpenAPI description: every write endpoint
 * (called by a person the permissions table lets call it, with a valid CSRF
 * token) and every parameter of every public GET, fed malformed requests —
 * wrong types, missing fields, huge strings, unicode edge cases, NUL, lone
 * surrogates, invalid dates, extra fields, wrong content types, malformed
 * JSON, deep nesting, malformed multipart, odd path parameters — from a fixed
 * seed. Asserts that nothing answers 5xx, and that a refused write (any 4xx)
 * changed no row: every table gets a row trigger for the test's duration that
 * notes each inserted, updated or deleted row, so "no row changed" is exact.
 */
import { seededRandom } from '../shared/seeded-random';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Action, type Role } from '../shared/permissions';
import { buildApp } from './app';
import { seedReferenceData } from './db/seeds/reference';
import { importRecommendations } from './modules/recommendations/use-cases/import-recommendations';
import type { Database } from './platform/db/database';
import { connectTestDatabase } from './test/database';
import { keyFile } from './test/federation';
import { as, createInstitution, createOrganisation, createPerson, resetPeople, signInRoles, type Session } from './test/people';

const SEED = 20_260_610;
const MIN_REQUESTS = 2_000;

/**
 * Tables a refused request may legitimately change, so they carry no trigger:
 * - login_throttle: failed sign-ins and password-reset requests are counted whether or not they succeed
 *   (that is what throttling is);
 * - user_session: any request of a signed-in person may touch its session's last_seen_at (idle timeout);
 * - participation_secret: the key that hashes reporters' addresses is created on first use, by whichever
 *   request needs it first.
 */
const MAY_CHANGE_WHEN_REFUSED = new Set(['login_throttle', 'user_session', 'participation_secret']);
/** Rows a refused request may legitimately write elsewhere: a failed sign-in or second-factor code is audited (who tried which account, when). */
const MAY_BE_WRITTEN_WHEN_REFUSED = new Set(['audit_log:login_failed', 'audit_log:second_factor_failed']);

/** Seeded picks: the same requests on every run. */
function prng(seed: number) {
  const next = seededRandom(seed);
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}
const random = prng(SEED);

/** Deeply nested JSON, as text (JSON.stringify itself would run out of stack). */
const nested = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;

const UNICODE = [
  '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202Eevil\u202C', '\ufeffbom', '\uffff', 'e\u0301\u0301\u0301', '𝕏'.repeat(300),
  '\u200B\u200B', 'Ω≈ç√∫', '\r\n\r\n', '<script>alert(1)</script>', "' or 1=1 --", '%s%n%x', '../../etc/passwd', '${7*7}', '\\u0000',
];
const HUGE = ['x'.repeat(100_000), 'é'.repeat(20_000), ' '.repeat(5_000)];
const BAD_DATES = ['2024-02-30', '2024-13-01', '0000-00-00', '99999-01-01', '2024-1-1', 'yesterday', '2024-01-01T25:61:00Z', '', '1e10'];
const BAD_NUMBERS = [-1, 0, 1.5, 2_147_483_648, 9_007_199_254_740_993, 1e308, -1e308, '1', 'NaN', 'Infinity', true, null, [], {}];
const WRONG_TYPES = [123, 'text', true, null, [], {}, [1, 'a', null], { nested: { deeper: [] } }];
const PATH_VALUES = [
  '0', '-1', '2147483648', '99999999999999999999', 'abc', '1.5', '%201', '1e3', '0x10', '%00', '%ZZ', '%F0%9F%98%80', '%ED%A0%80',
  'x'.repeat(150), '..', '%2e%2e%2f', 'null', '__proto__', 'constructor',
];
const MALFORMED_JSON = ['{', '{"a":', '{"a":1,}', "{'a':1}", '[1,2', 'nul', '{"a":"\\x"}', '{"a":"\\ud800"}', '\u0000', '{"__proto__":{"polluted":1}}', '1e999'];
const ODD_BODIES = ['null', '[]', '"a string"', '42', 'true', '[{}]', nested(5_000, 'array'), nested(5_000, 'object')];
const CONTENT_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=X', 'application/json; charset=latin1', 'image/png', ''];

/** Percent-encoding; a lone surrogate (which encodeURIComponent refuses) as the bytes a careless client would send. */
const encode = (value: string) => value.split(/([\ud800-\udfff])/).map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('');

interface JsonSchema {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[]; const?: unknown;
  format?: string; pattern?: string; maxLength?: number; minimum?: number; maximum?: number; minLength?: number; minItems?: number; anyOf?: JsonSchema[]; oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean; default?: unknown;
}
interface Operation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/**
 * Strings a field's pattern may want, tried in order, and values some names need to be meaningful (a
 * mechanism the reference data knows): the closer the base body is to valid, the deeper one broken field reaches.
 */
const PATTERN_CANDIDATES = ['es', 'PRY', 'UPR', 'intro', 'sex', 'not_implemented', 'a', 'ab1', '1', '2024-01-31', 'https://example.org/x'];
const NAME_HINTS: Record<string, string> = { mechanism: 'UPR', mechanisms: 'UPR', country: 'PRY', url: 'https://example.org/x', website: 'https://example.org' };

/** A plausible value for a schema: what a well-behaved client would send, the base that mutations break. */
function sample(schema: JsonSchema | undefined, depth = 0, name = ''): unknown {
  if (!schema || depth > 6) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative) return sample(alternative.find((s) => s.type !== 'null') ?? alternative[0], depth + 1, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date') return '2024-01-31';
      if (schema.format === 'date-time') return '2024-01-31T10:00:00Z';
      if (schema.format === 'email') return 'someone@example.org';
      if (schema.format === 'uri') return 'https://example.org/x';
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern);
        const fits = PATTERN_CANDIDATES.find((candidate) => pattern.test(candidate) && candidate.length >= (schema.minLength ?? 0) && candidate.length <= (schema.maxLength ?? Infinity));
        if (fits) return fits;
      }
      if (NAME_HINTS[name]) return NAME_HINTS[name];
      return 'Texto de prueba'.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? Infinity);
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, depth + 1, name));
    case 'object': {
      if (!schema.properties) return typeof schema.additionalProperties === 'object' ? { es: sample(schema.additionalProperties, depth + 1) } : {};
      return Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, sample(value, depth + 1, key)]));
    }
    default:
      return 'x';
  }
}

interface FuzzRequest { what: string; route: string; session: Session | null; write: boolean; inject: InjectOptions }

let db: Database;
let app: FastifyInstance;
const sessions: Partial<Record<Role, Session>> = {};
let triggered: string[] = [];

/** The roles the fuzz signs in as (with the hub's: the app is a hub, so the Network's routes are fed too). */
const ROLES_CALLING = ['secretariat', 'administrator', 'focal_point', 'validator', 'organisation_member', 'hub_secretariat', 'coordinator', 'state_focal_point'] as const;

/** Who calls a route: a role the permissions table allows, preferring one that may act on any record. */
function callerOf(access: Action | 'public', method: string, url: string): Session | null {
  // Signing out would end the session the next requests use.
  if (access === 'public') return url === '/api/v1/auth/logout' ? null : sessions.authenticated!;
  const scopes = PERMISSIONS[access] as Partial<Record<Role, string>>;
  for (const role of [...ROLES_CALLING, 'authenticated'] as Role[]) {
    if (scopes[role] && sessions[role]) return sessions[role]!;
  }
  void method;
  return null;
}

/** The route's address with its path parameters set: `1` each (the first records of the setup), or `override`. */
function fill(url: string, override?: { name: string; value: string }): string {
  return url.replace(/\{(\w+)\}/g, (_, name: string) => (override?.name === name ? override.value : name === 'assessor' ? 'nhri' : name === 'entity' ? 'institution' : name === 'file' ? 'actions.csv' : '1'));
}

function generate(spec: { paths: Record<string, Record<string, Operation>> }): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  const accessOf = new Map(app.routeAccess.map((r) => [`${r.method} ${r.url}`, r.access]));
  for (const [openApiPath, operations] of Object.entries(spec.paths)) {
    if (!openApiPath.startsWith('/api/v1/')) continue;
    const fastifyPath = openApiPath.replace(/\{(\w+)\}/g, ':$1');
    for (const [lowerMethod, operation] of Object.entries(operations)) {
      const method = lowerMethod.toUpperCase();
      const access = accessOf.get(`${method} ${fastifyPath}`);
      if (!access) continue;
      const write = method !== 'GET';
      if (!write && access !== 'public') continue;
      const route = `${method} ${fastifyPath}`;
      const session = write ? callerOf(access, method, fastifyPath) : null;
      const add = (what: string, inject: Omit<InjectOptions, 'method'>) =>
        requests.push({ what, route, session, write, inject: { method: method as 'GET', ...inject } });
      const url = fill(openApiPath);

      // Path parameters: every odd value, one parameter at a time.
      for (const name of [...openApiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        for (const value of PATH_VALUES) add(`path ${name}=${value.slice(0, 20)}`, { url: fill(openApiPath, { name, value }), payload: write ? {} : undefined });
      }
      // Query parameters: wrong values for each; repeated; unknown ones.
      for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'query')) {
        const values = [...UNICODE.slice(0, 6), ...HUGE.slice(0, 1), ...BAD_DATES.slice(0, 3), ...BAD_NUMBERS.slice(0, 7).map(String), random.pick(UNICODE), '', '%', '%E9', '+'];
        for (const value of values) {
          const encoded = /^%/.test(value) && value.length <= 3 ? value : encode(value);
          add(`query ${parameter.name}=${value.slice(0, 20)}`, { url: `${url}?${parameter.name}=${encoded}` });
        }
        add(`query ${parameter.name} repeated`, { url: `${url}?${parameter.name}=a&${parameter.name}=b&${parameter.name}=${'c'.repeat(600)}` });
      }
      if (!write) {
        add('query unknown parameters', { url: `${url}?__proto__[x]=1&constructor=1&${'z'.repeat(200)}=1` });
        continue;
      }

      const json = operation.requestBody?.content['application/json']?.schema;
      const multipart = operation.requestBody?.content['multipart/form-data'] !== undefined;
      const base = (json ? sample(json) : {}) as Record<string, unknown>;
      const headers = { 'content-type': 'application/json' };
      // Bodies that are not JSON, or not the JSON expected.
      for (const text of MALFORMED_JSON) add(`malformed JSON ${text.slice(0, 15)}`, { url, payload: text, headers });
      for (const body of ODD_BODIES) add(`body ${body.slice(0, 15)}`, { url, payload: body, headers });
      for (const type of CONTENT_TYPES) add(`content-type ${type}`, { url, payload: type.startsWith('multipart') ? '--X\r\nContent-Disposition: form-data; name="file"\r\n\r\nx' : 'a=1&b=2', headers: { 'content-type': type } });
      const extra = '{"__proto__":{"polluted":true},"constructor":{"prototype":{}},"unexpected":"x"';
      add('extra fields', { url, payload: extra + (Object.keys(base).length ? `,${JSON.stringify(base).slice(1)}` : '}'), headers });
      add('empty object', { url, payload: {} });
      add('huge body', { url, payload: { ...base, padding: 'x'.repeat(2 * 1024 * 1024) } });
      if (multipart) {
        for (const [name, type, body] of [
          ['boundary mismatch', 'multipart/form-data; boundary=AAA', '--BBB\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n--BBB--\r\n'],
          ['part cut short', 'multipart/form-data; boundary=AAA', '--AAA\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PD'],
          ['no boundary', 'multipart/form-data', '--AAA\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF\r\n--AAA--\r\n'],
          ['NUL file name', 'multipart/form-data; boundary=AAA', '--AAA\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.pdf"\r\n\r\n%PDF\r\n--AAA--\r\n'],
          ['too many fields', 'multipart/form-data; boundary=AAA', `${Array.from({ length: 10 }, (_, i) => `--AAA\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('')}--AAA--\r\n`],
        ] as const) add(`multipart ${name}`, { url, payload: body, headers: { 'content-type': type } });
      }
      // Field by field: missing, wrong type, huge, unicode, dates, numbers, deep nesting.
      const properties = Object.entries(json?.properties ?? {});
      for (const [field, schema] of properties) {
        const without = { ...base };
        delete without[field];
        if (json?.required?.includes(field)) add(`${field} missing`, { url, payload: without });
        for (let i = 0; i < 2; i++) add(`${field} wrong type`, { url, payload: { ...base, [field]: random.pick(WRONG_TYPES) } });
        add(`${field} huge`, { url, payload: { ...base, [field]: random.pick(HUGE) } });
        add(`${field} unicode`, { url, payload: { ...base, [field]: random.pick(UNICODE) } });
        add(`${field} nested unicode`, { url, payload: { ...base, [field]: { es: random.pick(UNICODE), [random.pick(UNICODE)]: 'x' } } });
        add(`${field} number edge`, { url, payload: { ...base, [field]: random.pick(BAD_NUMBERS) } });
        if (schema.format === 'date' || /_on$|date/.test(field)) for (const date of BAD_DATES.slice(0, 5)) add(`${field} date ${date}`, { url, payload: { ...base, [field]: date } });
        else add(`${field} bad date`, { url, payload: { ...base, [field]: random.pick(BAD_DATES) } });
        const deep = nested(3_000, random.pick(['array', 'object'] as const));
        add(`${field} deep nesting`, { url, payload: JSON.stringify({ ...base, [field]: 'DEEP' }).replace('"DEEP"', deep), headers });
        if (schema.type === 'array') add(`${field} long array`, { url, payload: { ...base, [field]: Array.from({ length: 30_000 }, (_, i) => i) } });
      }
    }
  }
  return requests;
}

/** The last mechanism before the requests: those after are the fuzz's own. */
let lastMechanism = 0;

async function rowChanges(): Promise<number> {
  return Number((await db.pool.query('select count(*) as n from fuzz_row_change')).rows[0].n);
}

beforeAll(async () => {
  db = await connectTestDatabase();
  // A hub that also publishes, so that the federation's public routes are fuzzed with the rest.
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', instanceRole: 'hub', network: { publish: true, keyFile: (await keyFile()).file } });
  await resetPeople(db);
  await importRecommendations(db.pool, Buffer.from('mechanism,country,language,date,paragraph,symbol,text\nUPR,PRY,es,2021-03-01,1,A/HRC/48/9,Texto\nCRC,PRY,es,2022-10-07,12,CRC/C/PRY/CO/6,Otro texto\n'),
    { fileName: 'fuzz.csv', format: 'csv', actor: 'system:test' });
  // Record 1 of each kind belongs to the setup, so requests addressed to `1` reach real records.
  lastMechanism = Number((await db.pool.query('select coalesce(max(id), 0) as id from mechanism')).rows[0].id);
  const home = await createInstitution(db, 'Ministry of Education');
  const organisation = await createOrganisation(db, 'Civil society group');
  await createPerson(db, 'bystander@example.org', 'focal_point', home); // user and membership 1: not anyone the fuzz signs in as
  await db.pool.query(`truncate network_minutes, network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term,
    network_committee_rule, network_meeting, network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  await db.pool.query(`insert into network_state (iso3, status, joined_on) values ('PRY', 'member', '2024-05-01')`);
  const roles = ([...ROLES_CALLING, 'authenticated'] as const).map((role) => ({ key: role, role }));
  const signedIn = await signInRoles(app, db, roles, { institution: home, organisation, state: 'PRY' });
  for (const { role } of roles) sessions[role] = signedIn[role].session!;
  await db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) select id, $1, 'lead' from recommendation order by id limit 1`, [home]);
  await db.pool.query(`insert into action_report (institution_id, state, action_type, reach, title, original_language) values ($1, 'draft', 'training', 'structural', '{"es":"Acción"}', 'es')`, [home]);
  await db.pool.query(`insert into reporting_round (title, opens_on, due_on) values ('{"en":"Round"}', '2030-01-01', '2030-06-30')`);
  await db.pool.query(`insert into indicator (institution_id, name, kind, unit, frequency) values ($1, '{"es":"Indicador"}', 'outcome', '%', 'annual')`, [home]);
  await db.pool.query(`insert into reporting_obligation (kind, title, due_on) values ('other', '{"en":"Obligation"}', '2030-01-31')`);
  await db.pool.query(`insert into contribution (organisation_id, recommendation_id, kind, body, state) select $1, id, 'comment', 'Comentario', 'approved' from recommendation order by id limit 1`, [organisation]);
  await db.pool.query(`with plan as (insert into plan (kind, title, original_language) values ('strategy', '{"es":"Plan"}', 'es') returning id),
    objective as (insert into plan_objective (plan_id, level, title) select id, 'axis', '{"es":"Eje"}' from plan)
    insert into plan_activity (plan_id, institution_id, state, title, original_language) select id, $1, 'draft', '{"es":"Actividad"}', 'es' from plan`, [home]);
  // The Network: meeting, agenda item, proposal, join request and minutes 1.
  await db.pool.query(`insert into network_meeting (title, meets_on, status, agenda_sent_on) values ('Meeting', '2031-03-10', 'confirmed', '2031-01-10')`);
  await db.pool.query(`insert into network_agenda_item (meeting_id, position, title) values (1, 1, 'Item')`);
  await db.pool.query(`insert into network_attendance (meeting_id, iso3, status) values (1, 'PRY', 'member')`);
  await db.pool.query(`insert into network_proposal (agenda_item_id, text, state) values (1, 'Proposal', 'voting')`);
  await db.pool.query(`insert into network_minutes (meeting_id, number, text) values (1, 1, 'Minutes')`);
  await db.pool.query(`insert into network_join_request (iso3, requested_status, requester_name, requester_email, focal_point_name, focal_point_email,
    declaration_adopted_on, stored_name, file_name, size_bytes, sha256) values ('URY', 'member', 'R', 'r@example.org', 'F', 'f@example.org', '2025-01-01', 'none.pdf', 'c.pdf', 1, 'x')`);
  await db.pool.query(`with draft as (insert into report_draft (template, title, language, grouping, selection) values ('custom', 'Draft', 'es', 'paragraph', '{"recommendation_ids":[1]}') returning id)
    insert into report_section (draft_id, key, position, heading, generated_text) select id, '1', 0, 'Introducción', '' from draft`);

  // A row trigger on every table (but those above) notes each row written: "no row changed" is then exact.
  await db.pool.query(`create table fuzz_row_change (id bigserial primary key, table_name text not null)`);
  await db.pool.query(`create function fuzz_note_change() returns trigger language plpgsql as $$
    begin
      insert into fuzz_row_change (table_name)
      values (TG_TABLE_NAME || coalesce(':' || (to_jsonb(coalesce(NEW, OLD)) ->> 'action'), ''));
      return null;
    end $$`);
  const { rows } = await db.pool.query(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
    and table_name <> 'fuzz_row_change' order by 1`);
  triggered = rows.map((r) => r.table_name).filter((name) => !MAY_CHANGE_WHEN_REFUSED.has(name));
  for (const table of triggered) {
    await db.pool.query(`create trigger fuzz_note_change after insert or update or delete on "${table}" for each row execute function fuzz_note_change()`);
  }
});

afterAll(async () => {
  for (const table of triggered) await db.pool.query(`drop trigger if exists fuzz_note_change on "${table}"`);
  await db.pool.query('drop table if exists fuzz_row_change');
  await db.pool.query('drop function if exists fuzz_note_change()');
  // What the federation's routes published (and any key or harvest the accepted requests registered) goes.
  await db.pool.query('truncate federation_record, federation_publication, federation_key, federation_state, network_harvest, network_copy_change, network_copy_record, network_copy_state, network_key, network_instance');
  // Accepted requests may have renamed or retired reference mechanisms (UPR is mechanism 1), which the next test
  // files import under, or added mechanisms named in one language only: back as the reference seed has them.
  await db.pool.query('delete from mechanism_alias where mechanism_id > $1', [lastMechanism]);
  await db.pool.query('delete from mechanism where id > $1 and id not in (select mechanism_id from recommendation)', [lastMechanism]);
  await db.pool.query('update mechanism set edited_by = null, retired_at = null where edited_by is not null');
  const client = await db.pool.connect();
  try {
    await seedReferenceData(client);
  } finally {
    client.release();
  }
  await db.pool.query(`truncate network_minutes, network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term,
    network_committee_rule, network_meeting, network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  // A request the fuzz sends may be valid enough to save the instance's settings or logo: back to the defaults for later test files.
  await db.pool.query('delete from instance_logo; delete from instance_settings');
  await app.close();
  await db.close();
});

describe('fuzz: malformed requests to every write endpoint and every public GET parameter', () => {
  it('never answer 5xx, and a refused write changes no row', async () => {
    await app.ready();
    const requests = generate(app.swagger() as never);
    expect(requests.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
    const writeRoutes = app.routeAccess.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    expect(writeRoutes.filter((route) => !requests.some((r) => r.route === route)), 'write endpoints the fuzz does not reach').toEqual([]);

    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    let changes = await rowChanges();
    for (const request of requests) {
      const response = await app.inject({ ...request.inject, headers: { ...as(request.session), ...request.inject.headers } });
      byStatus.set(response.statusCode, (byStatus.get(response.statusCode) ?? 0) + 1);
      const label = `${request.route} [${request.what}] ${String(request.inject.url).slice(0, 120)}`;
      if (response.statusCode >= 500) failures.push(`${label}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      if (!request.write) continue;
      const now = await rowChanges();
      if (now !== changes && response.statusCode >= 400 && response.statusCode < 500) {
        const { rows } = await db.pool.query('select distinct table_name from fuzz_row_change where id > $1', [changes]);
        const changed = rows.map((r) => r.table_name as string).filter((name) => !MAY_BE_WRITTEN_WHEN_REFUSED.has(name));
        if (changed.length > 0) failures.push(`${label}: refused with ${response.statusCode} but changed ${changed.join(', ')}`);
      }
      changes = now;
    }
    const counts = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
    console.log(`fuzz: ${requests.length} requests (seed ${SEED}), ${counts}`);
    expect(failures).toEqual([]);
  }, 300_000); // over two thousand requests, on a machine that may be busy
});
