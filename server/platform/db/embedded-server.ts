/**
 * Child process that owns the embedded PostgreSQL (PGlite) data directory and
 * exposes it over the PostgreSQL wire protocol on loopback.
 *
 * Why a child process: PGlite runs queries synchronously on the thread that
 * owns it, so in-process use would freeze the HTTP server for the duration of
 * every query. Behind a socket, the app uses the plain `pg` driver for both the
 * embedded and the production database: one driver path, one set of SQL.
 *
 * Protocol with the parent: prints one JSON line `{"ready":true,"port":N}` on
 * stdout once listening; exits when stdin closes (the parent died) or on SIGTERM.
 */
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dataDir = process.argv[2]; // a directory, or "memory://" for a throw-away database
const port = Number(process.argv[3] ?? 0);

async function main() {
  const db = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir, {
    extensions: { unaccent, pg_trgm },
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 64 });
  await server.start();
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  process.stdout.write(JSON.stringify({ ready: true, port: address.port }) + '\n');

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      await server.stop();
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
