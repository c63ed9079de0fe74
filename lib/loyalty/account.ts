import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { HISTORY_KINDS, type LoyaltyEntry, type LoyaltyHistoryPage, type LoyaltyHistoryRows, type LoyaltyStats, type LoyaltySummary } from './types';

export type { LoyaltyEntry, LoyaltyHistoryPage, LoyaltyStats, LoyaltySummary } from './types';

export const historyQuerySchema = z.object({
  kind: z.enum(HISTORY_KINDS, { error: `must be one of ${HISTORY_KINDS.join(', ')}` }).optional(),
  cursor: z.string().regex(/^[1-9][0-9]{0,17}$/, 'is not a cursor from this history').transform(Number).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  /** csv: every row (of the kind), newest first, as a download; cursor and limit do not apply. */
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json'),
});
export type HistoryQuery = z.output<typeof historyQuerySchema>;

/** The member's balances, tier credits this year, tier and referral code. */
export async function loyaltySummary(userId: string): Promise<LoyaltySummary> {
  return (await db()).call<LoyaltySummary>('loyalty_summary', { user_id: userId });
}

/** The member's ledger, newest first, one page at a time (`nextCursor` as the search API pages). */
export async function loyaltyHistory(userId: string, q: HistoryQuery): Promise<LoyaltyHistoryPage> {
  const page = await (await db()).call<LoyaltyHistoryRows>('loyalty_history', { user_id: userId, kind: q.kind ?? null, cursor: q.cursor ?? null, limit: q.limit });
  return { data: page.data, nextCursor: page.next_cursor === null ? null : String(page.next_cursor) };
}

/** The loyalty page's charts: points by month and source, tier credits over the year. */
export async function loyaltyStats(userId: string): Promise<LoyaltyStats> {
  return (await db()).call<LoyaltyStats>('loyalty_stats', { user_id: userId });
}

/** The most rows a CSV export holds (newest first); a member's lifetime is far below it. */
export const CSV_MAX_ROWS = 10_000;

/** Every row of the member's history (of one kind), newest first, paged through the same function. */
export async function loyaltyHistoryRows(userId: string, kind: HistoryQuery['kind']): Promise<LoyaltyEntry[]> {
  const rows: LoyaltyEntry[] = [];
  let cursor: number | null = null;
  do {
    const page: LoyaltyHistoryRows = await (await db()).call<LoyaltyHistoryRows>('loyalty_history', { user_id: userId, kind: kind ?? null, cursor, limit: 100 });
    rows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null && rows.length < CSV_MAX_ROWS);
  return rows.slice(0, CSV_MAX_ROWS);
}
