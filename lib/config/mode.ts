import type { Env } from './env';

export type DatabaseDriver = 'pglite' | 'postgres' | 'supabase';

export interface Mode {
  /** Where the system of record lives. */
  database: DatabaseDriver;
  /** Clerk handles sign-in (its keys are set). */
  clerk: boolean;
  /** Dev personas may sign in: never in production, never alongside Clerk. */
  devPersonas: boolean;
  /** Embedded, zero-configuration mode: PGlite and no external identity provider. */
  local: boolean;
  /** Where bookings are paid: the Postgres ledger (offline) or the Soroban escrow contract. */
  paymentRail: 'ledger' | 'soroban';
  /** Apply supabase/migrations and supabase/routines on start (default: only for the embedded database). */
  autoMigrate: boolean;
  /** Load reference data and the schedule on start when the database is empty. */
  seedOnStart: boolean;
  /** The chain event indexer polls Soroban RPC (an RPC URL and contract ids are set). */
  chainIndexer: boolean;
}

/** Everything the soroban rail needs is set (its details are checked at start-up). */
export function chainConfigured(env: Env): boolean {
  return !!(env.STELLAR_RPC_URL && env.STELLAR_NETWORK_PASSPHRASE && env.TRAQORA_CONTRACT_IDS?.size && env.STELLAR_SERVER_SECRET);
}

export function deriveMode(env: Env): Mode {
  const database: DatabaseDriver = env.SUPABASE_URL ? 'supabase' : env.DATABASE_URL ? 'postgres' : 'pglite';
  const clerk = !!env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && !!env.CLERK_SECRET_KEY;
  const local = database === 'pglite' && !clerk;
  return {
    database,
    clerk,
    devPersonas: env.NODE_ENV !== 'production' && !clerk,
    local,
    paymentRail: env.PAYMENT_RAIL ?? (chainConfigured(env) ? 'soroban' : 'ledger'),
    autoMigrate: env.AUTO_MIGRATE ?? database === 'pglite',
    seedOnStart: env.SEED_ON_START ?? database === 'pglite',
    chainIndexer: !!env.STELLAR_RPC_URL && !!env.TRAQORA_CONTRACT_IDS?.size,
  };
}
