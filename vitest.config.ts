import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'sim-core/**/*.test.ts',
      'renderer/**/*.test.ts',
      'renderer/**/*.test.tsx',
      'electron/**/*.test.ts',
    ],
    testTimeout: 60_000,
  },
});
