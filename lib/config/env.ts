import { StrKey } from '@stellar/stellar-sdk';
import { z } from 'zod';
import { CONTRACT_NAMES, isContractName, type ContractName } from '@/lib/stellar/contract-names';
import { isLoopbackUrl } from '@/lib/stellar/loopback';

// The one place the environment is read and validated. Everything else asks `config()`.
// A wrong setting stops start-up with a sentence naming the variable (see ConfigError).

const optionalString = z.string().trim().min(1).optional().catch(undefined);
const boolFlag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** Requests per window; 1 to a million. */
const limit = (fallback: number) =>
  z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').default(fallback);

/** `name=C…` pairs, comma separated, as contract id → our name (an empty list is unset). */
const contractIds = z.string().trim().transform((raw, ctx) => {
  const map = new Map<string, ContractName>();
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, id] = pair.split('=').map((s) => s.trim());
    if (!isContractName(name)) {
      ctx.addIssue({ code: 'custom', message: `names an unknown contract "${name}" (known: ${CONTRACT_NAMES.join(', ')})` });
      return z.NEVER;
    }
    if (!id || !StrKey.isValidContract(id)) {
      ctx.addIssue({ code: 'custom', message: `has an invalid contract id for ${name} (must be a C… strkey)` });
      return z.NEVER;
    }
    if (map.has(id)) {
      ctx.addIssue({ code: 'custom', message: `lists contract ${id} twice` });
      return z.NEVER;
    }
    map.set(id, name);
  }
  return map.size > 0 ? (map as ReadonlyMap<string, ContractName>) : undefined;
});

/** Plan names: short, lowercase, URL- and header-safe (they appear in RateLimit-Policy). */
export const PLAN_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * API-key plans above (or below) the default one: `name:quota` pairs, comma separated, e.g.
 * `partner:6000,enterprise:30000`. The default plan, `standard`, is RATE_LIMIT_API_KEY and is
 * not listed here. Kept in declared order (the console offers them in it).
 */
const apiPlans = z.string().trim().transform((raw, ctx) => {
  const plans: { name: string; quota: number }[] = [];
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name = '', quota = '', extra] = pair.split(':').map((s) => s.trim());
    if (!PLAN_NAME.test(name) || quota === '' || extra !== undefined) {
      ctx.addIssue({ code: 'custom', message: `has a bad plan "${pair}" (write name:quota, the name in lowercase letters, digits and -, e.g. partner:6000)` });
      return z.NEVER;
    }
    if (name === 'standard') {
      ctx.addIssue({ code: 'custom', message: 'lists standard, the default plan: its quota is RATE_LIMIT_API_KEY' });
      return z.NEVER;
    }
    if (!/^\d{1,7}$/.test(quota) || Number(quota) < 1 || Number(quota) > 1_000_000) {
      ctx.addIssue({ code: 'custom', message: `gives plan ${name} a bad quota "${quota}" (requests per window, 1 to 1000000)` });
      return z.NEVER;
    }
    if (plans.some((p) => p.name === name)) {
      ctx.addIssue({ code: 'custom', message: `lists plan ${name} twice` });
      return z.NEVER;
    }
    plans.push({ name, quota: Number(quota) });
  }
  return plans as readonly { name: string; quota: number }[];
});

