import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { devnetMissing, E2E_DEVNET_BIN, E2E_PORT, E2E_WASM_DIR } from './e2e/support/server-env.mjs';

// `npm run test:dev-chain`: `npm run dev:chain` itself, end to end — the script a newcomer runs
// (the devnet, its /devnet/env, `next dev` on the soroban rail with the development wallet), in
// Chromium. Its own data directory and ports (E2E_PORT + 3 for the app, + 4 for the devnet), so
// it runs beside the main e2e suite and never touches a developer's .data/devnet. `next dev`
// compiles each page on first visit, hence the long timeouts. Without the devnet binary and the
// wasm (see devnetMissing) it starts nothing and the spec skips with the reason.
export const DEV_CHAIN_PORT = E2E_PORT + 3;
export const DEV_CHAIN_DEVNET_PORT = E2E_PORT + 4;
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: './e2e/dev-chain',
  outputDir: `test-results/dev-chain-${DEV_CHAIN_PORT}`,
  workers: 1,
  retries: 0,
  timeout: 15 * 60_000,
  expect: { timeout: 120_000 },
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${DEV_CHAIN_PORT}`,
    ...devices['Desktop Chrome'],
    navigationTimeout: 300_000,
    actionTimeout: 120_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromium, args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'] },
  },
  webServer: devnetMissing() === null ? {
    // Through `npm run dev`'s opt-in (scripts/dev.mjs with DEV_CHAIN=1), which runs dev-chain.mts:
    // both ways a newcomer starts it.
    command: 'node scripts/dev.mjs --fresh',
    url: `http://localhost:${DEV_CHAIN_PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      DEV_CHAIN: '1',
      PORT: String(DEV_CHAIN_PORT),
      DEVNET_PORT: String(DEV_CHAIN_DEVNET_PORT),
      DEV_CHAIN_DIR: `.data/devnet-e2e-${DEV_CHAIN_PORT}`,
      TRAQORA_DEVNET_BIN: E2E_DEVNET_BIN,
      TRAQORA_WASM_DIR: E2E_WASM_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  } : undefined,
});
