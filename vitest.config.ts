import { defineConfig } from 'vitest/config';

/**
 * One run for the whole repo. The global setup starts one PostgreSQL (embedded,
 * or the server in DATABASE_URL), makes a fresh database with every subgraph's
 * migrations, and drops it at the end. Tests isolate themselves by tenant.
 */
export default defineConfig({
  test: {
    include: [
      'subgraphs/*/src/**/*.test.ts',
      'subgraphs/*/test/**/*.test.ts',
      'gateway/test/**/*.test.ts',
      'schema/test/**/*.test.ts',
      'integration/**/*.test.ts',
      'integration/**/*.test.tsx',
      'web/src/**/*.test.ts',
      'web/src/**/*.test.tsx',
    ],
    globalSetup: ['./scripts/test-database.ts'],
    testTimeout: 30_000,
    // Integration files start whole systems (five processes); a busy CI machine can take minutes.
    hookTimeout: 240_000,
    maxWorkers: 2,
  },
});
