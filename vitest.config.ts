import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,db,migrations,bin,fixtures,bench}/**/*.test.ts', 'web/tests/**/*.test.ts'],
    globalSetup: ['web/tests/global-setup.ts'],
    // Browser tests share one Chromium binary unpacked to /tmp; two workers match the 2-core target machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
