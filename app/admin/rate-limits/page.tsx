import type { Metadata } from 'next';
import Link from 'next/link';
import { GaugeIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { listRateLimitRules } from '@/lib/rate-limit/admin';
import { config } from '@/lib/config';
import { apiPlans } from '@/lib/rate-limit/plans';
import { AddRuleForm, RemoveRuleButton } from '@/components/admin/rate-limit-forms';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Rate limits' };

export default async function AdminRateLimitsPage() {
  await consolePage('rate_limits.manage');
  const rules = await listRateLimitRules();
  const { env } = config();
  const limits = [
    ['Anonymous, per IP', env.RATE_LIMIT_ANONYMOUS], ['Signed in, per user', env.RATE_LIMIT_SIGNED_IN],
    ['Sign-in', env.RATE_LIMIT_SIGN_IN], ['Booking creation', env.RATE_LIMIT_BOOKING], ['Payment', env.RATE_LIMIT_PAYMENT],
  ] as const;
  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Rate limits</h1>
        <p className="text-sm text-muted-foreground">
          Requests per {env.RATE_LIMIT_WINDOW_SECONDS} s, set in the server’s configuration (RATE_LIMIT_*). Repeat offenders are blocked
          for {env.RATE_LIMIT_BLOCK_SECONDS} s, doubling each time within a day.
        </p>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        {limits.map(([label, n]) => (
          <div key={label} className="rounded-xl border bg-card p-3">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{n.toLocaleString('en-US')}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="rl-plans" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="rl-plans" className="text-lg font-semibold">API key plans, per key</h2>
          <Link href="/admin/rate-limits/api-keys" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            See keys and change their plans
          </Link>
        </div>
        <dl className="grid gap-3 sm:grid-cols-3">
          {apiPlans(env).map((p) => (
            <div key={p.name} className="rounded-xl border bg-card p-3">
              <dt className="text-xs text-muted-foreground">{p.name}{p.isDefault && ' (every new key)'}</dt>
              <dd className="text-lg font-semibold tabular-nums">{p.quota.toLocaleString('en-US')}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="rl-add" className="flex flex-col gap-3 rounded-xl border bg-card p-4 shadow-sm">
        <h2 id="rl-add" className="text-lg font-semibold">Allow or deny a network</h2>
        <AddRuleForm />
      </section>
      <section aria-labelledby="rl-rules" className="flex flex-col gap-3">
        <h2 id="rl-rules" className="text-lg font-semibold">Rules</h2>
        {rules.length === 0 ? (
          <EmptyState icon={GaugeIcon} title="No rules">Every caller is counted against the limits above.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2" aria-label="Allow and deny rules">
            {rules.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border bg-card px-3 py-2 text-sm">
                <span className="flex flex-wrap items-center gap-2">
                  <code>{r.cidr}</code>
                  <Badge variant={r.action === 'deny' ? 'destructive' : 'success'}>{r.action}</Badge>
                  {r.note && <span className="text-muted-foreground">{r.note}</span>}
                </span>
                <RemoveRuleButton id={r.id} cidr={r.cidr} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
