import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainWallet } from '@/lib/payments/soroban/payment-rail';

export const dynamic = 'force-dynamic';

// The caller's on-chain payments and escrow refunds (soroban rail), newest first.
export const GET = handler({ name: 'wallet.chain', auth: 'signed-in' }, async ({ viewer }) => ({ data: await chainWallet(viewer.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
