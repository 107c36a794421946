// The browser journeys (npm run test:e2e): one stack (lib/global-setup.ts: one chain with Curia
// deployed, one Chromium) that every file reverts to its fresh deployment, so the files run one at
// a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/lib/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
