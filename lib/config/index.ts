import 'server-only';
import { parseEnv, type Env } from './env';
import { deriveMode, type Mode } from './mode';

export { ConfigError } from './env';
export type { Env } from './env';
export type { Mode } from './mode';

let cached: { env: Env; mode: Mode } | undefined;

/** Validated configuration and the mode derived from it, read once per process. */
export function config(): { env: Env; mode: Mode } {
  if (!cached) {
    const env = parseEnv();
    cached = { env, mode: deriveMode(env) };
  }
  return cached;
}
