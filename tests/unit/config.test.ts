import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/config/env';
import { deriveMode } from '@/lib/config/mode';
import { sorobanRailConfig } from '@/lib/payments/soroban/config';

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
    [{ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), NEXT_PUBLIC_DEVNET_WALLET: 'http://127.0.0.1:8000' }, 'NEXT_PUBLIC_DEVNET_WALLET', /development only/],
    [{ NEXT_PUBLIC_DEVNET_WALLET: 'https://devnet.example.com' }, 'NEXT_PUBLIC_DEVNET_WALLET', /on this machine/],
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
    expect(deriveMode(parseEnv({ STELLAR_RPC_URL: 'https://rpc.example', TRAQORA_CONTRACT_IDS: 'escrow=CBZJQ36RARBUNY2XSIF4OOGXDU3XT25VUSCY4YGVRFT6VPOLCVZO7RVZ' })).chainIndexer).toBe(true);
  });

  it('lets an operator force migrations and seeding on a server database', () => {
    const mode = deriveMode(parseEnv({ DATABASE_URL: 'postgres://u@h/db', AUTO_MIGRATE: '1', SEED_ON_START: 'true' }));
    expect(mode).toMatchObject({ autoMigrate: true, seedOnStart: true });
  });
});

describe('the soroban rail settings', () => {
  const chain = {
    STELLAR_RPC_URL: 'https://soroban-testnet.stellar.org',
    STELLAR_NETWORK_PASSPHRASE: 'Test SDF Network ; September 2015',
    TRAQORA_CONTRACT_IDS: 'escrow=CBZJQ36RARBUNY2XSIF4OOGXDU3XT25VUSCY4YGVRFT6VPOLCVZO7RVZ',
    STELLAR_SERVER_SECRET: 'SAWA7YVDR4RG5SZAMEZHE5OYDI4LNUJR2FRFVVASYEIL47DC2G6BK2DF',
  };
  const railError = (env: Record<string, string>) => {
    try {
      sorobanRailConfig(env);
    } catch (e) {
      return e as ConfigError;
    }
    throw new Error('expected a ConfigError');
  };

  it('chooses the soroban rail when the chain is configured, unless PAYMENT_RAIL says ledger', () => {
    expect(deriveMode(parseEnv(chain)).paymentRail).toBe('soroban');
    expect(deriveMode(parseEnv({ ...chain, PAYMENT_RAIL: 'ledger' })).paymentRail).toBe('ledger');
    expect(deriveMode(parseEnv({ ...chain, STELLAR_SERVER_SECRET: '' })).paymentRail).toBe('ledger');
    expect(sorobanRailConfig({})).toBeNull();
  });

  it('reads the escrow, the signers, the clearing account and the explorer', () => {
    const cfg = sorobanRailConfig(chain)!;
    expect(cfg.escrowContractId).toBe('CBZJQ36RARBUNY2XSIF4OOGXDU3XT25VUSCY4YGVRFT6VPOLCVZO7RVZ');
    expect(cfg.server.publicKey()).toBe('GD4D6BIT6F44S6PQUPOPXPBUCXWZB7OQZWIQXYEF2SLEUVIKAU76T5PG');
    expect(cfg.quoteSigner.publicKey()).toBe(cfg.server.publicKey());
    expect(cfg.clearingAddress).toBe(cfg.server.publicKey());
    expect(cfg.explorerUrl).toBe('https://stellar.expert/explorer/testnet');
    expect(cfg.allowHttp).toBe(false);
    const own = sorobanRailConfig({ ...chain, STELLAR_QUOTE_SECRET: 'SAVKO2BWEVQDRP4GMG5ZI5WKMOX6UEA36YF5L6BXVXG2YPRYNHNLXLV3', STELLAR_EXPLORER_URL: 'https://explorer.example/' })!;
    expect(own.quoteSigner.publicKey()).not.toBe(own.server.publicKey());
    expect(own.explorerUrl).toBe('https://explorer.example');
  });

  it.each([
    [{ PAYMENT_RAIL: 'soroban' }, 'STELLAR_RPC_URL', /required when PAYMENT_RAIL=soroban/],
    [{ ...chain, STELLAR_SERVER_SECRET: 'GD4D6BIT6F44S6PQUPOPXPBUCXWZB7OQZWIQXYEF2SLEUVIKAU76T5PG' }, 'STELLAR_SERVER_SECRET', /secret seed/],
    [{ ...chain, STELLAR_QUOTE_SECRET: 'SAWA7YVDR4RG5SZAMEZHE5OYDI4LNUJR2FRFVVASYEIL47DC2G6BK2DA' }, 'STELLAR_QUOTE_SECRET', /checksum/],
    [{ ...chain, TRAQORA_CONTRACT_IDS: 'oracle=CBZJQ36RARBUNY2XSIF4OOGXDU3XT25VUSCY4YGVRFT6VPOLCVZO7RVZ' }, 'TRAQORA_CONTRACT_IDS', /escrow/],
    [{ ...chain, STELLAR_RPC_URL: 'http://rpc.example' }, 'STELLAR_RPC_URL', /https unless it is on localhost/],
  ])('refuses %j naming %s', (env, variable, reason) => {
    const e = railError(env as Record<string, string>);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.variable).toBe(variable);
    expect(e.message).toMatch(reason);
  });

  it('allows plain http for a local RPC', () => {
    expect(sorobanRailConfig({ ...chain, STELLAR_RPC_URL: 'http://127.0.0.1:8000' })!.allowHttp).toBe(true);
  });
});
