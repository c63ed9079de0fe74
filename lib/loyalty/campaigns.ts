import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';

// Campaigns (rewards managers): date-bounded bonus points on matching bookings — a multiplier
// of the booking's points or a fixed number per booking — by route, airline, cabin or fare
// family. Bonus points earn no tier credits. The loyalty consumer applies them when it earns a
// booking's points (supabase/routines/95_loyalty.sql, loyalty_campaign_bonus).

export interface Campaign {
  id: number;
  name: string;
  kind: 'multiplier' | 'fixed';
  value: number;
  starts_at: string;
  ends_at: string;
  origin: string | null;
  destination: string | null;
  airline: string | null;
  cabin: string | null;
  fare_family: string | null;
  status: 'scheduled' | 'running' | 'ended';
  created_by: string | null;
  created_at: string;
}

const iata = (n: number, what: string) => z.string().trim().toUpperCase().regex(new RegExp(`^[A-Z${n === 2 ? '0-9' : ''}]{${n}}$`), `must be a ${n}-character ${what} code`);

export const campaignSchema = z.object({
  name: z.string({ error: 'is required' }).trim().min(3, 'must be 3 to 120 characters').max(120, 'must be 3 to 120 characters'),
  kind: z.enum(['multiplier', 'fixed'], { error: 'must be multiplier or fixed' }),
  value: z.number({ error: 'must be a number' }),
  starts_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with its offset' }),
  ends_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with its offset' }),
  origin: iata(3, 'airport').optional(),
  destination: iata(3, 'airport').optional(),
  airline: iata(2, 'airline').optional(),
  cabin: z.enum(['economy', 'premium_economy', 'business', 'first'], { error: 'must be economy, premium_economy, business or first' }).optional(),
  fare_family: z.string().trim().min(1).max(40).optional(),
}).superRefine((c, ctx) => {
  if (c.kind === 'multiplier' && !(c.value > 1 && c.value <= 10)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a multiplier must be above 1 and at most 10' });
  if (c.kind === 'fixed' && !(Number.isInteger(c.value) && c.value >= 1 && c.value <= 100_000)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'fixed points must be a whole number from 1 to 100,000' });
  if (Date.parse(c.ends_at) <= Date.parse(c.starts_at)) ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'must be after starts_at' });
  if (!c.origin !== !c.destination) ctx.addIssue({ code: 'custom', path: [c.origin ? 'destination' : 'origin'], message: 'a route needs both origin and destination' });
});
export type CampaignInput = z.output<typeof campaignSchema>;

export const campaignListQuery = z.object({
  cursor: z.string().regex(/^[1-9][0-9]{0,17}$/, 'is not a cursor from this list').transform(Number).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
});

export async function listCampaigns(q: z.output<typeof campaignListQuery>): Promise<{ data: Campaign[]; nextCursor: string | null }> {
  const page = await (await db()).call<{ data: Campaign[]; next_cursor: number | null }>('loyalty_campaigns', { cursor: q.cursor ?? null, limit: q.limit });
  return { data: page.data, nextCursor: page.next_cursor === null ? null : String(page.next_cursor) };
}

export async function createCampaign(ctx: AuditContext, input: CampaignInput, key: string): Promise<Campaign & { replayed: boolean }> {
  return (await db()).call('loyalty_create_campaign', { ctx, campaign: input, key });
}

export async function endCampaign(ctx: AuditContext, id: number): Promise<Campaign> {
  return (await db()).call('loyalty_end_campaign', { ctx, id });
}
