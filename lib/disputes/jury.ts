import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, type PageQuery } from '@/lib/http/cursor';
import type { Dispute, JurorStatus } from './types';

// The juror's side of the jury (supabase/routines/68_jury.sql): stake, commit, reveal; the
// tally and the appeal.

const caseCursor = z.object({ drawn_at: z.iso.datetime({ offset: true }), round_id: z.number().int().positive() });

/** The juror's standing with one page of the cases they sit on, newest draw first (`nextCursor` pages on). */
export async function jurorStatus(userId: string, query: PageQuery = { limit: 50 }): Promise<{ data: JurorStatus; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, caseCursor);
  const { cases_next, ...data } = await (await db()).call<JurorStatus & { cases_next: z.infer<typeof caseCursor> | null }>(
    'juror_status', { user_id: userId, after, limit: query.limit });
  return { data, nextCursor: encodeCursor(cases_next) };
}

/**
 * The juror functions answer juror_json: the standing with the first page of cases and that
 * page's keyset position (`cases_next`), which only GET /jury turns into a `nextCursor`. The
 * actions answer the standing alone, so the raw position never reaches a caller.
 */
async function standing(fn: 'jury_opt_in' | 'jury_withdraw' | 'jury_commit' | 'jury_reveal', args: Record<string, unknown>): Promise<JurorStatus> {
  const status = await (await db()).call<JurorStatus & { cases_next?: unknown }>(fn, args);
  delete status.cases_next;
  return status;
}

/** Stakes `amount` TRQ base units (a decimal string) from the holder's balance. */
export async function stake(userId: string, amount: string): Promise<JurorStatus> {
  return standing('jury_opt_in', { user_id: userId, amount });
}

export async function withdraw(userId: string): Promise<JurorStatus> {
  return standing('jury_withdraw', { user_id: userId });
}

export async function commitVote(userId: string, disputeId: string, commitment: string): Promise<JurorStatus> {
  return standing('jury_commit', { user_id: userId, dispute_id: disputeId, commitment });
}

export async function revealVote(userId: string, disputeId: string, option: number, salt: string): Promise<JurorStatus> {
  return standing('jury_reveal', { user_id: userId, dispute_id: disputeId, option, salt });
}

/** Tallies the latest round once its reveal window has closed (anyone may ask; 409 before). */
export async function tally(ctx: AuditContext | null, disputeId: string): Promise<Dispute> {
  return (await db()).call<Dispute>('jury_tally', { ctx: ctx ?? { actor: null, role: null, reason: null, ip: null, request_id: 'job' }, dispute_id: disputeId });
}

/** The traveller's one appeal; draws the appeal jury in a second transaction. */
export async function appeal(userId: string, disputeId: string): Promise<Dispute> {
  const database = await db();
  await database.call('appeal_dispute', { user_id: userId, dispute_id: disputeId });
  return database.call<Dispute>('draw_jury', { dispute_id: disputeId });
}
