/**
 * `npm start` with INSTANCE_ROLE=hub on an empty data directory (in process): the hub's own demo
 * data (real ISO States, fictitious people, marked demo), a login printed per hub role, and the
 * Network's routes answering.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HUB_DEMO_LOGINS } from '../../db/seeds/hub-demo';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { readConfig } from '../../platform/config';
import { startServer, type RunningServer } from '../../start';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-hub-start-'));
let server: RunningServer | null = null;
afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('a hub started on an empty data directory', () => {
  it('loads the demo of the Network, prints a login per hub role, and answers the Network routes', async () => {
    const port = await freePort();
    const printed: string[] = [];
    // The embedded database in a fresh directory, whatever database the test run uses.
    const config = readConfig({ DATA_DIR: path.join(tmp, 'data'), PORT: String(port), INSTANCE_ROLE: 'hub', SEED_DEMO: 'true', LOG_LEVEL: 'silent' });
    server = await startServer(config, { print: (line) => printed.push(line), webDist: '/nonexistent' });
    const base = `http://127.0.0.1:${port}`;
    const console = printed.join('\n');
    expect(console).toContain('hub of the International Network of NMIRFs (INSTANCE_ROLE=hub)');
    expect(console).toContain(`demo logins (password for all: ${DEMO_PASSWORD}; demo data only, never on a real instance)`);
    for (const login of HUB_DEMO_LOGINS) expect(console).toContain(login.email);
    expect(console).not.toContain('secretariat@demo.example.org '); // the national demo is not loaded

    const states = (await (await fetch(`${base}/api/v1/network/states?locale=en`)).json()).items;
    expect(states.map((state: { iso3: string }) => state.iso3)).toEqual(['CRI', 'ECU', 'GEO', 'MAR', 'PHL', 'PRT', 'PRY', 'SEN']);
    expect(states.find((state: { iso3: string }) => state.iso3 === 'PRY')).toMatchObject({ name: 'Paraguay', status: 'member', founding: true });
    for (const state of states) if (state.status === 'member') expect(state.nmirf_name.en).toMatch(/\((demo|démo)\)$/);
    const committee = (await (await fetch(`${base}/api/v1/network/committee`)).json()).items;
    expect(committee).toMatchObject([{ coordinator: 'PRY', state: 'active' }]);
    expect(committee[0].seats.map((seat: { iso3: string }) => seat.iso3)).toEqual(['PRY', 'MAR', 'PRT']);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'focal.pry@demo.example.org', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const meetings = await fetch(`${base}/api/v1/network/meetings`, { headers: { cookie: String(login.headers.get('set-cookie')).split(';')[0] } });
    expect((await meetings.json()).items).toHaveLength(2); // the planned one too, for a member's focal point
    expect((await (await fetch(`${base}/api/v1/network/meetings`)).json()).items).toHaveLength(1); // the public: the agenda sent
    // The knowledge hub's demo: two practices published (one waits for moderation), found across languages; an open request.
    const hubSearch = await (await fetch(`${base}/api/v1/network/hub/resources?q=education`)).json();
    expect(hubSearch.items.map((item: { title: string }) => item.title)).toEqual(['Educación de los puntos focales en el seguimiento de recomendaciones (demo)']);
    expect((await (await fetch(`${base}/api/v1/network/hub/resources`)).json()).total).toBe(2);
    expect((await (await fetch(`${base}/api/v1/network/cooperation?status=open`)).json()).items).toMatchObject([{ iso3: 'PRY', kind: 'request' }]);
  }, 180_000);
});
