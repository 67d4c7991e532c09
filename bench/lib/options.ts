/**
 * Command-line options of the benchmarks: `--name=value` or `--flag`, each
 * with an environment variable that stands in for it (flags win).
 */
export interface BenchOptions {
  /** A yes/no option: `--quick` or `BENCH_QUICK=1`. */
  flag(name: string, env: string): boolean;
  /** A whole number at least `min`, or `fallback` when not given. */
  int(name: string, env: string, fallback: number, min?: number): number;
  /** `--only=pg|embedded`: one backend, or null for both. */
  only(): 'pg' | 'embedded' | null;
}

export function readBenchOptions(allowed: readonly string[] | null = null, argv = process.argv.slice(2)): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || (allowed && !allowed.includes(m[1]))) throw new Error(`unknown argument ${arg}`);
    flags.set(m[1], m[2] ?? 'true');
  }
  const value = (name: string, env: string) => flags.get(name) ?? process.env[env];
  return {
    flag: (name, env) => ['1', 'true'].includes(value(name, env) ?? ''),
    int: (name, env, fallback, min = 0) => {
      const raw = value(name, env);
      const n = raw === undefined ? fallback : Number(raw);
      if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got ${raw}`);
      return n;
    },
    only: () => {
      const only = value('only', 'BENCH_ONLY') ?? null;
      if (only !== null && only !== 'pg' && only !== 'embedded') throw new Error(`--only must be pg or embedded, got ${only}`);
      return only;
    },
  };
}
