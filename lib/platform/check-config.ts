import { ConfigError, parseEnv } from '@/lib/config/env';
import { deriveMode } from '@/lib/config/mode';

/**
 * Stops the process with one sentence naming the bad variable (called once at server start).
 * The soroban rail's own checks (secret seeds, the escrow's id) load the Stellar SDK, so they
 * are imported only when that rail is the one configured: on the default ledger rail the SDK's
 * evaluation would otherwise sit on the start-up path of `npm run dev`, ahead of the database.
 */
export async function checkConfigOrExit(): Promise<void> {
  try {
    const env = parseEnv();
    if (deriveMode(env).paymentRail === 'soroban') {
      const { sorobanRailConfig } = await import('@/lib/payments/soroban/config');
      sorobanRailConfig(process.env);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n${err.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw err;
  }
}
