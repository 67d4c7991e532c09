import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { resetPeople } from '../../test/people';
import { forgetLabelMaps } from '../../modules/taxonomies/taxonomies.repository';
import { seedDemoData } from './demo';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await resetCatalogue(t.db);
  await resetPeople(t.db);
  await t.db.pool.query('truncate reporting_round');
  forgetLabelMaps();
});
afterAll(async () => t.close());

const count = async (table: string) => Number((await t.db.pool.query(`select count(*) from ${table}`)).rows[0].count);

describe('demo data', () => {
  it('fills a fresh instance with recommendations, people and follow-up work that the API shows, once', async () => {
    await seedDemoData(t.db.pool);
    expect(await count('recommendation')).toBe(45);
    expect(await count('assignment')).toBe(6);
    expect(await count('reporting_round')).toBe(1);

    // The public sees the published report on its recommendation, with its evidence, the status and the indicator.
    const { rows } = await t.db.pool.query(`select recommendation_id from recommendation_external_id where value = 'demo-003'`);
    const id = rows[0].recommendation_id;
    const actions = (await t.app.inject({ method: 'GET', url: `/api/v1/actions?recommendation_id=${id}&locale=en` })).json();
    expect(actions.items).toHaveLength(1);
    expect(actions.items[0]).toMatchObject({ state: 'published', title: 'Scholarship programme for Indigenous and rural students', progress: 45 });
    expect(actions.items[0].evidence).toHaveLength(1);
    const status = (await t.app.inject({ method: 'GET', url: `/api/v1/recommendations/${id}/status` })).json();
    expect(status.current.government.status.key).toBe('in_progress');
    const indicators = (await t.app.inject({ method: 'GET', url: `/api/v1/indicators?recommendation_id=${id}` })).json();
    expect(indicators.items[0].latest).toMatchObject({ value: 66.4 });
    // The draft stays with its authors.
    expect(await count(`action_report where state = 'draft'`)).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/actions' })).json().total).toBe(1);

    await seedDemoData(t.db.pool);
    expect(await count('assignment')).toBe(6);
    expect(await count('action_report')).toBe(2);
  });
});
