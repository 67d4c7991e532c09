import { defineConfig } from 'vitest/config';

// Browser tests against the real server: `npx vitest run --config e2e/vitest.config.ts`.
// The front end's pure-logic unit tests run with the main suite (root vitest.config.ts).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['./e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
    // expect.poll waits for the page to reach a state (a chunk loaded, an answer drawn): a busy machine takes longer
    // than vitest's 1 s default, and a poll that gives up early fails a test for the machine's speed, not the app's.
    expect: { poll: { timeout: 10_000 } },
  },
});
