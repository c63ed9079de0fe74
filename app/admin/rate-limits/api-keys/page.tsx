import type { Metadata } from 'next';
import Link from 'next/link';
import { KeyRoundIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { readListPage } from '@/lib/admin/list-page';
import { listAllApiKeys } from '@/lib/api-keys/admin';
import { config } from '@/lib/config';
import { PLAN_NAME } from '@/lib/config/env';
import { apiPlans, planFor } from '@/lib/rate-limit/plans';
import { ApiKeyPlanForm } from '@/components/admin/api-key-plan-form';
import { ListHeader } from '@/components/admin/list/header';
import { listHref } from '@/components/admin/list/href';
import { ListPager } from '@/components/admin/list/pager';
import { ListProblem } from '@/components/admin/list/problem';
import { ListTable } from '@/components/admin/list/table';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API keys and plans' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const STATUS = { active: 'success', expired: 'secondary', revoked: 'destructive' } as const;

export default async function AdminApiKeysPage({ searchParams }: { searchParams: Search }) {
  await consolePage('rate_limits.manage');
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' && raw[k] ? (raw[k] as string) : undefined);
  const { env } = config();
  const plans = apiPlans(env);
  const plan = PLAN_NAME.test(one('plan') ?? '') ? one('plan') : undefined;
  const q = one('q')?.slice(0, 100);
  const { page, stale } = await readListPage(() => listAllApiKeys({ q, plan, cursor: one('cursor'), limit: 50 }), { data: [], nextCursor: null });
  const href = (extra: Record<string, string | undefined> = {}) => listHref('/admin/rate-limits/api-keys', { q, plan, ...extra });
  const window = env.RATE_LIMIT_WINDOW_SECONDS;

  return (
    <>
      <ListHeader title="API keys and plans">
        Every user’s keys with their plan and last use. A key’s plan sets how many requests it may make per {window} s; moving it
        counts from its next request. Plans are set in the server’s configuration (RATE_LIMIT_API_KEY, RATE_LIMIT_API_PLANS).{' '}
        <Link href="/admin/rate-limits" className="text-primary underline underline-offset-4">All rate limits</Link>
      </ListHeader>
      <form method="get" action="/admin/rate-limits/api-keys" className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-4 shadow-sm">
        <div className="flex min-w-56 flex-1 flex-col gap-1.5">
          <label htmlFor="k-q" className="text-sm font-medium">Search</label>
          <Input id="k-q" name="q" defaultValue={q} placeholder="Key name or prefix, owner name, email or id" maxLength={100} />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="k-plan" className="text-sm font-medium">Plan</label>
          <NativeSelect id="k-plan" name="plan" defaultValue={plan ?? ''} className="w-44">
            <option value="">Any</option>
            {plans.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
          </NativeSelect>
        </div>
        <Button type="submit">Search</Button>
      </form>
      {stale && <ListProblem>That page of keys can no longer be read; <Link href={href()} className="underline">start from the first page</Link>.</ListProblem>}
      <ListTable
        caption="API keys, newest first"
        rows={page.data}
        rowKey={(k) => k.id}
        rowData={(k) => ({ 'data-key-prefix': k.prefix })}
        className="min-w-[56rem]"
        empty={stale ? null : <EmptyState icon={KeyRoundIcon} title="No API keys match" headingLevel={2}>Try another name, prefix or plan.</EmptyState>}
        columns={[
          {
            header: 'Key',
            cell: (k) => (
              <>
                <span className="font-medium">{k.name}</span> <code className="text-xs">{k.prefix}_…</code>
                <span className="mt-1 flex gap-1"><Badge variant={STATUS[k.status]}>{k.status}</Badge>{k.rotated_to && <Badge variant="outline">replaced</Badge>}</span>
              </>
            ),
          },
          {
            header: 'Owner',
            cell: (k) => (
              <>
                <Link href={`/admin/users/${k.owner.id}`} className="font-medium text-primary underline-offset-4 hover:underline">{k.owner.name}</Link>
                <span className="block text-xs text-muted-foreground">{k.owner.email ?? 'no email'}</span>
              </>
            ),
          },
          {
            header: 'Plan',
            cell: (k) => {
              const counted = planFor(k.plan, env);
              return (
                <>
                  <Badge variant={counted.isDefault ? 'secondary' : 'default'}>{k.plan}</Badge>
                  <span className="block text-xs text-muted-foreground">
                    {counted.name === k.plan ? `${counted.quota.toLocaleString('en-US')} / ${window} s` : `not configured: counted as ${counted.name}`}
                  </span>
                </>
              );
            },
          },
          { header: 'Last used', className: 'whitespace-nowrap', cell: (k) => (k.last_used_at ? k.last_used_at.slice(0, 16).replace('T', ' ') : 'never') },
          {
            header: 'Change plan',
            cell: (k) => (k.status === 'active' && !k.rotated_to
              ? <ApiKeyPlanForm keyId={k.id} keyName={k.name} plan={k.plan} plans={plans} windowSeconds={window} />
              : <span className="text-xs text-muted-foreground">Only a working key that was not replaced can move.</span>),
          },
        ]}
      />
      <ListPager first={one('cursor') ? href() : null} next={page.nextCursor ? href({ cursor: page.nextCursor }) : null} />
    </>
  );
}
