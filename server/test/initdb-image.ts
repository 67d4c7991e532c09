/**
 * The test runs make many new embedded databases (the run's own, fresh targets for restores, data
 * directories for the commands and `npm start`); initdb costs seconds of WebAssembly each time. The
 * first new database of the machine writes what initdb made to a tarball; the others, in every
 * process the run starts (they inherit the environment), are unpacked from it (see embedded-server.ts).
 * Named by PGlite's version: a new version makes a new image. EMBEDDED_INITDB_IMAGE= (empty) runs initdb each time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const pglitePackage = path.resolve(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json');

export function startFromInitdbImage(): void {
  const { version } = JSON.parse(fs.readFileSync(pglitePackage, 'utf8')) as { version: string };
  process.env.EMBEDDED_INITDB_IMAGE ??= path.join(os.tmpdir(), `open-nmirf-initdb-pglite-${version}.tar`);
}
