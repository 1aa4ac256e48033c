import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI and talk to the sandbox over loopback.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
