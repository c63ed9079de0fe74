import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import type { PayoutAccount } from '@/lib/airline/types';
import type { SettlementMoved } from '@/lib/payments/soroban/settlement-events';

// The console's view of money on chain: the soroban rail's settlement outbox (its failed rows and
// the audited retry that puts one back for the signer), and every airline's payout account.
// The signer itself (lib/payments/soroban/settle.ts) is untouched: a retry only re-queues.

export const SETTLEMENT_STATUSES = ['pending', 'submitted', 'confirmed', 'failed'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

export interface SettlementRow {
  id: number;
  pnr: string;
  seq: number;
  airline: string;
  chain_booking_id: string;
  kind: 'release' | 'cancellation';
  refund_minor: number;
  share_minor: number;
  currency: string;
  status: SettlementStatus;
  tx_hash: string | null;
  attempts: number;
  error: string | null;
  /** What the escrow's event says a confirmed row paid, in token base units (refund + to_airline + fee = escrowed; to_sponsor where points paid part). */
  moved: SettlementMoved | null;
  created_at: string;
  updated_at: string;
}

export const settlementsQuery = z.object({
  status: z.enum(SETTLEMENT_STATUSES, { error: `must be one of ${SETTLEMENT_STATUSES.join(', ')}` }).optional(),
  cursor: z.string().regex(/^\d{1,18}$/, 'is not a cursor this list issued').optional(),
  limit: z.coerce.number({ error: 'must be 1 to 200' }).int('must be 1 to 200').min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
});

export const settlementId = z.object({ id: z.coerce.number({ error: 'must be a settlement id' }).int('must be a settlement id').positive('must be a settlement id').max(2 ** 53 - 1, 'must be a settlement id') });

export const retryBody = z.object({ reason: z.string().trim().min(3, 'must be 3 to 500 characters').max(500, 'must be 3 to 500 characters') });

export async function listSettlements(q: z.output<typeof settlementsQuery>) {
  const page = await (await db()).call<{ data: SettlementRow[]; next: number | null; counts: Partial<Record<SettlementStatus, number>> }>('admin_chain_settlements', {
    status: q.status ?? null, before_id: q.cursor ? Number(q.cursor) : null, limit: q.limit ?? 50,
  });
  return { data: page.data, counts: page.counts, nextCursor: page.next === null ? null : String(page.next) };
}

/** The outbox row itself (the table's columns, as the retry answers it): the booking by id, not by PNR. */
export type OutboxRow = Omit<SettlementRow, 'pnr' | 'airline' | 'share_minor' | 'currency'> & { booking_id: string };

/** ctx.reason says why (recorded in the audit row). 409 unless the row failed. */
export async function retrySettlement(ctx: AuditContext, id: number): Promise<OutboxRow> {
  return (await db()).call<OutboxRow>('admin_retry_chain_settlement', { ctx, id });
}

export async function payoutAccounts(): Promise<PayoutAccount[]> {
  return (await db()).call<PayoutAccount[]>('admin_payout_accounts', {});
}
