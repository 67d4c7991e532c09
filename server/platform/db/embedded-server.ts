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
 */
import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { ProtocolQueue } from './embedded-queue';

const dataDir = process.argv[2]; // a directory, or "memory://" for a throw-away database
const port = Number(process.argv[3] ?? 0);

async function main() {
  const db = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir, {
    extensions: { unaccent, pg_trgm },
  });
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

main().catch((error) => {
  process.stderr.write(`embedded database failed to start: ${error?.message ?? error}\n`);
  process.exit(1);
});
