import { defineConfig } from 'vitest/config';

const apiFiles = ['server/src/**/*.routes.test.ts', 'db/src/**/*.db.test.ts'];
const pgUrl = process.env.DATABASE_URL;

/**
 * Test tiers (ARCHITECTURE.md "Tests"):
 * - unit: pure code, no database;
 * - api-pglite: the API suite on fresh in-memory PGlite databases;
 * - api-pg: the same suite on fresh databases of the PostgreSQL server in DATABASE_URL (only when set);
 * - e2e: Playwright journeys in Debian's Chromium against the built app (scripts/test.mjs decides).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.unit.test.ts', 'db/src/**/*.unit.test.ts', 'web/src/**/*.unit.test.ts'],
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'api-pglite',
          include: apiFiles,
          env: { TZ: 'UTC' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(pgUrl
        ? [
            {
              test: {
                name: 'api-pg',
                include: apiFiles,
                env: { TZ: 'UTC', TEST_DATABASE_URL: pgUrl },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
