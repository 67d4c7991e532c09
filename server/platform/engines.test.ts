/**
 * The README promises Node.js 20.19: every package the lockfile installs must
 * accept it (npm warns EBADENGINE otherwise, and such a package may use what
 * Node 20 lacks).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// semver comes with npm's own dependency tree (no types of its own here).
const semver = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string, options?: object): boolean };
const OLDEST_NODE = '20.19.0';

describe('installed packages', () => {
  it(`all accept Node.js ${OLDEST_NODE}, the oldest the README promises`, () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain('Needs Node.js 20.19 or newer');
    const project = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(semver.satisfies(OLDEST_NODE, project.engines.node)).toBe(true);
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const refusing = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } | string[] }>)
      .filter(([location, pkg]) => location && pkg.engines && !Array.isArray(pkg.engines) && pkg.engines.node
        && !semver.satisfies(OLDEST_NODE, pkg.engines.node, { includePrerelease: true }))
      .map(([location, pkg]) => `${location.replace(/^.*node_modules\//, '')}@${pkg.version} wants node ${(pkg.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
