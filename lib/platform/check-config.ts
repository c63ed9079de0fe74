import { ConfigError, parseEnv } from '@/lib/config/env';

/** Stops the process with one sentence naming the bad variable (called once at server start). */
export function checkConfigOrExit(): void {
  try {
    parseEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n${err.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw err;
  }
}
