import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Projects: `unit` (pure logic), `db` (every database function on PGlite in-process), `devnet`
// (rpc.Server against contracts/devnet) and,
// when TEST_DATABASE_URL is set (CI always sets it), `db-postgres`: the same db suites
// against a real PostgreSQL server.
const root = path.dirname(fileURLToPath(import.meta.url));

const shared = {
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React Server Components; tests are server code.
      'server-only': path.join(root, 'tests/support/empty.ts'),
    },
  },
};

// Tests call handlers from one address far faster than any person: limits they cannot reach
// (the rate-limit tests configure their own).
const generousLimits = { RATE_LIMIT_ANONYMOUS: '1000000', RATE_LIMIT_SIGNED_IN: '1000000', RATE_LIMIT_SIGN_IN: '1000000', RATE_LIMIT_BOOKING: '1000000', RATE_LIMIT_PAYMENT: '1000000' };

const dbProject = (name: string, target: 'pglite' | 'postgres') => ({
  ...shared,
  test: {
    name,
    include: ['tests/db/**/*.test.ts'],
    environment: 'node',
    env: { DB_TARGET: target, NODE_ENV: 'test' as const, ...generousLimits },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite runs in-process and is CPU-bound; files in parallel only fight over 2 cores.
    fileParallelism: target === 'postgres',
  },
});

export default defineConfig({
  test: {
    projects: [
      // Some unit tests import route modules cold (after vi.resetModules): the app's import graph
      // takes seconds to load on a busy 2-core machine, longer than vitest's 5 s default.
      { ...shared, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000, env: { NODE_ENV: 'test' as const, ...generousLimits } } },
      dbProject('db', 'pglite'),
      // The app's chain calls against the devnet (contracts/devnet, the real Soroban host); skipped
      // with the reason until its binary and the contracts' wasm are built. `npm test` runs it
      // after the wasm build (scripts/test-all.mjs).
      { ...shared, test: { name: 'devnet', include: ['tests/devnet/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 300_000, env: { NODE_ENV: 'test' as const } } },
      ...(process.env.TEST_DATABASE_URL ? [dbProject('db-postgres', 'postgres')] : []),
    ],
  },
});
