import { ConfigError, parseEnv } from '@/lib/config/env';
import { sorobanRailConfig } from '@/lib/payments/soroban/config';

/** Stops the process with one sentence naming the bad variable (called once at server start). */
export function checkConfigOrExit(): void {
  try {
    parseEnv();
    sorobanRailConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n${err.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw err;
  }
}
