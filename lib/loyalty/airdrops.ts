import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import type { Airdrop } from './types';

// Airdrops (permission rewards.manage): a batch of at most 50 recipients receiving points or a
// badge, credited a few recipients per run so the console shows progress; every credit audited
// (supabase/routines/95_airdrops.sql). The 50 is the issue's limit, checked again by the database.

export const MAX_RECIPIENTS = 50;

export const airdropSchema = z.object({
  batch_id: z.uuid('must be a UUID the sender chose for this batch'),
  kind: z.enum(['points', 'badge'], { error: 'must be points or badge' }),
  points: z.number({ error: 'must be a number of points' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1,000,000').optional(),
  badge: z.string().trim().regex(/^[a-z][a-z0-9_]{1,40}$/, 'must be a badge code').optional(),
  reason: z.string({ error: 'is required' }).trim().min(3, 'must be 3 to 300 characters').max(300, 'must be 3 to 300 characters'),
  // Not capped here: the database refuses more than 50 with a 422 that says how many were sent.
  recipients: z.array(z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'), { error: 'must be a list of wallet addresses, emails or member ids' })
    .min(1, 'must name at least one recipient').max(1000, 'must be at most 1000 entries'),
}).superRefine((b, ctx) => {
  if (b.kind === 'points' && b.points === undefined) ctx.addIssue({ code: 'custom', path: ['points'], message: 'is required for a points airdrop' });
  if (b.kind === 'badge' && b.badge === undefined) ctx.addIssue({ code: 'custom', path: ['badge'], message: 'is required for a badge airdrop' });
});
export type AirdropInput = z.output<typeof airdropSchema>;

export const airdropListQuery = z.object({
  cursor: z.uuid('is not a cursor from this list').optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
});

export const runQuery = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_RECIPIENTS, 'must be at most 50').default(10),
});

export async function createAirdrop(ctx: AuditContext, input: AirdropInput): Promise<Airdrop & { replayed: boolean }> {
  const { batch_id, recipients, ...spec } = input;
  return (await db()).call('loyalty_airdrop_create', { ctx, batch: batch_id, spec, recipients });
}

export async function runAirdrop(ctx: AuditContext, id: string, limit: number): Promise<Airdrop> {
  return (await db()).call('loyalty_airdrop_run', { ctx, batch: id, limit });
}

export async function getAirdrop(id: string): Promise<Airdrop> {
  return (await db()).call('loyalty_airdrop', { batch: id });
}

export async function listAirdrops(q: z.output<typeof airdropListQuery>): Promise<{ data: Omit<Airdrop, 'recipients'>[]; nextCursor: string | null }> {
  const page = await (await db()).call<{ data: Omit<Airdrop, 'recipients'>[]; next_cursor: string | null }>('loyalty_airdrops', { cursor: q.cursor ?? null, limit: q.limit });
  return { data: page.data, nextCursor: page.next_cursor };
}
