import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two suites: `unit` (in-process tests of src/, seconds) and `e2e` (the built entry points as
 * processes against the sandbox over loopback). Concurrency is bounded by the cores, and no
 * timeout is shorter than what a scenario may legitimately take on a loaded machine: the
 * CLI's own deadline is 60 s by default, and the harness's hang guard (test/e2e/run.ts) is
 * longer still.
 */
const cores = availableParallelism();

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: cores,
    // Concurrent tests inside one file (test.concurrent) run at most this many at a time.
    maxConcurrency: cores,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/*.test.ts'],
          testTimeout: 60_000,
          // In-process tests share a worker's module cache: most of a file's time was importing src/.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
