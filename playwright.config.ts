import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { LOG_DIR } from './e2e/support/log-witness';
import {
  chainNetworkCommand, chainServerEnv, devnetMissing, E2E_BASE_URL, E2E_CHAIN_BACKEND, E2E_CHAIN_BASE_URL, E2E_CHAIN_PORT, E2E_PORT, E2E_RPC_URL,
  rpcStandInEnv, serverEnv,
} from './e2e/support/server-env.mjs';

// End-to-end tests run against a production build (`npm run build` + `next start`) in Chromium:
// Debian's /usr/bin/chromium when present (CHROMIUM_PATH overrides), else Playwright's own.
// One worker: the server owns a single in-process PGlite database.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
// scripts/test-all.mjs builds first and sets E2E_SKIP_BUILD; alone, `npm run test:e2e` builds.
// Idle keep-alive connections outlive the clients' own (65 s, Node's default is 5 s): a request
// sent on a socket the server was closing at that instant failed with ECONNRESET under load.
const keepAlive = '--keepAliveTimeout 65000';
const start = `npx next start -H localhost -p ${E2E_PORT} ${keepAlive}`;
// The apps' logs (info and up) go to LOG_DIR in full, and the console shows all but the info
// lines; after the run, e2e/support/log-audit.ts checks them for secrets and personal data.
const logged = (command: string, file: string) =>
  `mkdir -p ${LOG_DIR} && (${command}) 2>&1 | tee ${LOG_DIR}/${file} | grep --line-buffered -v '^{"level":30,'`;
// Said once per run (workers load this file too), so a run on the stand-in never passes for one on the real host.
if (!process.env.TEST_WORKER_INDEX) {
  console.log(E2E_CHAIN_BACKEND === 'devnet'
    ? `chain e2e: on the devnet (the real Soroban host running the contracts' wasm) at ${E2E_RPC_URL}`
    : `chain e2e: on the TypeScript RPC stand-in, not the real host: ${devnetMissing()}`);
}
const server = { reuseExistingServer: false, stdout: 'pipe', stderr: 'pipe', gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 } } as const;

export default defineConfig({
  testDir: './e2e',
  // `npm run dev:chain` end to end runs under next dev, with its own config (playwright.dev-chain.config.ts).
  testIgnore: ['dev-chain/**'],
  // Per port, so e2e runs side by side (see E2E_PORT) never delete each other's artifacts.
  outputDir: `test-results/port-${E2E_PORT}`,
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  globalTeardown: './e2e/support/log-audit.ts',
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: E2E_BASE_URL,
    ...devices['Desktop Chrome'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
    },
  },
  webServer: [
    {
      ...server,
      command: `rm -f ${LOG_DIR}/witness.txt; ${logged(process.env.E2E_SKIP_BUILD ? start : `npm run build && ${start}`, 'app.log')}`,
      // Ready means the database is migrated and seeded, so the first test does not pay for the
      // warm-up (28-45 s on a fresh PGlite) inside its time limit. /api/health answers only then;
      // the home page does not tell: it streams, so its 200 arrives before the seeding is done.
      url: `${E2E_BASE_URL}/api/health`,
      timeout: 600_000,
      env: { ...serverEnv(), LOG_LEVEL: 'info' },
    },
    // The network at the edge (the devnet, or the RPC stand-in: see server-env.mjs), and the app
    // on the soroban rail using it (same build; started after the first server, which builds when
    // E2E_SKIP_BUILD is unset). On the devnet the app takes its chain settings from the devnet.
    { ...server, command: chainNetworkCommand(), url: `${E2E_RPC_URL}/`, timeout: 120_000, env: E2E_CHAIN_BACKEND === 'devnet' ? {} : rpcStandInEnv() },
    {
      ...server,
      command: logged(`${E2E_CHAIN_BACKEND === 'devnet' ? 'node e2e/support/devnet-app.mjs ' : ''}npx next start -H localhost -p ${E2E_CHAIN_PORT} ${keepAlive}`, 'chain.log'),
      // Ready once migrated and seeded, as the first server.
      url: `${E2E_CHAIN_BASE_URL}/api/health`,
      timeout: 180_000,
      env: { ...chainServerEnv(), LOG_LEVEL: 'info' },
    },
  ],
});
