/**
 * Child process that owns the embedded PostgreSQL (PGlite) data directory and
 * exposes it over the PostgreSQL wire protocol on loopback.
 *
 * Why a child process: PGlite runs queries synchronously on the thread that
 * owns it, so in-process use would freeze the HTTP server for the duration of
 * every query. Behind a socket, the app uses the plain `pg` driver for both the
 * embedded and the production database: one driver path, one set of SQL.
 *
 * Connections are handled by pglite-socket's protocol handler, queued by our
 * ProtocolQueue (see embedded-queue.ts for why not pglite-socket's own).
 *
 * Protocol with the parent: prints one JSON line `{"ready":true,"port":N}` on
 * stdout once listening; exits when stdin closes (the parent died) or on SIGTERM.
 *
 * EMBEDDED_INITDB_IMAGE (set by the test runs, see server/test/global-setup.ts)
 * names a tarball of what initdb makes: a new database is unpacked from it
 * instead of running initdb again (seconds each time in WebAssembly); when the
 * file does not exist yet, the first new database writes it, before any query.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { ProtocolQueue } from './embedded-queue';

const dataDir = process.argv[2]; // a directory, or "memory://" for a throw-away database
const port = Number(process.argv[3] ?? 0);

async function main() {
  const image = process.env.EMBEDDED_INITDB_IMAGE || null;
  const isNew = dataDir === 'memory://' || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const fromImage = image && isNew && fs.existsSync(image) ? new Blob([fs.readFileSync(image)]) : undefined;
  const db = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir, {
    extensions: { unaccent, pg_trgm },
    loadDataDir: fromImage,
  });
  if (image && isNew && !fromImage) await writeInitdbImage(db, image);
  const queue = new ProtocolQueue(db);
  const server = net.createServer((socket) => {
    // Our queue has the interface of pglite-socket's (enqueue, clearQueueForHandler, clearTransactionIfNeeded).
    const queryQueue = queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'];
    const handler = new PGLiteSocketHandler({ closeOnDetach: true, queryQueue });
    handler.attach(socket).catch(() => socket.destroy());
  });
  server.maxConnections = 64;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  process.stdout.write(JSON.stringify({ ready: true, port: address.port }) + '\n');

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      server.close();
      await db.close(); // flushes the data directory
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}

/** The fresh database as a tarball, written under a temporary name and renamed, so no process reads half of it. */
async function writeInitdbImage(db: PGlite, image: string) {
  const partial = `${image}.${process.pid}.partial`;
  fs.writeFileSync(partial, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
  fs.renameSync(partial, image);
}

main().catch((error) => {
  process.stderr.write(`embedded database failed to start: ${error?.message ?? error}\n`);
  process.exit(1);
});
