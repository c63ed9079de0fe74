import { pageQuery } from '@/lib/http/cursor';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainWalletAnswer } from '@/lib/payments/answers';
import { chainWallet } from '@/lib/payments/soroban/payment-rail';

export const dynamic = 'force-dynamic';

// The caller's on-chain payments and escrow refunds (soroban rail), newest first.
export const GET = handler({ name: 'wallet.chain', auth: 'signed-in', query: pageQuery, response: chainWalletAnswer }, async ({ viewer, query }) => chainWallet(viewer.id, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
