import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, type PageQuery } from '@/lib/http/cursor';
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

const distributionCursor = z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() });

/** The treasury's figures and one page of its distributions, newest first (`nextCursor` pages on). */
export async function treasurySummary(query: PageQuery = { limit: 20 }): Promise<{ data: TreasurySummary; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, distributionCursor);
  const { distributions_next, ...data } = await (await db()).call<TreasurySummary & { distributions_next: z.infer<typeof distributionCursor> | null }>(
    'trq_treasury_summary', { after, limit: query.limit });
  return { data, nextCursor: encodeCursor(distributions_next) };
}

/** An admin's airdrop: amounts in TRQ (≤ 7 decimals) become base units for the database. */
export async function distribute(ctx: AuditContext, reason: string, recipients: Array<{ user_id: string; amount: string }>) {
  return (await db()).call<{ batch_id: string; recipients: number; total: string; treasury: string }>('trq_distribute', {
    ctx, reason, recipients: recipients.map((r) => ({ user_id: r.user_id, amount: String(parseTrq(r.amount) ?? 0n) })),
  });
}
