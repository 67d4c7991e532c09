/** Every UN regional group of the reference data reads in the reader's language on the Network's pages. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { groupLabel } from './labels';

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
