// Runs once when a Next.js server starts (not for each request). Validates configuration so
// a wrong setting stops the server with a sentence naming the variable, then warms the
// database: in local mode that migrates and seeds PGlite before the first visitor arrives.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { parseEnv, ConfigError } = await import('./lib/config/env');
  try {
    parseEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n${err.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw err;
  }
  const { startServer } = await import('./lib/platform/start');
  await startServer();
}
