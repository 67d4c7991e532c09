/**
 * Starts the real application server for the browser tests: builds the web
 * app when `dist/app` is missing or older than its sources, then runs
 * `server/main.ts` on a free port with a throw-away data directory, waits for
 * /api/health, and stops it (with its child processes) afterwards.
 *
 * Set E2E_BASE_URL to test an already running server instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST_INDEX = path.join(ROOT, 'dist/app/index.html');
const WEB_SOURCES = ['app', 'shared/i18n', 'vite.config.ts'];

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  /** The server's process group (its processes: tsx, node, the embedded database); undefined for E2E_BASE_URL. */
  processGroup?: number;
  /** Its DATA_DIR (the embedded database), for commands run beside it; undefined for E2E_BASE_URL. */
  dataDir?: string;
  stop: () => Promise<void>;
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the web app unless dist/app is present and newer than every source file. */
export function ensureWebBuild(): void {
  const built = fs.statSync(DIST_INDEX, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...WEB_SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (built > sources && process.env.E2E_REBUILD !== '1') return;
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: ROOT,
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    stdio: 'pipe',
  });
  if (result.status !== 0) {
    throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not healthy after ${timeoutMs / 1000} s:\n${output()}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole process group: tsx, node and the embedded database
  } catch {
    // already gone
  }
}

export interface StartOptions {
  timeoutMs?: number;
  /** Settings on top of the defaults (a throw-away DATA_DIR, a free port, LOG_LEVEL=warn): a benchmark's database, say. */
  env?: Record<string, string>;
  /** A command the server runs under, e.g. `['taskset', '-c', '0']` to pin it to a core. */
  prefix?: string[];
  /** Build the web app first when it is out of date (the browser tests need it; the API alone does not). */
  webBuild?: boolean;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  if (process.env.E2E_BASE_URL) {
    const baseUrl = process.env.E2E_BASE_URL.replace(/\/$/, '');
    return { baseUrl, output: () => '', stop: async () => {} };
  }
  if (options.webBuild ?? true) ensureWebBuild();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-nmirf-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const [command, ...args] = [...(options.prefix ?? []), process.execPath, path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() reaches its children too
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    if (!stopping) {
      // Later tests will fail to connect: say why, once, where the test output shows it.
      console.error(`[e2e] the server at ${baseUrl} exited unexpectedly (${code ?? signal}); its output:\n${log}`);
    }
    resolve();
  }));

  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    killGroup(child, 'SIGKILL'); // anything left in the group
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, () => log, options.timeoutMs ?? 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output: () => log, stop, processGroup: child.pid, dataDir };
}
