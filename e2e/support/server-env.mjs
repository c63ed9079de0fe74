// The environment of the app under end-to-end test, shared by playwright.config.ts (which
// starts `next start` with it) and scripts/test-all.mjs (which builds with it).
// Clerk is configured with a local RSA key so tests mint session tokens offline
// (research/nextjs-stack.md §2.3); nothing talks to Clerk's servers.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Resolved from the working directory: Playwright loads this file as CommonJS (no import.meta),
// and every caller runs from the project root.
const keyDir = path.join(process.cwd(), 'e2e', '.keys');

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// "localhost", not 127.0.0.1: Clerk's middleware rewrites requests to the URL Next reports, which
// names localhost; a different host makes Next proxy the request to itself and fail.
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DIST_DIR = process.env.E2E_DIST_DIR ?? '.next-e2e';
export const CLERK_FRONTEND_API = 'clerk.traqora.test';
export const E2E_ADMIN_CLERK_ID = 'user_e2e_admin';
export const E2E_CRON_SECRET = 'e2e-cron-secret-0123456789';
// Signs the flight-status webhooks e2e/live.spec.ts sends (POST /api/v1/webhooks/flight-status/flightdata).
export const E2E_FLIGHT_STATUS_SECRET = 'e2e-flight-status-secret-0123';

// The soroban rail runs in a second `next start` of the same build, configured for the chain,
// against a local Soroban RPC stand-in that emulates the escrow contract
// (tests/support/soroban-rpc-stand-in.ts).
export const E2E_CHAIN_PORT = E2E_PORT + 1;
export const E2E_CHAIN_BASE_URL = `http://localhost:${E2E_CHAIN_PORT}`;
export const E2E_RPC_PORT = E2E_PORT + 2;
export const E2E_RPC_URL = `http://127.0.0.1:${E2E_RPC_PORT}`;
export const E2E_NETWORK_PASSPHRASE = 'Test SDF Network ; September 2015';
export const E2E_ESCROW_ID = 'CBZJQ36RARBUNY2XSIF4OOGXDU3XT25VUSCY4YGVRFT6VPOLCVZO7RVZ';
// A throwaway key for tests only: the server signer (quote key and settler) of the e2e chain.
export const E2E_SERVER_SECRET = 'SAWA7YVDR4RG5SZAMEZHE5OYDI4LNUJR2FRFVVASYEIL47DC2G6BK2DF';
export const E2E_SERVER_ACCOUNT = 'GD4D6BIT6F44S6PQUPOPXPBUCXWZB7OQZWIQXYEF2SLEUVIKAU76T5PG';

/** An RSA-2048 key pair (Clerk's loader accepts only 2048-bit keys), made once per checkout. */
export function clerkKeys() {
  const priv = path.join(keyDir, 'clerk-private.pem');
  const pub = path.join(keyDir, 'clerk-public.pem');
  if (!existsSync(priv)) {
    mkdirSync(keyDir, { recursive: true });
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  return { publicKey: readFileSync(pub, 'utf8'), privateKey: readFileSync(priv, 'utf8') };
}

export function serverEnv() {
  return {
    NODE_ENV: 'production',
    NEXT_DIST_DIR: E2E_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    PGLITE_DATA_DIR: 'memory://',
    SESSION_SECRET: 'e2e-session-secret-0123456789abcdef0123',
    LOG_LEVEL: 'warn',
    // A production-instance key (pk_live_): development instances redirect every signed-out page
    // view to Clerk's handshake endpoint, which cannot be reached offline.
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from(`${CLERK_FRONTEND_API}$`).toString('base64')}`,
    CLERK_SECRET_KEY: 'sk_live_local_e2e',
    CLERK_JWT_KEY: clerkKeys().publicKey,
    CLERK_TELEMETRY_DISABLED: '1',
    NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: '1',
    ADMIN_CLERK_USER_IDS: E2E_ADMIN_CLERK_ID,
    CRON_SECRET: E2E_CRON_SECRET,
    FLIGHT_STATUS_WEBHOOK_SECRET: E2E_FLIGHT_STATUS_SECRET,
    // One browser and the API fuzz from one address: limits they cannot reach (the limits
    // themselves are tested with tight settings in tests/unit and tests/db, the browser's
    // handling of a 429 in e2e/rate-limit.spec.ts).
    RATE_LIMIT_ANONYMOUS: '1000000',
    RATE_LIMIT_SIGNED_IN: '1000000',
    RATE_LIMIT_API_KEY: '1000000',
    RATE_LIMIT_SIGN_IN: '1000000',
    RATE_LIMIT_BOOKING: '1000000',
    RATE_LIMIT_PAYMENT: '1000000',
  };
}

/** The app on the soroban rail: same build, chain settings, jobs run on demand through cron. */
export function chainServerEnv() {
  return {
    ...serverEnv(),
    PAYMENT_RAIL: 'soroban',
    STELLAR_RPC_URL: E2E_RPC_URL,
    STELLAR_NETWORK_PASSPHRASE: E2E_NETWORK_PASSPHRASE,
    TRAQORA_CONTRACT_IDS: `escrow=${E2E_ESCROW_ID}`,
    STELLAR_SERVER_SECRET: E2E_SERVER_SECRET,
    INDEXER_START_LEDGER: '1',
    JOBS_SCHEDULER: 'off',
    // The chain tests book 20–24 days ahead; a shorter schedule keeps start-up seeding light.
    SCHEDULE_DAYS: '30',
  };
}

/** The RPC stand-in's settings (read by tests/support/soroban-rpc-server.mts). */
export function rpcStandInEnv() {
  return {
    SOROBAN_STAND_IN_PORT: String(E2E_RPC_PORT),
    STELLAR_NETWORK_PASSPHRASE: E2E_NETWORK_PASSPHRASE,
    ESCROW_CONTRACT_ID: E2E_ESCROW_ID,
    QUOTE_SIGNER: E2E_SERVER_ACCOUNT,
    SETTLER: E2E_SERVER_ACCOUNT,
  };
}
