import type { Env } from '@/lib/config/env';

// The first admins of a deployment, named in its configuration: Clerk user ids and, for a
// deployment without Clerk, Stellar wallets. Each is granted admin when it signs in; later
// admins are granted in the console (audited).

const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function bootstrapAdminClerkIds(env: Pick<Env, 'ADMIN_CLERK_USER_IDS'>): string[] {
  return list(env.ADMIN_CLERK_USER_IDS);
}

export function bootstrapAdminWallets(env: Pick<Env, 'ADMIN_WALLET_ADDRESSES'>): string[] {
  return list(env.ADMIN_WALLET_ADDRESSES);
}
