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
// against a local network at E2E_RPC_URL: the devnet (contracts/devnet: the real Soroban host
// running the contracts' real wasm) when its binary and the wasm are built, as `npm test` does
// before e2e; otherwise the TypeScript stand-in that emulates the escrow
// (tests/support/soroban-rpc-stand-in.ts). E2E_CHAIN=stand-in forces the stand-in.
export const E2E_CHAIN_PORT = E2E_PORT + 1;
export const E2E_CHAIN_BASE_URL = `http://localhost:${E2E_CHAIN_PORT}`;
export const E2E_RPC_PORT = E2E_PORT + 2;
export const E2E_RPC_URL = `http://127.0.0.1:${E2E_RPC_PORT}`;
export const E2E_DEVNET_BIN = process.env.TRAQORA_DEVNET_BIN ?? path.join(process.cwd(), 'contracts/target/debug/traqora-devnet');
export const E2E_WASM_DIR = process.env.TRAQORA_WASM_DIR ?? path.join(process.cwd(), 'contracts/target/wasm');

/** Why the chain e2e cannot run on the devnet here, or null when it can. */
export function devnetMissing() {
  if (process.env.E2E_CHAIN === 'stand-in') return 'E2E_CHAIN=stand-in';
  if (!existsSync(E2E_DEVNET_BIN)) return `the devnet binary is not built (${E2E_DEVNET_BIN}: cd contracts && cargo build -p traqora-devnet)`;
  if (!existsSync(path.join(E2E_WASM_DIR, 'traqora_escrow.wasm'))) return `the contracts' wasm is not built (${E2E_WASM_DIR}: contracts/build-wasm.sh)`;
  return null;
}
export const E2E_CHAIN_BACKEND = devnetMissing() === null ? 'devnet' : 'stand-in';
// The devnet runs a network of its own (never testnet's passphrase); the stand-in poses as testnet.
export const E2E_NETWORK_PASSPHRASE = E2E_CHAIN_BACKEND === 'devnet' ? 'Traqora Devnet ; December 2026' : 'Test SDF Network ; September 2015';
/** The network's name as a wallet shows it (Freighter's custom network for the devnet). */
export const E2E_NETWORK_NAME = E2E_CHAIN_BACKEND === 'devnet' ? 'Traqora devnet' : 'TESTNET';
// The stand-in's escrow and server signer. On the devnet, genesis deploys the contracts and
// names the keys; the chain app reads them from its /devnet/env (e2e/support/devnet-app.mjs).
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
  const common = {
    ...serverEnv(),
    PAYMENT_RAIL: 'soroban',
    INDEXER_START_LEDGER: '1',
    JOBS_SCHEDULER: 'off',
    // The chain tests book 20–24 days ahead; a shorter schedule keeps start-up seeding light.
    SCHEDULE_DAYS: '30',
  };
  // On the devnet, e2e/support/devnet-app.mjs adds the RPC URL, passphrase, contract ids and keys.
  if (E2E_CHAIN_BACKEND === 'devnet') return common;
  return {
    ...common,
    STELLAR_RPC_URL: E2E_RPC_URL,
    STELLAR_NETWORK_PASSPHRASE: E2E_NETWORK_PASSPHRASE,
    TRAQORA_CONTRACT_IDS: `escrow=${E2E_ESCROW_ID}`,
    STELLAR_SERVER_SECRET: E2E_SERVER_SECRET,
  };
}

/** How Playwright starts the network: the devnet's command line, or the stand-in's. */
export function chainNetworkCommand() {
  if (E2E_CHAIN_BACKEND === 'devnet') {
    // Ledgers every 250 ms: a payment confirms within a poll or two.
    return `${JSON.stringify(E2E_DEVNET_BIN)} --host 127.0.0.1 --port ${E2E_RPC_PORT} --close-ms 250 --wasm-dir ${JSON.stringify(E2E_WASM_DIR)} --passphrase ${JSON.stringify(E2E_NETWORK_PASSPHRASE)}`;
  }
  return 'npx tsx tests/support/soroban-rpc-server.mts';
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
