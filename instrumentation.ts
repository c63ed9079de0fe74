// Runs once when a Next.js server starts (not per request). Validates configuration, so a
// wrong setting stops the server with a sentence naming the variable, then starts the
// server's work: in local mode that migrates and seeds PGlite before the first visitor.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { checkConfigOrExit } = await import('./lib/platform/check-config');
  await checkConfigOrExit();
  const { startServer } = await import('./lib/platform/start');
  await startServer();
}
