import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Account, BASE_FEE, Contract, TransactionBuilder, nativeToScVal, rpc, scValToNative } from '@stellar/stellar-sdk';

// One devnet process (contracts/devnet: the real Soroban host on the contracts' wasm) per test
// file, on a free port with its state in a temporary directory: the prebuilt binary and wasm from
// TRAQORA_DEVNET_BIN / TRAQORA_WASM_DIR, or the workspace's build. `devnetMissing` says why a
// suite must skip when either is absent.

const root = path.resolve(__dirname, '../..');
export const devnetBin = process.env.TRAQORA_DEVNET_BIN ?? path.join(root, 'contracts/target/debug/traqora-devnet');
export const devnetWasmDir = process.env.TRAQORA_WASM_DIR ?? path.join(root, 'contracts/target/wasm');

export function devnetMissing(wasm = 'traqora_escrow.wasm'): string | null {
  if (!existsSync(devnetBin)) return `the devnet binary is not built (${devnetBin}): cd contracts && cargo build -p traqora-devnet, or set TRAQORA_DEVNET_BIN`;
  if (!existsSync(path.join(devnetWasmDir, wasm))) return `the contracts' wasm is not built (${devnetWasmDir}): contracts/build-wasm.sh, or set TRAQORA_WASM_DIR`;
  return null;
}

export interface DevnetManifest {
  networkPassphrase: string;
  accounts: Record<string, { publicKey: string; secretSeed: string }>;
  asset: { code: string; issuer: string; contractId: string };
  contracts: Record<string, string>;
  missing: string[];
}

export interface Devnet {
  url: string;
  manifest: DevnetManifest;
  server: rpc.Server;
  /** Mints the test stablecoin (base units) to an account (it needs a trustline: friendbot-funded accounts get one). */
  mint(address: string, amount: bigint): Promise<void>;
  /** The test stablecoin balance (base units) of an account or contract, read by simulation. */
  balance(address: string): Promise<bigint>;
  /** Closes `n` ledgers now (POST /devnet/close, a few at a time): how a test passes the governor's delays. */
  closeLedgers(n: number): Promise<void>;
  /** The app's settings for this network (GET /devnet/env) as variables: PAYMENT_RAIL, the RPC URL, passphrase, contract ids, keys. */
  appEnv(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startDevnet(): Promise<Devnet> {
  const dir = mkdtempSync(path.join(tmpdir(), 'traqora-devnet-'));
  const child: ChildProcess = spawn(devnetBin, ['--port', '0', '--close-ms', '250', '--wasm-dir', devnetWasmDir, '--state', path.join(dir, 'state.json')],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  let url = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /listening on (http:\/\/\S+)/.exec(line);
    if (m) { url = m[1]; break; }
  }
  if (!url) throw new Error('the devnet exited before listening');
  const manifest = (await (await fetch(`${url}/devnet`)).json()) as DevnetManifest;
  const server = new rpc.Server(url, { allowHttp: true });
  const sac = new Contract(manifest.asset.contractId);
  return {
    url, manifest, server,
    async mint(address, amount) {
      const res = await fetch(`${url}/devnet/mint?addr=${address}&amount=${amount}`, { method: 'POST' });
      if (res.status !== 200) throw new Error(`devnet mint answered ${res.status}: ${await res.text()}`);
    },
    async balance(address) {
      const tx = new TransactionBuilder(new Account(manifest.accounts.root.publicKey, '0'), { fee: BASE_FEE, networkPassphrase: manifest.networkPassphrase })
        .addOperation(sac.call('balance', nativeToScVal(address, { type: 'address' })))
        .setTimeout(30)
        .build();
      const sim = await server.simulateTransaction(tx);
      if (!rpc.Api.isSimulationSuccess(sim) || !sim.result) throw new Error(`balance(${address}) failed: ${JSON.stringify(sim)}`);
      return BigInt(scValToNative(sim.result.retval) as bigint);
    },
    async closeLedgers(n) {
      let left = n;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (left-- > 0) {
          const res = await fetch(`${url}/devnet/close`, { method: 'POST' });
          if (!res.ok) throw new Error(`devnet close answered ${res.status}`);
        }
      }));
    },
    async appEnv() {
      const env: Record<string, string> = {};
      for (const line of (await (await fetch(`${url}/devnet/env`)).text()).split('\n')) {
        const m = /^([A-Z_]+)=(.*)$/.exec(line);
        if (m) env[m[1]] = m[2];
      }
      return env;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
