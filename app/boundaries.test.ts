/**
 * The web app talks to the server only over HTTP: no file under app/ imports
 * from server/ (not even types). Contracts both sides use live in shared/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const appDir = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(appDir, '..', 'server');

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

describe('app/ boundaries', () => {
  it('finds the specifiers it looks for', () => {
    expect(specifiers(`import type { A } from '../../server/x';\nexport { b } from "./b";\nconst c = import('../c');\nimport './styles.css';`))
      .toEqual(['../../server/x', './b', '../c', './styles.css']);
  });

  it('no file imports from server/', () => {
    const offending = sourceFiles(appDir).flatMap((file) => specifiers(fs.readFileSync(file, 'utf8'))
      .filter((specifier) => specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(serverDir + path.sep))
      .map((specifier) => `${path.relative(appDir, file)}: ${specifier}`));
    expect(offending).toEqual([]);
  });
});
