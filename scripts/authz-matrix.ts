/** npm run docs:authz — rewrites docs/authz-matrix.md from shared/permissions.ts. */
import fs from 'node:fs';
import { authzMatrixMarkdown } from '../shared/authz-matrix';

fs.writeFileSync(new URL('../docs/authz-matrix.md', import.meta.url), authzMatrixMarkdown());
console.log('docs/authz-matrix.md written');
