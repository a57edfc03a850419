import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'rules/**/*.test.ts', 'examples/*/test/**/*.test.js'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    // Test files share a worker's module graph instead of importing the sources afresh each: the
    // suite runs in about half the time (CI has 10 minutes). Tests keep no state in modules they
    // do not reset themselves; lint() re-reads configuration on every call.
    isolate: false,
  },
});
