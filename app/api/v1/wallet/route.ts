import { pageQuery } from '@/lib/http/cursor';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { ledgerWalletAnswer } from '@/lib/payments/answers';
import { ledgerWallet } from '@/lib/payments/ledger/rail';

export const dynamic = 'force-dynamic';

// The caller's Traqora (ledger) wallet: the balance and one keyset page of postings, newest first.
export const GET = handler({ name: 'wallet.get', auth: 'signed-in', query: pageQuery, response: ledgerWalletAnswer }, async ({ viewer, query }) => {
  const { nextCursor, ...wallet } = await ledgerWallet(viewer.id, query);
  return { data: wallet, nextCursor };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
