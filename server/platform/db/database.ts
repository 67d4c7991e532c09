/**
 * The one way to reach the database: a `pg` pool, either to DATABASE_URL or to
 * the embedded PGlite served by a child process (see embedded-server.ts).
 *
 * Only one process may own an embedded data directory. The owner creates
 * `<dataDir>/embedded.json` (exclusively) with its pid, then its database's
 * port; any other process that needs the same directory (the importer while
 * the server runs, say) attaches to that port instead of opening the files a
 * second time. A server refuses to start on a directory another process
 * holds (`owner`), naming that process. A lock left by a process that died
 * is taken over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// Dates stay strings (YYYY-MM-DD): a date has no time zone to shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint ids and counts fit comfortably in a JS number at our scale.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface Database {
  pool: pg.Pool;
  kind: 'embedded' | 'postgres';
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string | null;
  /** Embedded data directory, or 'memory://' for a throw-away database. */
  dataDir: string;
  poolSize?: number;
  /**
   * The process must own the embedded data directory (the server): it refuses
   * to start while another live process holds it. Without this, a process
   * attaches to the holder's database (the importer while the server runs).
   */
  owner?: boolean;
}

/** The embedded data directory is held by another live process. */
export class DataDirInUse extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`${dataDir} is in use by process ${pid} (another Open NMIRF server or an import): stop it first, or set another DATA_DIR`);
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = withErrorLogging(new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // JIT compilation costs more than it saves on our short facet queries
      // (measured: about 1 s of a 2.3 s landing query at 300k records).
      options: '-c jit=off',
    }));
    await pool.query('select 1');
    return { pool, kind: 'postgres', close: () => pool.end() };
  }
  if (options.dataDir === 'memory://') return ownEmbedded('memory://', null, options.poolSize);

  fs.mkdirSync(options.dataDir, { recursive: true });
  const lockFile = path.join(options.dataDir, 'embedded.json');
  const holder = await lockDataDir(lockFile);
  if (holder) {
    if (options.owner) throw new DataDirInUse(options.dataDir, holder.pid);
    const port = holder.port ?? (await portOnceStarted(lockFile, holder));
    const pool = embeddedPool(port, options.poolSize);
    await pool.query('select 1');
    return { pool, kind: 'embedded', close: () => pool.end() };
  }
  try {
    return await ownEmbedded(path.join(options.dataDir, 'pg'), lockFile, options.poolSize);
  } catch (error) {
    releaseLock(lockFile);
    throw error;
  }
}

async function ownEmbedded(pgDir: string, lockFile: string | null, poolSize?: number): Promise<Database> {
  const { child, port } = await startEmbeddedServer(pgDir);
  if (lockFile) writeLock(lockFile, { pid: process.pid, port, childPid: child.pid });
  const pool = embeddedPool(port, poolSize);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await pool.end();
    await stopChild(child);
    if (lockFile) releaseLock(lockFile);
  };
  return { pool, kind: 'embedded', close };
}

function embeddedPool(port: number, size = 4): pg.Pool {
  // PGlite runs one query at a time; a few connections let short queries queue
  // in the socket server rather than in the pool.
  return withErrorLogging(new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: size }));
}

/** An idle connection that drops (database restart) must not crash the process; the next query reconnects. */
function withErrorLogging(pool: pg.Pool): pg.Pool {
  pool.on('error', (error) => process.stderr.write(`database connection lost: ${error.message}\n`));
  return pool;
}

/**
 * The lock file: `{pid}` while the holder starts its embedded database, then
 * `{pid, port, childPid}`. It is created exclusively, so of two processes
 * starting at once only one owns the directory.
 */
interface Owner { pid: number; port?: number; childPid?: number }

const STARTING_GRACE_MS = 60_000;
const CHILD_EXIT_WAIT_MS = 20_000;

/**
 * Takes the directory's lock for this process (null), or answers the live
 * process that holds it. A lock left by a process that died (its pid gone, or
 * its database port no longer answering: the pid was reused) is removed,
 * once the database process it left behind has exited.
 */
async function lockDataDir(lockFile: string): Promise<Owner | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid }), { flag: 'wx' });
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = readLockText(lockFile);
    if (text === null) continue; // removed meanwhile: try again
    const owner = parseOwner(text);
    if (owner && await holds(owner, lockFile, text)) return owner;
    if (owner?.childPid && pidAlive(owner.childPid) && owner.port) {
      // The holder died; its database process exits when it notices (stdin closed). Never open the files while it runs.
      const gone = await waitFor(async () => !pidAlive(owner.childPid!) || !(await portAnswers(owner.port!)), CHILD_EXIT_WAIT_MS);
      if (!gone) throw new DataDirInUse(path.dirname(lockFile), owner.childPid);
    }
    if (readLockText(lockFile) === text) fs.rmSync(lockFile, { force: true });
  }
  throw new Error(`could not lock ${lockFile}`);
}

/** Whether the process named in the lock still holds the directory. */
async function holds(owner: Owner, lockFile: string, text: string): Promise<boolean> {
  if (!pidAlive(owner.pid)) return false;
  if (owner.port) return portAnswers(owner.port);
  // Still starting its database: give it time, then count it as gone if the lock never changed.
  const settled = await waitFor(async () => readLockText(lockFile) !== text || !pidAlive(owner.pid), STARTING_GRACE_MS);
  if (!settled) return false;
  const now = readLockText(lockFile);
  const next = now === null ? null : parseOwner(now);
  return next !== null && next.pid === owner.pid && pidAlive(owner.pid) && (!next.port || await portAnswers(next.port));
}

async function portOnceStarted(lockFile: string, holder: Owner): Promise<number> {
  const owner = parseOwner(readLockText(lockFile) ?? '');
  if (owner?.pid === holder.pid && owner.port) return owner.port;
  throw new Error(`${path.dirname(lockFile)}: process ${holder.pid} holds the directory but its database did not start`);
}

function readLockText(lockFile: string): string | null {
  try {
    return fs.readFileSync(lockFile, 'utf8');
  } catch {
    return null;
  }
}

function parseOwner(text: string): Owner | null {
  try {
    const owner = JSON.parse(text) as Owner;
    return Number.isInteger(owner?.pid) && owner.pid > 0 ? owner : null;
  } catch {
    return null; // half-written or damaged: nobody can be reached through it
  }
}

/** Replaced in one step, so a reader never sees half a file. */
function writeLock(lockFile: string, owner: Owner) {
  const temporary = `${lockFile}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(owner));
  fs.renameSync(temporary, lockFile);
}

function releaseLock(lockFile: string) {
  if (parseOwner(readLockText(lockFile) ?? '')?.pid === process.pid) fs.rmSync(lockFile, { force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (answer: boolean) => { socket.destroy(); resolve(answer); };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function startEmbeddedServer(pgDir: string): Promise<{ child: ChildProcess; port: number }> {
  const script = path.join(here, 'embedded-server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, pgDir, '0'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += String(chunk); });
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk) => {
      buffered += String(chunk);
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        try {
          resolve(JSON.parse(buffered.slice(0, newline)).port);
        } catch (error) {
          reject(error);
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`embedded database exited (${code}): ${stderr.trim()}`)));
  });
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();
  return { child, port };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/**
 * Runs `work` in one transaction; rolls back on any error. `begin` may name
 * the transaction's mode (e.g. `begin isolation level repeatable read read only`).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'begin'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
