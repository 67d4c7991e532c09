/** Every UN regional group of the reference data reads in the reader's language on the Network's pages. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AGREEMENT_STATUSES, COOPERATION_HELP, COOPERATION_KINDS, groupLabel, NMIRF_TYPES, RESOURCE_KINDS, SDG_GOALS, UN_REGIONAL_GROUPS } from './labels';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('regional group names', () => {
  it('has a translated name for each group the reference countries name', () => {
    const [header, ...lines] = fs.readFileSync(path.join(root, 'server/db/seeds/reference/countries.csv'), 'utf8').trim().split('\n');
    const column = header.split(',').indexOf('un_regional_group');
    const groups = new Set(lines.map((line) => line.split(',').at(column - header.split(',').length)!.trim()).filter(Boolean));
    expect(groups.size).toBeGreaterThanOrEqual(5);
    const keys = (group: string) => {
      const asked: string[] = [];
      groupLabel((key) => { asked.push(key); return key; }, group);
      return asked;
    };
    for (const group of groups) expect(keys(group), group).toEqual([expect.stringMatching(/^network\.groups\.(?!none)/)]);
  });
});

describe('the lists the forms offer', () => {
  it('are the contract\'s', async () => {
    const contract = await import('../../../shared/network/knowledge');
    expect([...RESOURCE_KINDS]).toEqual([...contract.RESOURCE_KINDS]);
    expect([...COOPERATION_KINDS]).toEqual([...contract.COOPERATION_KINDS]);
    expect([...COOPERATION_HELP]).toEqual([...contract.COOPERATION_HELP]);
    expect([...AGREEMENT_STATUSES]).toEqual([...contract.AGREEMENT_STATUSES]);
    expect(UN_REGIONAL_GROUPS).toEqual([...contract.UN_REGIONAL_GROUPS]);
    expect(SDG_GOALS).toEqual(Array.from({ length: 17 }, (_, index) => index + 1));
    expect([...NMIRF_TYPES]).toEqual([...(await import('../../../shared/network/api')).NMIRF_TYPES]);
  });
});
