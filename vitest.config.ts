import { defineConfig } from 'vitest/config';
import SummaryLineReporter from './vitest.summary-reporter.ts';

export default defineConfig({
  test: {
    include: ['{server,db,migrations,bin,fixtures,bench}/**/*.test.ts', 'web/tests/**/*.test.ts'],
    globalSetup: ['web/tests/global-setup.ts'],
    reporters: ['default', new SummaryLineReporter()],
    // Browser tests share one Chromium binary unpacked to /tmp; two workers match the 2-core target machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
