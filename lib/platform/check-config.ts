import { ConfigError, parseEnv } from '@/lib/config/env';
import { indexerConfig } from '@/lib/indexer/config';

/** Stops the process with one sentence naming the bad variable (called once at server start). */
export function checkConfigOrExit(): void {
  try {
    parseEnv();
    indexerConfig(process.env); // throws "Invalid configuration: <VARIABLE> …" like parseEnv
  } catch (err) {
    const message = err instanceof ConfigError || (err instanceof Error && err.message.startsWith('Invalid configuration:')) ? err.message : null;
    if (message) {
      console.error(`\n${message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw err;
  }
}
