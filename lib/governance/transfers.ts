import 'server-only';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import type { Page, TrqAccount, TrqMovement } from './types';
import type { TransferInput } from './schemas';
import { parseTrq } from './trq-amount';

// TRQ transfers between holders on the ledger rail (SEP-41 `transfer`): the recipient by account
// id or by a wallet linked to one; the database refuses overspending under its TRQ write lock and
// answers a retried Idempotency-Key with the transfer it already made.

export interface TransferResult { transfer: TrqMovement; account: TrqAccount; replayed: boolean }

async function recipient(to: string): Promise<string> {
  if (!to.startsWith('G')) return to;
  const owner = await (await db()).call<{ id: string } | null>('account_for_wallet', { account: to });
  if (!owner) throw new HttpProblem(422, 'No Traqora account has linked this wallet.', [{ field: 'to', message: 'is not a wallet linked to an account' }]);
  return owner.id;
}

export async function sendTrq(from: string, input: TransferInput, idem: { key: string; hash: string }): Promise<TransferResult> {
  return (await db()).call<TransferResult>('trq_send', {
    from, to: await recipient(input.to), amount: String(parseTrq(input.amount) ?? 0n), memo: input.memo,
    idempotency_key: idem.key, request_hash: idem.hash,
  });
}

export async function trqHistory(holder: string, q: { cursor?: number; limit: number }): Promise<Page<TrqMovement>> {
  return (await db()).call<Page<TrqMovement>>('trq_movements_of', { holder, cursor: q.cursor ?? null, limit: q.limit });
}
