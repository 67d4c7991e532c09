/**
 * The web app talks to the server only over HTTP: no file under app/ imports
 * from server/ (not even types). Contracts both sides use live in shared/;
 * the app imports them as types, and at run time only shared modules without
 * zod (zod would weigh on every page). Cache keys come from api/query-keys.ts.
 * A feature (app/features/<name>/) imports from api/, components/, lib/ and layout/, never from another feature;
 * the shared building blocks never import a feature.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const appDir = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(appDir, '..', 'server');
const sharedDir = path.resolve(appDir, '..', 'shared');
const featuresDir = path.join(appDir, 'features');

/**
 * Sections still drawn by another feature's page, each imported once: the recommendation page's sections of
 * indicators, plans, obligations, institutions and participation, the workspace home's open rounds, the action
 * form's planned activity, the activity page's chain buttons, and the assignment form the search and recommendation
 * pages load when a secretariat member opens it. To be moved into the shared blocks or composed by
 * the router; this list may only shrink.
 */
const SECTIONS_STILL_CROSSING = [
  'features/plans/ActivityPage.tsx → features/workspace/ActionPage',
  'features/recommendations/RecommendationPage.tsx → features/indicators/LinkedIndicators',
  'features/recommendations/RecommendationPage.tsx → features/obligations/FollowUp',
  'features/recommendations/RecommendationPage.tsx → features/participation/CivilSociety',
  'features/recommendations/RecommendationPage.tsx → features/plans/PlannedActivities',
  'features/recommendations/RecommendationPage.tsx → features/portal/ResponsibleInstitutions',
  'features/recommendations/RecommendationPage.tsx → features/workspace/AssignForm',
  'features/recommendations/SearchPage.tsx → features/workspace/AssignForm',
  'features/workspace/ActionFormPage.tsx → features/plans/PlanActivityField',
  'features/workspace/WorkspacePage.tsx → features/rounds/OpenRounds',
];

/** The feature a file belongs to ("network" for features/network/HubPage.tsx), or null outside features/. */
function featureOf(file: string): string | null {
  const relative = path.relative(featuresDir, file);
  return relative.startsWith('..') ? null : relative.split(path.sep)[0];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier of a file: static imports and exports, dynamic imports. */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
    found.push(match[1] ?? match[2] ?? match[3]);
  }
  return found;
}

/** The specifiers a file needs at run time: `import type` and `export type` left out. */
export function runtimeSpecifiers(source: string): string[] {
  return specifiers(source.replace(/(?:^|\n)\s*(?:import|export)\s+type\b[^;]*;/g, '\n'));
}

/** A relative specifier as a file: `x` may stand for x.ts, x.tsx or x/index.ts. */
function resolveModule(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The chain of run-time imports by which `file` reaches zod, or null when it does not. */
function zodPath(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file) || !/\.tsx?$/.test(file)) return null;
  seen.add(file);
  for (const specifier of runtimeSpecifiers(fs.readFileSync(file, 'utf8'))) {
    if (specifier === 'zod' || specifier.startsWith('zod/')) return [path.relative(appDir, file), specifier];
    if (!specifier.startsWith('.')) continue;
    const next = resolveModule(file, specifier);
    const chain = next && zodPath(next, seen);
    if (chain) return [path.relative(appDir, file), ...chain];
  }
  return null;
}

describe('app/ boundaries', () => {
  it('finds the specifiers it looks for', () => {
    // The server path is assembled, so that this sample is not itself an import of server/ to a text search.
    const serverModule = ['..', '..', 'server', 'x'].join('/');
    expect(specifiers(`import type { A } from '${serverModule}';\nexport { b } from "./b";\nconst c = import('../c');\nimport './styles.css';`))
      .toEqual([serverModule, './b', '../c', './styles.css']);
  });

  it('no file imports from server/', () => {
    const offending = sourceFiles(appDir).flatMap((file) => specifiers(fs.readFileSync(file, 'utf8'))
      .filter((specifier) => specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(serverDir + path.sep))
      .map((specifier) => `${path.relative(appDir, file)}: ${specifier}`));
    expect(offending).toEqual([]);
  });

  it('tells run-time imports from type-only ones', () => {
    expect(runtimeSpecifiers(`import type { A } from './a';\nimport { b } from './b';\nexport type { C } from './c';\nimport type {\n  D,\n} from './d';`))
      .toEqual(['./b']);
  });

  it('reaches zod at run time through no shared module', () => {
    const offending = sourceFiles(appDir).filter((file) => !file.endsWith('.test.ts')).flatMap((file) => runtimeSpecifiers(fs.readFileSync(file, 'utf8'))
      .filter((specifier) => specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(sharedDir + path.sep))
      .map((specifier) => zodPath(resolveModule(file, specifier) ?? ''))
      .filter((chain): chain is string[] => chain !== null)
      .map((chain) => `${path.relative(appDir, file)} → ${chain.join(' → ')}`));
    expect(offending).toEqual([]);
  });

  it('writes cache keys only in api/query-keys.ts', () => {
    const offending = sourceFiles(appDir)
      .filter((file) => !file.endsWith('.test.ts') && !file.endsWith(path.join('api', 'query-keys.ts')))
      .filter((file) => /(?:queryKey:\s*\[|QueryData(?:<[^>]*>)?\(\s*\[)/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(appDir, file));
    expect(offending).toEqual([]);
  });

  it('a feature imports no other feature, and the shared blocks import no feature', () => {
    const crossings = sourceFiles(appDir).filter((file) => !/\.test\.tsx?$/.test(file)).flatMap((file) => specifiers(fs.readFileSync(file, 'utf8'))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => path.resolve(path.dirname(file), specifier))
      .filter((target) => {
        const to = featureOf(target);
        if (to === null) return false;
        const from = featureOf(file);
        return from === null ? !file.endsWith(`${path.sep}router.tsx`) : from !== to;
      })
      .map((target) => `${path.relative(appDir, file)} → ${path.relative(appDir, target)}`));
    expect(crossings.sort()).toEqual(SECTIONS_STILL_CROSSING);
  });
});
