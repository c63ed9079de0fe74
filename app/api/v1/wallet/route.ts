import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { ledgerWallet } from '@/lib/payments/ledger/rail';

export const dynamic = 'force-dynamic';

// The caller's Traqora (ledger) wallet: balance and postings.
export const GET = handler({ name: 'wallet.get', auth: 'signed-in' }, async ({ viewer }) => ({ data: await ledgerWallet(viewer.id) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
