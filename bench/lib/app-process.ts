/**
 * The real application server as a separate process for the load benchmark
 * (started as the browser tests start it, e2e/server.ts, without the web
 * build step), optionally pinned to CPU cores with `taskset`, and the CPU time
 * it and its children (the embedded database runs in a child process) have
 * used, read from /proc.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { startServer } from '../../e2e/server';

export interface Pinning {
  applied: boolean;
  /** Cores of the server (and the processes it starts), and of this process (load generator and writer). */
  server_cores: string | null;
  load_generator_cores: string | null;
  note: string;
}

/** Server on core 0, this process on the others, when `taskset` exists and the machine has two cores or more. */
export function planPinning(cpus: number): Pinning {
  const taskset = spawnSync('taskset', ['--version'], { encoding: 'utf8' });
  if (taskset.error || taskset.status !== 0) return { applied: false, server_cores: null, load_generator_cores: null, note: 'taskset not found: nothing pinned' };
  if (cpus < 2) return { applied: false, server_cores: null, load_generator_cores: null, note: 'one core: nothing pinned' };
  const others = cpus === 2 ? '1' : `1-${cpus - 1}`;
  const self = spawnSync('taskset', ['-a', '-c', '-p', others, String(process.pid)], { encoding: 'utf8' });
  if (self.status !== 0) return { applied: false, server_cores: null, load_generator_cores: null, note: `taskset failed: ${self.stderr.trim()}` };
  return {
    applied: true, server_cores: '0', load_generator_cores: others,
    note: 'the app server and its children (the embedded database) on core 0, the load generator and the writer on the others; PostgreSQL itself is not pinned',
  };
}

export interface AppProcess {
  baseUrl: string;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** The server as `npm start` runs it (without the web build), on the benchmark's database, pinned as planned. */
export async function startApp(env: Record<string, string>, pinning: Pinning, timeoutMs = 300_000): Promise<AppProcess> {
  const server = await startServer({
    env: { ...env, LOG_LEVEL: 'warn', SEED_DEMO: 'false', NODE_ENV: 'production' },
    prefix: pinning.applied ? ['taskset', '-c', pinning.server_cores!] : [],
    webBuild: false,
    timeoutMs,
  });
  return { baseUrl: server.baseUrl, pid: server.processGroup!, output: server.output, stop: server.stop };
}

const clockTicks = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(result.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** utime + stime of one process in milliseconds, null when it is gone or /proc is unreadable. */
function cpuOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks; // 14th and 15th fields
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The process and every live descendant. */
export function processTree(root: number): number[] {
  const pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const walk = (pid: number) => { tree.push(pid); for (const child of children.get(pid) ?? []) walk(child); };
  walk(root);
  return tree;
}

/** CPU milliseconds used so far by each of these processes (those still alive). */
export function cpuSnapshot(pids: number[]): Map<number, number> {
  const snapshot = new Map<number, number>();
  for (const pid of pids) {
    const ms = cpuOf(pid);
    if (ms !== null) snapshot.set(pid, ms);
  }
  return snapshot;
}

/** CPU milliseconds used between two snapshots; a process that appeared counts from zero. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

export const procAvailable = () => fs.existsSync('/proc/self/stat');
