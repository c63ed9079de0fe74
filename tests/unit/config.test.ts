import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/config/env';
import { deriveMode } from '@/lib/config/mode';

const errorFor = (env: Record<string, string>) => {
  try {
    parseEnv(env);
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('parseEnv', () => {
  it('starts with no configuration at all: embedded PGlite, ledger rail, dev personas', () => {
    const env = parseEnv({});
    expect(deriveMode(env)).toEqual({
      database: 'pglite', clerk: false, devPersonas: true, local: true, paymentRail: 'ledger', autoMigrate: true, seedOnStart: true, chainIndexer: false,
    });
    expect(env.PGLITE_DATA_DIR).toBe('.data/pglite');
  });

  it('names the variable and the reason in one sentence', () => {
    const e = errorFor({ DATABASE_URL: 'mysql://x' });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.variable).toBe('DATABASE_URL');
    expect(e.message).toBe('Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// connection string.');
  });

  it.each([
    [{ SUPABASE_URL: 'https://x.supabase.co' }, 'SUPABASE_SERVICE_ROLE_KEY', /must be set together with SUPABASE_URL/],
    [{ CLERK_SECRET_KEY: 'sk_test_abc' }, 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', /together with CLERK_SECRET_KEY/],
    [{ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_nope', CLERK_SECRET_KEY: 'sk_test_abc' }, 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', /pk_test_ or pk_live_/],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET', /required when NODE_ENV=production/],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET', /at least 32 characters/],
    [{ PAYMENT_RAIL: 'paypal' }, 'PAYMENT_RAIL', /ledger|soroban/],
    [{ SCHEDULE_DAYS: '0' }, 'SCHEDULE_DAYS', /at least 1/],
    [{ AUTO_MIGRATE: 'yes' }, 'AUTO_MIGRATE', /./],
  ])('refuses %j naming %s', (env, variable, reason) => {
    const e = errorFor(env as Record<string, string>);
    expect(e.variable).toBe(variable);
    expect(e.message).toMatch(reason);
  });

  it('treats empty strings as unset', () => {
    expect(deriveMode(parseEnv({ DATABASE_URL: '', CLERK_SECRET_KEY: '' })).database).toBe('pglite');
  });
});

describe('deriveMode', () => {
  const secret = 'x'.repeat(32);
  it('uses the PostgreSQL server for DATABASE_URL and does not auto-migrate or seed it', () => {
    const mode = deriveMode(parseEnv({ DATABASE_URL: 'postgres://u@h/db' }));
    expect(mode).toMatchObject({ database: 'postgres', local: false, autoMigrate: false, seedOnStart: false, devPersonas: true });
  });

  it('prefers Supabase HTTP when its URL and key are set', () => {
    const mode = deriveMode(parseEnv({ SUPABASE_URL: 'https://p.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k'.repeat(40), DATABASE_URL: 'postgres://u@h/db' }));
    expect(mode.database).toBe('supabase');
  });

  it('never allows dev personas in production or with Clerk', () => {
    expect(deriveMode(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret })).devPersonas).toBe(false);
    const clerk = deriveMode(parseEnv({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_x', CLERK_SECRET_KEY: 'sk_test_y' }));
    expect(clerk).toMatchObject({ clerk: true, devPersonas: false, local: false });
  });

  it('turns the chain indexer on only with both an RPC URL and contract ids', () => {
    expect(deriveMode(parseEnv({ STELLAR_RPC_URL: 'https://rpc.example' })).chainIndexer).toBe(false);
    expect(deriveMode(parseEnv({ STELLAR_RPC_URL: 'https://rpc.example', TRAQORA_CONTRACT_IDS: 'escrow=C…' })).chainIndexer).toBe(true);
  });

  it('lets an operator force migrations and seeding on a server database', () => {
    const mode = deriveMode(parseEnv({ DATABASE_URL: 'postgres://u@h/db', AUTO_MIGRATE: '1', SEED_ON_START: 'true' }));
    expect(mode).toMatchObject({ autoMigrate: true, seedOnStart: true });
  });
});
