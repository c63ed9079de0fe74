// node e2e/support/devnet-app.mjs <command…>
//
// Runs the command (the chain app's `next start`) with the devnet's own settings for the app
// added to its environment: GET <devnet>/devnet/env names the RPC URL, the network passphrase,
// the contract ids genesis deployed and the server and quote keys it wired (development keys,
// public by construction). Playwright starts the devnet first; this waits for it all the same.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { E2E_PORT, E2E_RPC_URL } from './server-env.mjs';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node e2e/support/devnet-app.mjs <command…>');
  process.exit(2);
}

async function devnetEnv() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${E2E_RPC_URL}/devnet/env`);
      if (res.ok) return await res.text();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the devnet at ${E2E_RPC_URL} did not answer /devnet/env`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const env = {};
for (const line of (await devnetEnv()).split('\n')) {
  const eq = line.indexOf('=');
  if (line.startsWith('#') || eq < 1) continue;
  env[line.slice(0, eq)] = line.slice(eq + 1);
}
// The app's keys must never reach its logs either: witnessed for the log audit (log-witness.ts's LOG_DIR).
const logDir = path.join(process.cwd(), 'test-results', `logs-port-${E2E_PORT}`);
mkdirSync(logDir, { recursive: true });
appendFileSync(path.join(logDir, 'witness.txt'), `${env.STELLAR_SERVER_SECRET}\n${env.STELLAR_QUOTE_SECRET}\n${env.LOYALTY_LIABILITY_SECRET ?? ''}\n`);
console.log(`chain app on the devnet at ${env.STELLAR_RPC_URL} (${env.STELLAR_NETWORK_PASSPHRASE})`);
const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
