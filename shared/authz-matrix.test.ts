import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authzMatrixMarkdown } from './authz-matrix';

describe('docs/authz-matrix.md', () => {
  it('is the matrix generated from the permissions table (run npm run docs:authz)', () => {
    const committed = fs.readFileSync(new URL('../docs/authz-matrix.md', import.meta.url), 'utf8');
    expect(committed).toBe(authzMatrixMarkdown());
  });
});
