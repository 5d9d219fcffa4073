import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Integration and browser tests start real processes (workers, `mlf serve`, Chromium).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
