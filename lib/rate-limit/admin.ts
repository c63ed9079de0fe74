import 'server-only';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import { forgetAddressRules, type RateLimitRule } from './rules';

// The allow and deny lists as admins manage them (GET/POST/DELETE /api/v1/admin/rate-limits).
// Other instances pick a change up within the rules' cache time; this one at once.

export async function listRateLimitRules(): Promise<RateLimitRule[]> {
  return (await db()).call<RateLimitRule[]>('rate_limit_rules');
}

export async function addRateLimitRule(ctx: AuditContext, rule: { cidr: string; action: 'allow' | 'deny'; note?: string | null }): Promise<RateLimitRule> {
  const added = await (await db()).call<RateLimitRule>('add_rate_limit_rule', { ctx, cidr: rule.cidr, action: rule.action, note: rule.note ?? null });
  forgetAddressRules();
  return added;
}

export async function removeRateLimitRule(ctx: AuditContext, id: number): Promise<RateLimitRule> {
  const removed = await (await db()).call<RateLimitRule>('remove_rate_limit_rule', { ctx, id });
  forgetAddressRules();
  return removed;
}
