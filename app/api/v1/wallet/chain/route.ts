import { db } from '@/lib/db/connect';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import type { ChainWalletEntry } from '@/lib/payments/soroban/history';

export const dynamic = 'force-dynamic';

// The caller's on-chain payments and escrow refunds (soroban rail), newest first.
export const GET = handler({ name: 'wallet.chain', auth: 'signed-in' }, async ({ viewer }) => ({
  data: await (await db()).call<ChainWalletEntry[]>('chain_wallet_history', { user_id: viewer.id, limit: 100 }),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
