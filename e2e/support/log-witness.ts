import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_PORT, clerkKeys, serverEnv } from './server-env.mjs';

// The e2e servers write their logs to LOG_DIR (playwright.config.ts). Specs note here the
// secrets and personal data they sent (session cookies, passport numbers, emails); after the
// run, log-audit.ts greps the logs for every one of them.

export const LOG_DIR = path.join(process.cwd(), 'test-results', `logs-port-${E2E_PORT}`);
const WITNESS = path.join(LOG_DIR, 'witness.txt');

/** Remembers a value the server's logs must never contain. */
export function witness(value: string) {
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(WITNESS, `${value}\n`);
}

/** Everything no log may contain: the configured secrets and what specs witnessed. */
export function forbiddenInLogs(): string[] {
  const env = serverEnv();
  const pem = clerkKeys().privateKey.split('\n').filter((l) => l && !l.startsWith('-----'));
  const witnessed = existsSync(WITNESS) ? readFileSync(WITNESS, 'utf8').split('\n').filter(Boolean) : [];
  return [env.SESSION_SECRET, env.CRON_SECRET, env.CLERK_SECRET_KEY, pem[1], 'SAWA7YVDR4RG5SZAMEZHE5OYDI4LNUJR2FRFVVASYEIL47DC2G6BK2DF',
    // the journey spec's passengers
    'P1234567', 'P7654321', ...witnessed];
}