// Plain http only to a node on this machine (a local quickstart or a test stand-in).
const rpcUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((url) => {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' || isLoopbackUrl(parsed);
    } catch {
      return true; // not a URL at all: the check above already says so
    }
  }, 'must use https unless it is on localhost');

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
      .optional(),
    PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
    SUPABASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, 'must be the project service-role key').optional(),
    // Where dispute evidence files live (lib/disputes/evidence-storage): in the database (default)
    // or in a private Supabase Storage bucket (needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY).
    EVIDENCE_STORAGE: z.enum(['postgres', 'supabase'], { error: 'must be postgres or supabase' }).default('postgres'),
    EVIDENCE_STORAGE_BUCKET: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be a bucket name (lowercase letters, digits, . _ -)').default('dispute-evidence'),
    AUTO_MIGRATE: boolFlag.optional(),
    SEED_ON_START: boolFlag.optional(),
    SCHEDULE_DAYS: z.coerce.number().int().min(1, 'must be at least 1').max(366, 'must be at most 366').default(120),
    DOMAIN_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(90),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_/, 'must start with pk_test_ or pk_live_').optional(),
    CLERK_SECRET_KEY: z.string().regex(/^sk_(test|live)_/, 'must start with sk_test_ or sk_live_').optional(),
    CLERK_JWT_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)' }).optional(),
    CLERK_AUTHORIZED_PARTIES: optionalString,
    ADMIN_CLERK_USER_IDS: optionalString,
    ADMIN_WALLET_ADDRESSES: z.string().trim().regex(/^G[A-Z2-7]{55}(\s*,\s*G[A-Z2-7]{55})*$/, 'must be comma-separated Stellar account ids (G…)').optional(),
    STELLAR_NETWORK_PASSPHRASE: z.string().min(10, 'must be a Stellar network passphrase').optional(),
    SEP10_SIGNING_SECRET: z.string().regex(/^S[A-Z2-7]{55}$/, 'must be a Stellar secret seed (S…)').optional(),
    APP_URL: z.url({ protocol: /^https?$/, error: 'must be the public http(s) origin of the app' }).optional(),
    // The chain (lib/stellar/chain-config.ts): the indexer runs when the RPC URL and contract ids
    // are set; the INDEXER_* variables tune its paging (lib/indexer).
    STELLAR_RPC_URL: rpcUrl.optional(),
    TRAQORA_CONTRACT_IDS: contractIds.optional(),
    // `npm run dev:chain`: the local devnet whose friendbot funds the browser's development wallet
    // (lib/wallet/devnet.ts). Development only.
    NEXT_PUBLIC_DEVNET_WALLET: z.url({ protocol: /^https?$/, error: 'must be the devnet\'s http URL' })
      .refine((url) => { try { return isLoopbackUrl(new URL(url)); } catch { return true; } }, 'must be a devnet on this machine (localhost)')
      .optional(),
    INDEXER_START_LEDGER: z.coerce.number().int().min(1, 'must be a ledger sequence ≥ 1').optional(),
    INDEXER_PAGE_LIMIT: z.coerce.number().int().min(1).max(10_000, 'must be at most 10000 (the RPC limit)').default(100),
    INDEXER_MAX_PAGES: z.coerce.number().int().min(1).max(1000).default(10),
    JOBS_SCHEDULER: z.enum(['on', 'off']).default('on'),
    CRON_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    // The rail bookings are paid on: unset, it is soroban when the chain is configured (RPC URL,
    // passphrase, contract ids, server signer), else the offline ledger. lib/payments/soroban/config.ts
    // checks the chain settings in detail at start-up.
    PAYMENT_RAIL: z.enum(['ledger', 'soroban'], { error: 'must be ledger or soroban' }).optional(),
    STELLAR_SERVER_SECRET: z.string().regex(/^S[A-Z2-7]{55}$/, 'must be a Stellar secret seed (S…)').optional(),
    STELLAR_QUOTE_SECRET: z.string().regex(/^S[A-Z2-7]{55}$/, 'must be a Stellar secret seed (S…)').optional(),
    LOYALTY_LIABILITY_SECRET: z.string().regex(/^S[A-Z2-7]{55}$/, 'must be a Stellar secret seed (S…)').optional(),
    STELLAR_SYNC_SECRET: z.string().regex(/^S[A-Z2-7]{55}$/, 'must be a Stellar secret seed (S…)').optional(),
    STELLAR_CLEARING_ADDRESS: z.string().regex(/^[GC][A-Z2-7]{55}$/, 'must be a Stellar address (G… or C…)').optional(),
    STELLAR_EXPLORER_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    // Notification email (lib/notifications): an smtp:// or smtps:// URL (nodemailer's form,
    // options as query parameters); unset, emails go to the log instead of being sent.
    SMTP_URL: z.string().trim().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL').optional(),
    EMAIL_FROM: z.string().trim().min(3).max(200).default('Traqora <no-reply@traqora.local>'),
    // Web push (VAPID): all three or none; without them browsers are not offered push.
    VAPID_PUBLIC_KEY: z.string().trim().regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (web-push generate-vapid-keys)').optional(),
    VAPID_PRIVATE_KEY: z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (web-push generate-vapid-keys)').optional(),
    VAPID_SUBJECT: z.string().trim().regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: URL').optional(),
    // SMS through Twilio's Messages API (or a compatible service): https://<sid>:<token>@api.twilio.com;
    // unset, texts go to the log.
    SMS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL with the account sid and token as user:password' }).optional(),
    SMS_FROM: z.string().trim().regex(/^(\+[1-9][0-9]{6,14}|[A-Za-z0-9 ]{1,11})$/, 'must be a phone number (+447…) or an 11-character sender id').default('Traqora'),
    // Rate limits (lib/rate-limit): requests per RATE_LIMIT_WINDOW_SECONDS per caller — anonymous
    // callers per IP, signed-in callers per user, API keys per key and plan — and tighter limits on sign-in
    // challenges, booking creation and payment. Repeat offenders are blocked for
    // RATE_LIMIT_BLOCK_SECONDS, doubling with each offence within a day.
    RATE_LIMIT_ANONYMOUS: limit(120),
    RATE_LIMIT_SIGNED_IN: limit(600),
    RATE_LIMIT_API_KEY: limit(1200),
    // Each API key is on a plan: `standard` (RATE_LIMIT_API_KEY, every new key's) or one of these,
    // which an admin grants in the console (lib/rate-limit/plans.ts).
    RATE_LIMIT_API_PLANS: apiPlans.default([{ name: 'partner', quota: 6000 }, { name: 'enterprise', quota: 30_000 }]),
    RATE_LIMIT_SIGN_IN: limit(10),
    RATE_LIMIT_BOOKING: limit(20),
    RATE_LIMIT_PAYMENT: limit(20),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1, 'must be at least 1').max(3600, 'must be at most 3600').default(60),
    RATE_LIMIT_BLOCK_SECONDS: z.coerce.number().int().min(1, 'must be at least 1').max(86_400, 'must be at most 86400').default(60),
    // How many proxies in front of the app append to X-Forwarded-For: the client is that many
    // entries from the right (1: the nearest proxy's view, e.g. Vercel or one load balancer).
    RATE_LIMIT_PROXY_HOPS: z.coerce.number().int().min(1, 'must be at least 1').max(5, 'must be at most 5').default(1),
    // How long a search answer is reused per instance (0: never); bookings reprice regardless.
    SEARCH_CACHE_SECONDS: z.coerce.number().int('must be whole seconds').min(0, 'must be at least 0').max(60, 'must be at most 60').default(5),
    // The flight-status feed (lib/flight-status): the disruption simulator (default: on under
    // `next dev` only) and its seed; a commercial flight-data API polled over HTTP (URL and key
    // together); the HMAC secret its webhooks are signed with and how old a signature may be.
    FLIGHT_STATUS_SIMULATOR: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
    FLIGHT_STATUS_SEED: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').default('traqora'),
    FLIGHT_STATUS_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    FLIGHT_STATUS_API_KEY: z.string().trim().min(8, 'must be at least 8 characters').optional(),
    FLIGHT_STATUS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    FLIGHT_STATUS_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int('must be whole seconds').min(30, 'must be at least 30').max(3600, 'must be at most 3600').default(300),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    const pair = (a: keyof typeof env, b: keyof typeof env) => {
      if (!!env[a] !== !!env[b]) {
        const missing = env[a] ? b : a;
        ctx.addIssue({ code: 'custom', path: [missing], message: `must be set together with ${missing === a ? b : a}` });
      }
    };
    pair('SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY');
    pair('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'CLERK_SECRET_KEY');
    pair('VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY');
    pair('FLIGHT_STATUS_API_URL', 'FLIGHT_STATUS_API_KEY');
    if (env.EVIDENCE_STORAGE === 'supabase' && !env.SUPABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['EVIDENCE_STORAGE'], message: 'is supabase, which needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY' });
    }
    if (env.VAPID_PUBLIC_KEY && !env.VAPID_SUBJECT) ctx.addIssue({ code: 'custom', path: ['VAPID_SUBJECT'], message: 'must be set with the VAPID keys (a mailto: or https: contact)' });
    if (env.PAYMENT_RAIL === 'soroban') {
      for (const v of ['STELLAR_RPC_URL', 'STELLAR_NETWORK_PASSPHRASE', 'TRAQORA_CONTRACT_IDS', 'STELLAR_SERVER_SECRET'] as const) {
        if (!env[v]) ctx.addIssue({ code: 'custom', path: [v], message: 'is required when PAYMENT_RAIL=soroban' });
      }
    }
    if (env.NODE_ENV === 'production' && env.NEXT_PUBLIC_DEVNET_WALLET) {
      ctx.addIssue({ code: 'custom', path: ['NEXT_PUBLIC_DEVNET_WALLET'], message: 'is for development only: a production build never offers the development wallet' });
    }
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production (it signs session cookies)' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(public readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}.`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default); throws ConfigError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset" (a blank line in .env should not fail validation).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  return result.data;
}
