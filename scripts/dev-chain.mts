// `npm run dev:chain` — `npm run dev` on the soroban rail, against a local devnet: the real
// Soroban host running the contracts' wasm (contracts/devnet), with no network access.
//
//   npm run dev:chain                 start (building the devnet and the wasm once if needed)
//   npm run dev:chain -- --fresh      forget the devnet's ledger and the app's chain database first
//
// It starts the devnet with its ledger kept in .data/devnet/state.json, writes the app's chain
// settings the devnet hands out to .data/devnet/app.env (PAYMENT_RAIL=soroban, RPC URL,
// passphrase, contract ids, the server and quote keys genesis wired: development keys, public by
// construction), and runs `next dev` with them on its own database (.data/devnet/pglite), so the
// ledger-rail data of plain `npm run dev` stays as it was. The wallet picker then offers the
// development wallet (NEXT_PUBLIC_DEVNET_WALLET: a key in the browser, funded by the devnet);
// Freighter works too, on a custom network with the URL and passphrase printed below.
//
// Environment: DEVNET_PORT (8000), PORT (3000), TRAQORA_DEVNET_BIN and TRAQORA_WASM_DIR (a
// prebuilt devnet binary and wasm directory instead of building them here), DEV_CHAIN_DIR
// (.data/devnet: where the ledger, the app's database and app.env live; the end-to-end spec of
// this command, e2e/dev-chain/, uses its own so it never touches a developer's).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const contracts = path.join(root, 'contracts');
const bin = process.env.TRAQORA_DEVNET_BIN ?? path.join(contracts, 'target/debug/traqora-devnet');
const wasmDir = process.env.TRAQORA_WASM_DIR ?? path.join(contracts, 'target/wasm');
const dataDir = path.resolve(root, process.env.DEV_CHAIN_DIR ?? '.data/devnet');
const devnetPort = Number(process.env.DEVNET_PORT ?? 8000);
const say = (line: string) => console.log(`dev:chain: ${line}`);

function fail(line: string): never {
  console.error(`dev:chain: ${line}`);
  process.exit(1);
}

function run(what: string, cmd: string, args: string[], cwd = root) {
  say(what);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, CARGO_INCREMENTAL: '0' } });
  return r.status === 0;
}

/** The devnet binary and the wasm it deploys, built here the first time. */
function ensureBuilt() {
  const wasmMissing = !existsSync(path.join(wasmDir, 'traqora_escrow.wasm'));
  const binMissing = !existsSync(bin);
  if (!wasmMissing && !binMissing) return;
  if (spawnSync('cargo', ['--version']).status !== 0) {
    fail('the devnet needs Rust\'s cargo to build once (see contracts/README.md), or TRAQORA_DEVNET_BIN and TRAQORA_WASM_DIR pointing at a prebuilt one.');
  }
  say('building the local devnet and the contracts\' wasm once. This takes 10 to 20 minutes on a 2-core machine;');
  say('later starts reuse the build and take seconds.');
  if (wasmMissing) {
    const built = run('contracts/build-wasm.sh (needs Debian\'s wasm toolchain: rustc-web cargo-web rust-web-src lld-19 binaryen)', 'bash', ['build-wasm.sh'], contracts);
    // A hash mismatch (another toolchain) still leaves usable wasm: only a missing file stops us.
    if (!existsSync(path.join(wasmDir, 'traqora_escrow.wasm'))) fail('the wasm build failed (output above).');
    if (!built) say('the wasm differs from contracts/wasm-hashes.txt (see above); fine for local development.');
  }
  if (binMissing && !run('cargo build -p traqora-devnet', 'nice', ['-n', '10', 'cargo', 'build', '--locked', '-p', 'traqora-devnet'], contracts)) {
    fail('building the devnet failed (output above).');
  }
}

/** Starts the devnet; resolves with its URL once it listens. */
async function startDevnet(): Promise<{ child: ChildProcess; url: string }> {
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(bin, ['--port', String(devnetPort), '--wasm-dir', wasmDir, '--state', path.join(dataDir, 'state.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const m = /listening on (http:\/\/\S+)/.exec(line);
    if (m) {
      lines.on('line', (l) => console.log(l));
      return { child, url: m[1] };
    }
    console.log(line);
  }
  fail(`the devnet exited before listening (is port ${devnetPort} taken? set DEVNET_PORT)`);
}

async function main() {
  if (process.argv.includes('--fresh')) {
    say(`--fresh: forgetting the devnet ledger and the app database in ${path.relative(root, dataDir)}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  ensureBuilt();
  const devnet = await startDevnet();
  const text = await (await fetch(`${devnet.url}/devnet/env`)).text();
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (!line.startsWith('#') && eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  Object.assign(env, {
    NEXT_PUBLIC_DEVNET_WALLET: devnet.url,
    PGLITE_DATA_DIR: path.join(dataDir, 'pglite'),
    // the devnet's whole history is short: index it from its first ledger
    INDEXER_START_LEDGER: '1',
  });
  writeFileSync(path.join(dataDir, 'app.env'), `${text}NEXT_PUBLIC_DEVNET_WALLET=${devnet.url}\n`);
  say(`devnet at ${devnet.url} · passphrase "${env.STELLAR_NETWORK_PASSPHRASE}" · settings in ${path.relative(root, path.join(dataDir, 'app.env'))}`);
  say('pay with the "Development wallet (devnet only)" in the wallet picker, or add a custom network with that URL and passphrase');
  say(`to Freighter and fund its account: curl "${devnet.url}/friendbot?addr=G…" and curl -X POST "${devnet.url}/devnet/mint?addr=G…&amount=100000000000"`);

  // next's own CLI, in a process group of its own: stopping it stops next-server and its workers
  // too (through npx, the CLI outlived this script and kept serving with the devnet gone).
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
  const next = spawn(process.execPath, [nextBin, 'dev', ...(process.env.PORT ? ['-p', process.env.PORT] : [])],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
  const stopNext = (signal: NodeJS.Signals) => {
    try {
      process.kill(-next.pid!, signal);
    } catch {
      // already gone
    }
  };
  const stop = (signal: NodeJS.Signals) => {
    stopNext(signal);
    devnet.child.kill('SIGTERM');
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  devnet.child.on('exit', (code) => {
    if (next.exitCode === null) {
      console.error(`dev:chain: the devnet stopped (exit ${code}); stopping the app`);
      stopNext('SIGTERM');
    }
  });
  next.on('exit', (code) => {
    devnet.child.kill('SIGTERM');
    process.exit(code ?? 0);
  });
}

await main();
