import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { storeSmallModel } from '../../test/suggestion-model';

let t: TestApp;
let secretariat: Session;
let administrator: Session;
const ids: Record<string, number> = {};

const rec = async (externalId: string) => Number((await t.db.pool.query(
  'select recommendation_id from recommendation_external_id where value = $1', [externalId])).rows[0].recommendation_id);

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, session: Session | null = secretariat) =>
  t.app.inject({ method, url, payload, headers: as(session) });

const audits = async (action: string) => Number((await t.db.pool.query(
  `select count(*) from audit_log where entity = 'report_cluster' and action = $1`, [action])).rows[0].count);

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await t.db.pool.query('truncate report_draft, report_cluster_member, report_cluster cascade');
  await t.db.pool.query('truncate suggestion_model cascade');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'admin@example.org', 'administrator');
  secretariat = await signIn(t.app, 'secretariat@example.org');
  administrator = await signIn(t.app, 'admin@example.org');
  for (const key of ['demo-001', 'demo-003', 'demo-004', 'demo-006', 'demo-009', 'demo-010', 'demo-011']) ids[key] = await rec(key);
});
afterAll(async () => {
  await t.db.pool.query('truncate report_draft, report_cluster_member, report_cluster cascade');
  await t.db.pool.query('truncate suggestion_model cascade');
  await t.close();
});

