import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let t: TestApp;
let secretariat: Session;
let focal: Session;
let education: number;
const ids: Record<string, number> = {};

const rec = async (externalId: string) => Number((await t.db.pool.query(
  'select recommendation_id from recommendation_external_id where value = $1', [externalId])).rows[0].recommendation_id);

async function action(state: string, title: string, recommendationId: number) {
  const { rows } = await t.db.pool.query(
    `insert into action_report (institution_id, state, action_type, reach, title, description, original_language, start_date, progress)
     values ($1, $2, 'programme', 'structural', $3, '{"es":"Becas y transporte escolar."}', 'es', '2023-03-01', 45) returning id`,
    [education, state, JSON.stringify({ es: title })]);
  await t.db.pool.query('insert into action_recommendation (action_id, recommendation_id) values ($1, $2)', [rows[0].id, recommendationId]);
  return Number(rows[0].id);
}

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await t.db.pool.query('truncate report_draft cascade');
  education = await createInstitution(t.db, 'Ministerio de Educación');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'focal@example.org', 'focal_point', education);
  secretariat = await signIn(t.app, 'secretariat@example.org');
  focal = await signIn(t.app, 'focal@example.org');
  for (const key of ['demo-001', 'demo-003', 'demo-004', 'demo-027', 'demo-028']) ids[key] = await rec(key);
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) values ($1, $2, 'lead')`, [ids['demo-003'], education]);
  const published = await action('published', 'Programa de becas', ids['demo-003']);
  await t.db.pool.query(`insert into action_evidence (action_id, kind, title, url) values ($1, 'link', 'Resolución 123', 'https://mec.example.org/r123')`, [published]);
  await action('draft', 'Borrador confidencial', ids['demo-003']);
  const { rows } = await t.db.pool.query(
    `insert into indicator (institution_id, name, kind, unit, frequency) values ($1, '{"es":"Tasa de finalización"}', 'outcome', '%', 'annual') returning id`, [education]);
  await t.db.pool.query('insert into indicator_recommendation (indicator_id, recommendation_id) values ($1, $2)', [rows[0].id, ids['demo-003']]);
  await t.db.pool.query(`insert into indicator_measurement (indicator_id, measured_on, value) values ($1, '2023-12-31', 66.4)`, [rows[0].id]);
  await t.db.pool.query(`insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on) values ($1, 'government', 'in_progress', 'x', '2025-01-10')`, [ids['demo-003']]);
});
afterAll(async () => t.close());

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, session: Session | null = secretariat) =>
  t.app.inject({ method, url, payload, headers: as(session) });

describe('the report composer', () => {
  it('compiles each selected recommendation once, in paragraph order, with what was published and nothing else', async () => {
    const created = await api('POST', '/api/v1/reports', {
      template: 'upr_midterm', title: 'Informe de medio término', language: 'es', grouping: 'paragraph',
      recommendation_ids: [ids['demo-004'], ids['demo-003'], ids['demo-001'], ids['demo-003']],
    });
    expect(created.statusCode, created.body).toBe(201);
    const report = created.json();
    // A/HRC/48/9 paragraphs 119.1, 119.25, 119.26: natural order, each once.
    expect(report.sections.map((s: { heading: string }) => s.heading)).toEqual(['A/HRC/48/9, párr. 119.1', 'A/HRC/48/9, párr. 119.25', 'A/HRC/48/9, párr. 119.26']);
    const section = report.sections[1].text as string;
    expect(section).toContain('Garantizar el acceso universal a la educación');
    expect(section).toContain('Instituciones responsables: Ministerio de Educación');
    // Dates and numbers as a Spanish reader writes them (Intl puts a no-break space before "%").
    expect(section).toContain('- Programa de becas (1 de marzo de 2023), 45\u00a0%');
    expect(section).toContain('Evidencia: Resolución 123 <https://mec.example.org/r123>');
    expect(section).toContain('Indicador: Tasa de finalización: 66,4\u00a0% (31 de diciembre de 2023)');
    expect(section).toContain('Estado de implementación: En curso (10 de enero de 2025)');
    expect(section).not.toContain('Borrador confidencial');
    expect(report.sections[0].text).toContain('Acciones realizadas: ninguna informada');
    expect(report.version).toBe(1);
  });

  it('keeps people\'s edits when regenerating, unless asked, and keeps every version', async () => {
    const report = (await api('POST', '/api/v1/reports', {
      template: 'custom', title: 'Educación', language: 'en', grouping: 'institution', recommendation_ids: [ids['demo-003'], ids['demo-004']],
    })).json();
    expect(report.sections.map((s: { group_heading: string }) => s.group_heading)).toEqual(['Ministerio de Educación', 'Not assigned to an institution']);
    const key = `rec:${ids['demo-003']}`;
    const edited = await api('PATCH', `/api/v1/reports/${report.id}/sections/${key}`, { version: 1, text: 'Texto revisado por la secretaría.' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await api('PATCH', `/api/v1/reports/${report.id}/sections/${key}`, { version: 1, text: 'late' })).statusCode).toBe(409);

    // New data: a second published action. Regenerating refreshes the compiled text and keeps the edit.
    await action('published', 'Nuevas becas 2025', ids['demo-003']);
    const regenerated = (await api('POST', `/api/v1/reports/${report.id}/regenerate`, { version: 2 })).json();
    const section = regenerated.sections.find((s: { key: string }) => s.key === key);
    expect(section).toMatchObject({ text: 'Texto revisado por la secretaría.', edited: true });
    expect(section.generated_text).toContain('Nuevas becas 2025');
    const overwritten = (await api('POST', `/api/v1/reports/${report.id}/regenerate`, { version: 3, overwrite_edits: true })).json();
    expect(overwritten.sections.find((s: { key: string }) => s.key === key)).toMatchObject({ edited: false, text: section.generated_text });

    const versions = (await api('GET', `/api/v1/reports/${report.id}/versions`)).json().items;
    expect(versions.map((v: { version: number; reason: string }) => `${v.version}:${v.reason}`)).toEqual(['4:regenerate', '3:regenerate', '2:edit_section', '1:create']);
    const stored = await t.db.pool.query('select sections from report_version where draft_id = $1 and version = 2', [report.id]);
    expect(stored.rows[0].sections.find((s: { key: string }) => s.key === key).edited_text).toBe('Texto revisado por la secretaría.');
  });

  it('drops sections whose recommendation left a search selection, but keeps edited ones, flagged', async () => {
    const report = (await api('POST', '/api/v1/reports', {
      template: 'treaty_periodic', title: 'CAT', language: 'fr', grouping: 'theme', search: { mechanism: ['CAT'] },
    })).json();
    expect(report.sections.map((s: { key: string }) => s.key).sort()).toEqual([`rec:${ids['demo-027']}`, `rec:${ids['demo-028']}`].sort());
    await api('PATCH', `/api/v1/reports/${report.id}/sections/rec:${ids['demo-027']}`, { version: 1, text: 'Paragraphe rédigé.' });
    // Both recommendations leave the CAT selection (as if the mechanism had been corrected on re-import).
    await t.db.pool.query(`update recommendation set mechanism_id = (select id from mechanism where code = 'CRC') where id = any($1::bigint[])`,
      [[ids['demo-027'], ids['demo-028']]]);
    const regenerated = await api('POST', `/api/v1/reports/${report.id}/regenerate`, { version: 2 });
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    expect(regenerated.json().sections).toEqual([expect.objectContaining({ key: `rec:${ids['demo-027']}`, orphaned: true, text: 'Paragraphe rédigé.' })]);
  });

  it('belongs to the secretariat, and refuses an empty selection', async () => {
    const input = { template: 'custom', title: 'x', language: 'es', grouping: 'paragraph', recommendation_ids: [ids['demo-001']] };
    expect((await api('POST', '/api/v1/reports', input, focal)).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/reports', undefined, focal)).statusCode).toBe(403);
    expect((await api('POST', '/api/v1/reports', input, null)).statusCode).toBe(401);
    const empty = await api('POST', '/api/v1/reports?locale=es', { ...input, recommendation_ids: undefined, search: { q: 'zzzzqqq' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('La selección no contiene recomendaciones.');
  });

  it('can add what was reported on the earlier recommendations the same ask recurs from, and keeps that choice on regeneration', async () => {
    const [earlier, later, other] = [await rec('demo-016'), ids['demo-003'], ids['demo-001']];
    const link = (a: number, b: number, state: string) => t.db.pool.query(
      `insert into recommendation_link (low_id, high_id, kind, similarity, state, scan_version)
       values (least($1::bigint, $2::bigint), greatest($1::bigint, $2::bigint), 'recurrence', 0.8, $3, 'test')`, [a, b, state]);
    await link(earlier, later, 'linked');
    await link(earlier, other, 'candidate'); // not for a report: nobody confirmed it
    await action('published', 'Becas 2012', earlier);
    await action('draft', 'Borrador de 2012', earlier);
    await t.db.pool.query(`insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on) values ($1, 'government', 'implemented', 'x', '2014-05-02')`, [earlier]);
    try {
      const input = { template: 'upr_midterm', title: 'Con lo anterior', language: 'es', grouping: 'paragraph', recommendation_ids: [later, other, earlier] };
      const plain = (await api('POST', '/api/v1/reports', input)).json();
      expect(plain.include_earlier).toBe(false);
      expect(plain.sections.map((s: { text: string }) => s.text).join('\n')).not.toContain('Recomendación anterior');

      const created = await api('POST', '/api/v1/reports', { ...input, include_earlier: true });
      expect(created.statusCode, created.body).toBe(201);
      const report = created.json();
      expect(report.include_earlier).toBe(true);
      const text = (heading: string) => report.sections.find((s: { heading: string }) => s.heading === heading).text as string;
      // The later recommendation says what was reported on the earlier one: published actions only, and its status.
      expect(text('A/HRC/48/9, párr. 119.25')).toContain([
        'Recomendación anterior A/HRC/17/18, párr. 84.12 (2011):',
        '  Acciones realizadas:',
        '  - Becas 2012 (1 de marzo de 2023), 45\u00a0%',
        '  Estado de implementación: Implementada (2 de mayo de 2014)',
      ].join('\n'));
      expect(text('A/HRC/48/9, párr. 119.25')).not.toContain('Borrador de 2012');
      // A candidate link adds nothing, nor does a later recurrence to the earlier recommendation.
      expect(text('A/HRC/48/9, párr. 119.1')).not.toContain('Recomendación anterior');
      expect(text('A/HRC/17/18, párr. 84.12')).not.toContain('Recomendación anterior');

      // Regenerated after the earlier recommendation got news: the option holds.
      await action('published', 'Becas 2013', earlier);
      const regenerated = await api('POST', `/api/v1/reports/${report.id}/regenerate`, { version: report.version });
      expect(regenerated.statusCode, regenerated.body).toBe(200);
      const after = (await api('GET', `/api/v1/reports/${report.id}`)).json();
      expect(after.sections.find((s: { heading: string }) => s.heading === 'A/HRC/48/9, párr. 119.25').text).toContain('  - Becas 2013 (1 de marzo de 2023)');
      expect((await api('GET', '/api/v1/reports')).json().items.find((r: { id: number }) => r.id === report.id).include_earlier).toBe(true);
    } finally {
      await t.db.pool.query('delete from recommendation_link where low_id = $1 or high_id = $1', [earlier]);
    }
  });
});
