import './test/node20.ts';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // biome-ignore lint/suspicious/noExplicitAny: WXT ships its own Vite; the plugin's types name that copy.
  plugins: [WxtVitest() as any],
  define: { __LEADLINE_E2E__: 'false' },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
  },
});