describe('the clusters for reports', () => {
  const cluster: Record<string, number> = {};

  it('are created with names in each language, kept in the order the secretariat gives, renamed against their version', async () => {
    const first = await api('POST', '/api/v1/report-clusters?locale=es', { label: { es: 'Educación', en: 'Education', fr: 'Éducation', pt: 'Educação' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ name: 'Educación', position: 1, members: 0, version: 1 });
    cluster.education = first.json().id;
    cluster.justice = (await api('POST', '/api/v1/report-clusters', { label: { en: 'Justice', es: 'Justicia' } })).json().id;
    // Put first: the others shift.
    const women = await api('POST', '/api/v1/report-clusters?locale=en', { label: { en: 'Women', es: 'Mujeres' }, position: 1 });
    expect(women.json()).toMatchObject({ name: 'Women', position: 1 });
    cluster.women = women.json().id;
    const order = async () => (await api('GET', '/api/v1/report-clusters?locale=en')).json().items.map((c: { name: string; position: number }) => `${c.position}:${c.name}`);
    expect(await order()).toEqual(['1:Women', '2:Education', '3:Justice']);

    // Renamed and moved last; a second save on the old version is refused with the current one.
    const renamed = await api('PATCH', `/api/v1/report-clusters/${cluster.women}?locale=en`, { version: 1, label: { en: "Women's rights", es: 'Derechos de las mujeres' }, position: 3 });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: "Women's rights", position: 3, version: 2 });
    const stale = await api('PATCH', `/api/v1/report-clusters/${cluster.women}`, { version: 1, position: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(2);
    expect(await order()).toEqual(['1:Education', '2:Justice', "3:Women's rights"]);
    expect(await audits('create')).toBe(3);
    expect(await audits('update')).toBe(1);

    // A name is needed in one language at least; the message is in the reader's language.
    const nameless = await api('POST', '/api/v1/report-clusters?locale=fr', { label: { es: '  ' } });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().message).toMatch(/\S/);
  });

  it('are kept by the secretariat; administrators read them', async () => {
    expect((await api('GET', '/api/v1/report-clusters', undefined, administrator)).statusCode).toBe(200);
    expect((await api('POST', '/api/v1/report-clusters', { label: { en: 'No' } }, administrator)).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/report-clusters/${cluster.education}/members`, { recommendation_ids: [ids['demo-001']] }, administrator)).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/report-clusters', undefined, null)).statusCode).toBe(401);
  });

  it('take recommendations one by one or a selection at a time, from wherever they were', async () => {
    const moved = await api('POST', `/api/v1/report-clusters/${cluster.education}/members`, { recommendation_ids: [ids['demo-003'], ids['demo-011']] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toEqual({ moved: 2, unchanged: 0 });
    // demo-011 is about justice: moved there; demo-009 joins it.
    expect((await api('POST', `/api/v1/report-clusters/${cluster.justice}/members`, { recommendation_ids: [ids['demo-011'], ids['demo-009']] })).json()).toEqual({ moved: 2, unchanged: 0 });
    expect((await api('POST', `/api/v1/report-clusters/${cluster.justice}/members`, { recommendation_ids: [ids['demo-009']] })).json()).toEqual({ moved: 0, unchanged: 1 });
    const unknown = await api('POST', `/api/v1/report-clusters/${cluster.justice}/members?locale=es`, { recommendation_ids: [ids['demo-001'], 987654321] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('Una de las recomendaciones indicadas no existe; no se movió nada.');
    expect(Number((await t.db.pool.query('select count(*) from report_cluster_member where recommendation_id = $1', [ids['demo-001']])).rows[0].count)).toBe(0);

    const inJustice = (await api('GET', `/api/v1/report-clusters/recommendations?cluster=${cluster.justice}&locale=en`)).json();
    expect(inJustice.items.map((r: { id: number }) => r.id).sort()).toEqual([ids['demo-009'], ids['demo-011']].sort());
    expect(inJustice.items[0].cluster).toMatchObject({ id: cluster.justice, name: 'Justice', source: 'manual' });
    // Past the last page: no item, the same total.
    expect((await api('GET', `/api/v1/report-clusters/recommendations?cluster=${cluster.justice}&page=9`)).json()).toMatchObject({ total: 2, items: [] });
    const list = (await api('GET', '/api/v1/report-clusters?locale=en')).json();
    expect(list.items.find((c: { id: number }) => c.id === cluster.justice).members).toBe(2);
    expect(list.unclustered).toBe(Number((await t.db.pool.query('select count(*) from recommendation')).rows[0].count) - 3);
    expect(await audits('move_recommendations')).toBe(2);
  });

  it('suggests clusters for unclustered recommendations from their themes, confirmed or suggested by the label model, and from links; a person accepts', async () => {
    // demo-004 has the theme of the education cluster's only member (demo-003).
    const page = (await api('GET', '/api/v1/report-clusters/recommendations?cluster=none&q=educación&locale=en')).json();
    const education = page.items.find((r: { id: number }) => r.id === ids['demo-004']);
    expect(education.cluster).toBeNull();
    expect(education.suggestions[0]).toMatchObject({ cluster_id: cluster.education, name: 'Education', score: 1, themes: ['Right to education'], linked: null });

    // demo-001 carries no theme of any member: no suggestion, until the label model suggests the theme of the education cluster.
    const before = (await api('GET', '/api/v1/report-clusters/recommendations?cluster=none&locale=en')).json();
    expect(before.items.find((r: { id: number }) => r.id === ids['demo-001'])?.suggestions ?? []).toEqual([]);
    const model = await storeSmallModel(t.db.pool);
    await t.db.pool.query('update recommendation set theme_ids = $2 where id = $1', [ids['demo-001'], []]);
    await t.db.pool.query(
      `insert into label_suggestion (recommendation_id, field, key, value, confidence, band, model_id)
       select $1, 'theme', v.key, v.id::text, 0.6, 'medium', $2 from vocabulary_term v join recommendation r on v.id = r.theme_ids[1] where r.id = $3`,
      [ids['demo-001'], model, ids['demo-003']]);
    // demo-010 is linked to a member of the women's cluster (a recurrence the scan found).
    await t.db.pool.query(`update recommendation set theme_ids = '{}' where id = $1`, [ids['demo-010']]);
    await api('POST', `/api/v1/report-clusters/${cluster.women}/members`, { recommendation_ids: [ids['demo-006']] });
    await t.db.pool.query(
      `insert into recommendation_link (low_id, high_id, kind, similarity, state, scan_version) values (least($1::bigint, $2::bigint), greatest($1::bigint, $2::bigint), 'similar', 0.61, 'candidate', 'test')`,
      [ids['demo-006'], ids['demo-010']]);
    const after = (await api('GET', '/api/v1/report-clusters/recommendations?cluster=none&locale=en')).json();
    expect(after.items.find((r: { id: number }) => r.id === ids['demo-001']).suggestions).toEqual([
      expect.objectContaining({ cluster_id: cluster.education, score: 0.6, themes: ['Right to education'] }),
    ]);
    expect(after.items.find((r: { id: number }) => r.id === ids['demo-010']).suggestions).toEqual([
      expect.objectContaining({ cluster_id: cluster.women, score: 0.61, linked: expect.objectContaining({ id: ids['demo-006'], similarity: 0.61 }) }),
    ]);
    // Nothing was applied by suggesting.
    expect(Number((await t.db.pool.query('select count(*) from report_cluster_member where recommendation_id = any($1::bigint[])', [[ids['demo-001'], ids['demo-004'], ids['demo-010']]])).rows[0].count)).toBe(0);

    // Accepting writes the membership with its provenance and an audit row; a second accept finds it clustered.
    const accepted = await api('POST', `/api/v1/report-clusters/${cluster.education}/accept`, { recommendation_id: ids['demo-004'] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const member = (await t.db.pool.query('select * from report_cluster_member where recommendation_id = $1', [ids['demo-004']])).rows[0];
    expect(member).toMatchObject({ source: 'suggestion', score: 1 });
    expect(await audits('accept_suggestion')).toBe(1);
    expect((await api('POST', `/api/v1/report-clusters/${cluster.education}/accept`, { recommendation_id: ids['demo-004'] })).statusCode).toBe(409);
    // A cluster that is not suggested for it cannot be "accepted".
    const notSuggested = await api('POST', `/api/v1/report-clusters/${cluster.justice}/accept?locale=en`, { recommendation_id: ids['demo-001'] });
    expect(notSuggested.statusCode).toBe(400);
    expect(notSuggested.json().message).toBe('This cluster is no longer suggested for this recommendation; reload the suggestions.');
  });

  it('group the composer\'s "by cluster" report in their order, and say so; without clusters, by primary theme', async () => {
    const input = {
      template: 'custom', title: 'Por grupos', language: 'en', grouping: 'cluster',
      recommendation_ids: [ids['demo-001'], ids['demo-003'], ids['demo-004'], ids['demo-006'], ids['demo-009'], ids['demo-011']],
    };
    const created = await api('POST', '/api/v1/reports', input);
    expect(created.statusCode, created.body).toBe(201);
    const report = created.json();
    expect(report.cluster_source).toBe('instance');
    const headings = (sections: { group_heading: string }[]) => [...new Set(sections.map((s) => s.group_heading))];
    expect(headings(report.sections)).toEqual(['Education', 'Justice', "Women's rights", 'Not in a cluster']);
    expect(report.sections.filter((s: { group_heading: string }) => s.group_heading === 'Education').map((s: { key: string }) => s.key))
      .toEqual([`rec:${ids['demo-003']}`, `rec:${ids['demo-004']}`]);

    // Moved before regenerating: the headings follow.
    await api('POST', `/api/v1/report-clusters/${cluster.justice}/members`, { recommendation_ids: [ids['demo-001']] });
    const regenerated = (await api('POST', `/api/v1/reports/${report.id}/regenerate`, { version: 1 })).json();
    expect(headings(regenerated.sections)).toEqual(['Education', 'Justice', "Women's rights"]);
    const docx = await JSZip.loadAsync((await api('GET', `/api/v1/reports/${report.id}/export.docx`)).rawPayload);
    const xml = await docx.file('word/document.xml')!.async('string');
    expect(xml.indexOf('Education')).toBeGreaterThan(-1);
    expect(xml.indexOf('Education')).toBeLessThan(xml.indexOf('Justice'));
    expect(xml.indexOf('Justice')).toBeLessThan(xml.indexOf('Women&apos;s rights') > -1 ? xml.indexOf('Women&apos;s rights') : xml.indexOf("Women's rights"));
  });

  it('are deleted when empty, or with their recommendations sent to another cluster', async () => {
    const list = async () => (await api('GET', '/api/v1/report-clusters?locale=en')).json().items as { id: number; name: string; version: number; position: number; members: number }[];
    const justice = (await list()).find((c) => c.id === cluster.justice)!;
    const refused = await api('DELETE', `/api/v1/report-clusters/${cluster.justice}?locale=en`, { version: justice.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('This cluster holds 3 recommendations: choose the cluster they go to, or move them first.');
    expect((await api('DELETE', `/api/v1/report-clusters/${cluster.justice}`, { version: justice.version, move_to: cluster.justice })).statusCode).toBe(400);
    const deleted = await api('DELETE', `/api/v1/report-clusters/${cluster.justice}`, { version: justice.version, move_to: cluster.women });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const after = await list();
    expect(after.map((c) => `${c.position}:${c.name}:${c.members}`)).toEqual(['1:Education:2', "2:Women's rights:4"]);
    // Released, then an empty cluster goes; the next report falls back to primary themes once none is left.
    const women = after.find((c) => c.id === cluster.women)!;
    const released = await api('POST', '/api/v1/report-clusters/release', { recommendation_ids: [ids['demo-001'], ids['demo-006'], ids['demo-009'], ids['demo-011']] });
    expect(released.json()).toEqual({ moved: 4, unchanged: 0 });
    expect((await api('DELETE', `/api/v1/report-clusters/${cluster.women}`, { version: women.version })).statusCode).toBe(204);
    const education = (await list())[0];
    expect((await api('DELETE', `/api/v1/report-clusters/${cluster.education}`, { version: education.version, move_to: 987654 })).statusCode).toBe(404);
    await api('POST', '/api/v1/report-clusters/release', { recommendation_ids: [ids['demo-003'], ids['demo-004']] });
    expect((await api('DELETE', `/api/v1/report-clusters/${cluster.education}`, { version: education.version })).statusCode).toBe(204);
    expect(await audits('delete')).toBe(3);

    const report = (await api('POST', '/api/v1/reports', {
      template: 'custom', title: 'Por temas', language: 'es', grouping: 'cluster', recommendation_ids: [ids['demo-003'], ids['demo-009']],
    })).json();
    expect(report.cluster_source).toBe('theme');
    expect(report.sections.map((s: { group_heading: string }) => s.group_heading)).toEqual(['Condiciones de detención', 'Derecho a la educación']);
  });
});
