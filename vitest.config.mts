import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/vscode/**', 'node_modules/**'],
    testTimeout: 30000,
    hookTimeout: 60000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
