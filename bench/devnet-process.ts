// The devnet (contracts/devnet: the real Soroban host on the contracts' wasm) as a child process
// of a bench script: the prebuilt binary and wasm from TRAQORA_DEVNET_BIN / TRAQORA_WASM_DIR, or
// the workspace's build. Ledgers close every `closeMs` (a real network's are ~5 s: the benches
// measure the app and the host, not the wait for a ledger).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const bin = process.env.TRAQORA_DEVNET_BIN ?? path.join(root, 'contracts/target/debug/traqora-devnet');
const wasmDir = process.env.TRAQORA_WASM_DIR ?? path.join(root, 'contracts/target/wasm');

export interface DevnetManifest {
  networkPassphrase: string;
  accounts: Record<string, { publicKey: string; secretSeed: string }>;
  contracts: Record<string, string>;
}

export interface DevnetProcess {
  child: ChildProcess;
  url: string;
  manifest: DevnetManifest;
  /** The app's settings for this network (GET /devnet/env), as environment variables. */
  appEnv: Record<string, string>;
  stop(): void;
}

/** Exits the script with what to build when the binary or the wasm is missing. */
export function requireDevnet(script: string) {
  if (!existsSync(bin) || !existsSync(path.join(wasmDir, 'traqora_escrow.wasm'))) {
    console.error(`${script} needs the devnet binary (${bin}: cd contracts && cargo build -p traqora-devnet) and the wasm (${wasmDir}: contracts/build-wasm.sh), or TRAQORA_DEVNET_BIN and TRAQORA_WASM_DIR`);
    process.exit(1);
  }
}

export async function startDevnet(closeMs: number): Promise<DevnetProcess> {
  const child = spawn(bin, ['--port', '0', '--close-ms', String(closeMs), '--wasm-dir', wasmDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let url = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /listening on (http:\/\/\S+)/.exec(line);
    if (m) { url = m[1]; break; }
  }
  if (!url) throw new Error('the devnet exited before listening');
  const manifest = (await (await fetch(`${url}/devnet`)).json()) as DevnetManifest;
  const appEnv: Record<string, string> = {};
  for (const line of (await (await fetch(`${url}/devnet/env`)).text()).split('\n')) {
    const eq = line.indexOf('=');
    if (!line.startsWith('#') && eq > 0) appEnv[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { child, url, manifest, appEnv, stop: () => void child.kill('SIGTERM') };
}
