// `npm test` — the whole suite, in the order that fails fastest: typecheck, lint, dependency
// audit (scripts/audit.mts; reported as NOT AUDITED, never as passed, when the registry's
// advisory endpoint cannot be reached), unit,
// database (PGlite; and PostgreSQL when TEST_DATABASE_URL is set), generated-types check,
// contracts (cargo, when contracts/ and cargo exist; the wasm build, the tests on it and the devnet
// tests when the wasm toolchain is installed, always in CI), then a production build, the page budget
// (scripts/page-budget.mts, on its own build without Clerk), the crash-safety test on
// it (PostgreSQL, with TEST_DATABASE_URL), the two-instance test (likewise), the Playwright end-to-end
// suite, and `npm run dev:chain` in Chromium (e2e/dev-chain, on the devnet).
// The alert rules are checked with promtool after the unit and database tests. Stops at the first failing step and says which.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { E2E_DIST_DIR, serverEnv } from '../e2e/support/server-env.mjs';

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  // Exit 3: the advisories could not be fetched; the step is reported as not run.
  ['dependency audit', 'npx', ['tsx', 'scripts/audit.mts'], undefined, { notRunStatus: 3 }],
  // The devnet project needs the contracts built: it runs after them, below.
  ['unit + database', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'db', ...(process.env.TEST_DATABASE_URL ? ['--project', 'db-postgres'] : [])]],
  // Exit 3: promtool is not installed here (required in CI); the step is reported as not run.
  ['alert rules (promtool)', 'node', ['scripts/check-alerts.mjs'], undefined, { notRunStatus: 3 }],
];
if (process.env.TEST_DATABASE_URL) steps.push(['generated db types are current', 'npx', ['tsx', 'scripts/db-types.mts', '--check']]);
else console.log('· skipping the generated-types check: it needs TEST_DATABASE_URL (a PostgreSQL server)');
if (existsSync('contracts/Cargo.toml')) {
  if (spawnSync('cargo', ['--version']).status === 0) steps.push(['contracts', 'cargo', ['test', '--manifest-path', 'contracts/Cargo.toml', '--workspace']]);
  else if (process.env.CI) steps.push(['contracts (cargo is required in CI)', 'cargo', ['--version']]);
  else console.log('· skipping contracts: cargo is not installed');
  // The wasm the network runs: built (size limit, committed hashes), then tested on those bytes.
  // `--workspace` with the feature keeps the native build's features, so nothing is rebuilt (the
  // native tests run again with it, a few seconds).
  if (existsSync('/usr/bin/wasm-ld-19') || process.env.CI) {
    steps.push(['contracts wasm build', 'bash', ['contracts/build-wasm.sh']]);
    steps.push(['contracts on wasm', 'cargo', ['test', '--manifest-path', 'contracts/Cargo.toml', '--workspace', '--features', 'traqora-wasm-tests/wasm']]);
    // The devnet binary (built by the cargo test steps above) runs that wasm on the real host;
    // the app's rpc.Server drives it (tests/devnet).
    steps.push(['devnet (rpc.Server against the real host)', 'npx', ['vitest', 'run', '--project', 'devnet']]);
  } else console.log('· skipping the contracts wasm build: no wasm toolchain (see contracts/README.md)');
}
steps.push(['production build for e2e', 'npm', ['run', 'build'], { ...serverEnv(), NEXT_DIST_DIR: E2E_DIST_DIR }]);
// The page budget: home and search within their gzipped-JavaScript budget, measured on a build
// of the default configuration (Clerk off: the e2e build above has Clerk on, and its client with it).
steps.push(['page budget', 'npx', ['tsx', 'scripts/page-budget.mts']]);
// Crash safety: the build above on PostgreSQL, SIGKILLed mid-burst and checked after restart.
if (process.env.TEST_DATABASE_URL) steps.push(['crash safety (PostgreSQL)', 'npx', ['tsx', 'tests/crash/crash-safety.mts']]);
else console.log('· skipping the crash-safety test: it needs TEST_DATABASE_URL (a PostgreSQL server)');
// Two instances of the build on one PostgreSQL database: shared limits, caches, jobs, live events.
if (process.env.TEST_DATABASE_URL) steps.push(['two instances (PostgreSQL)', 'npx', ['tsx', 'tests/multi/two-instances.mts']]);
else console.log('· skipping the two-instance test: it needs TEST_DATABASE_URL (a PostgreSQL server)');
steps.push(['end to end', 'npx', ['playwright', 'test'], { E2E_SKIP_BUILD: '1' }]);
// `npm run dev:chain` as a newcomer runs it (e2e/dev-chain: the script, `next dev` on the soroban
// rail, the development wallet paying the devnet's escrow, the in-process jobs settling). It skips,
// saying why, where the devnet is not built (CI always builds it above). next dev compiles each page
// on first visit, so this is the slowest spec: 10–16 minutes on a shared 2-core machine under load.
// Nothing else runs the script or the development wallet in a browser: production builds leave
// that wallet out, so the e2e build above cannot.
steps.push(['npm run dev:chain in Chromium', 'npx', ['playwright', 'test', '-c', 'playwright.dev-chain.config.ts']]);

let passed = 0;
const notRun = [];
for (const [name, cmd, args, env, opts] of steps) {
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  if (opts?.notRunStatus !== undefined && r.status === opts.notRunStatus) {
    console.error(`!! ${name} NOT RUN (${secs}s): see above`);
    notRun.push(name);
    continue;
  }
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed after ${secs}s (exit ${r.status ?? r.signal}).`);
    console.log(`suites: ${passed} passed, 1 failed`);
    process.exit(1);
  }
  console.log(`✓ ${name} (${secs}s)`);
  passed++;
}
console.log(`\nsuites: ${passed} passed, 0 failed${notRun.length ? `, ${notRun.length} NOT RUN (${notRun.join(', ')})` : ''}`);
