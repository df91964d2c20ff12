import './test/node20.ts';
import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium with the built extension (`npm run build:e2e` first). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One browser at a time: these machines have two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
