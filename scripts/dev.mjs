// `npm run dev`: `next dev` on the embedded default (PGlite, ledger rail), or — with the opt-in
// DEV_CHAIN=1 (in the environment, .env.local or .env) — `npm run dev:chain`: the same app on the
// soroban rail against a local devnet, with the development wallet (README, *Paying on chain
// locally*). Plain Node, no dependencies: it runs before anything else on a fresh clone.
//
// Only DEV_CHAIN is read from the files: loading them whole here would put their values in the
// environment above Next's own .env precedence (.env.development.local beats .env.local).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

/** DEV_CHAIN from the environment first, then .env.local, then .env (Next's order for these two). */
function devChainSetting() {
  if (process.env.DEV_CHAIN !== undefined) return process.env.DEV_CHAIN;
  for (const file of ['.env.local', '.env']) {
    const full = path.join(root, file);
    if (!existsSync(full)) continue;
    const value = parseEnv(readFileSync(full, 'utf8')).DEV_CHAIN;
    if (value !== undefined) return value;
  }
  return '';
}

const on = /^(1|true|on|yes)$/i.test(devChainSetting().trim());
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const [cmd, cmdArgs] = on ? [bin('tsx'), ['scripts/dev-chain.mts', ...args]] : [bin('next'), ['dev', ...args]];
if (on) console.log('dev: DEV_CHAIN is on — starting the soroban rail on a local devnet (npm run dev:chain)');

const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal's process group; a plain kill of this process
// (a supervisor, a test harness) is passed on so nothing is left running.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
