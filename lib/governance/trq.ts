import 'server-only';
import { db } from '@/lib/db/connect';
import type { AuditContext } from '@/lib/admin/audit-context';
import type { Delegate, Page, TrqAccount } from './types';
import { parseTrq } from './trq-amount';

// TRQ on the ledger rail: the holder's account, delegation, the treasury's distributions.

export async function trqAccount(holder: string): Promise<TrqAccount> {
  return (await db()).call<TrqAccount>('trq_account', { holder });
}

export async function delegateVotes(holder: string, delegate: string | null): Promise<TrqAccount & { changed: boolean }> {
  return (await db()).call('trq_delegate', { holder, delegate });
}

export async function setDelegateStatement(holder: string, statement: string | null): Promise<TrqAccount> {
  return (await db()).call<TrqAccount>('trq_set_delegate_statement', { holder, statement });
}

export async function listDelegates(q: { cursor?: string; limit: number }): Promise<Page<Delegate>> {
  return (await db()).call<Page<Delegate>>('governance_delegates', { cursor: q.cursor ?? null, limit: q.limit });
}

export interface TreasurySummary {
  treasury: string;
  circulating: string;
  holders: number;
  distributions: Array<{ id: string; at: string; reason: string; recipients: number; total: string; actor: string | null }>;
}

export async function treasurySummary(): Promise<TreasurySummary> {
  return (await db()).call<TreasurySummary>('trq_treasury_summary', { limit: 20 });
}

/** An admin's airdrop: amounts in TRQ (≤ 7 decimals) become base units for the database. */
export async function distribute(ctx: AuditContext, reason: string, recipients: Array<{ user_id: string; amount: string }>) {
  return (await db()).call<{ batch_id: string; recipients: number; total: string; treasury: string }>('trq_distribute', {
    ctx, reason, recipients: recipients.map((r) => ({ user_id: r.user_id, amount: String(parseTrq(r.amount) ?? 0n) })),
  });
}
