import type { Metadata } from 'next';
import Link from 'next/link';
import { DownloadIcon, ScrollTextIcon } from 'lucide-react';
import { listAudit } from '@/lib/admin/audit';
import { consolePage } from '@/lib/admin/console-page';
import { auditQuery, instant } from '@/lib/admin/query';
import { isHttpProblem } from '@/lib/http/problem';
import { AuditRows } from '@/components/admin/audit-rows';
import { VerifyChain } from '@/components/admin/verify-chain';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminAuditPage({ searchParams }: { searchParams: Search }) {
  await consolePage('audit.read');
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' && raw[k] ? (raw[k] as string).trim() : undefined);
  const form = { actor: one('actor'), action: one('action'), resource_type: one('resource_type'), resource_id: one('resource_id'), from: one('from'), to: one('to') };
  // The page takes days (date inputs); the API takes instants: a day runs from its midnight to the next (UTC).
  const from = form.from ? instant.safeParse(form.from) : undefined;
  const to = form.to ? instant.safeParse(form.to) : undefined;
  const api: Record<string, string> = {};
  for (const k of ['actor', 'action', 'resource_type', 'resource_id'] as const) if (form[k]) api[k] = form[k]!;
  if (from?.success) api.from = from.data.toISOString();
  if (to?.success) api.to = new Date(to.data.getTime() + (/^\d{4}-\d{2}-\d{2}$/.test(form.to!) ? 86_400_000 : 0)).toISOString();
  const parsed = auditQuery.safeParse({ ...api, cursor: one('cursor'), limit: '50' });
  let problem = [from, to].some((r) => r && !r.success) ? 'from and to must be dates' : undefined;
  let page: Awaited<ReturnType<typeof listAudit>> = { data: [], nextCursor: null };
  if (!parsed.success) problem = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
  else if (!problem) {
    try {
      page = await listAudit(parsed.data);
    } catch (err) {
      if (!isHttpProblem(err) || err.status !== 400) throw err;
      problem = 'That page link is out of date; start from the first page.';
    }
  }
  const kept = new URLSearchParams(Object.entries(form).filter(([, v]) => v) as [string, string][]);

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="text-sm text-muted-foreground">Every staff change, newest first. Rows are append-only and hash-chained.</p>
        </div>
        <Button asChild variant="outline">
          <a href={`/api/v1/admin/audit.csv?${new URLSearchParams(api)}`} download><DownloadIcon aria-hidden="true" /> Export CSV</a>
        </Button>
      </div>
      <VerifyChain />
      <form method="get" action="/admin/audit" className="grid gap-3 rounded-xl border bg-card p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-3" aria-label="Filter the audit log">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="a-actor" className="text-sm font-medium">Actor (user id)</label>
          <Input id="a-actor" name="actor" defaultValue={form.actor} maxLength={36} />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="a-action" className="text-sm font-medium">Action</label>
          <Input id="a-action" name="action" defaultValue={form.action} placeholder="booking.cancelled" maxLength={80} />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <div className="flex flex-col gap-1.5">
            <label htmlFor="a-type" className="text-sm font-medium">Resource</label>
            <Input id="a-type" name="resource_type" defaultValue={form.resource_type} placeholder="booking" maxLength={40} />
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="a-id" className="text-sm font-medium">Resource id</label>
            <Input id="a-id" name="resource_id" defaultValue={form.resource_id} placeholder="PNR or id" maxLength={100} />
          </div>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="a-from" className="text-sm font-medium">From</label>
          <Input id="a-from" type="date" name="from" defaultValue={form.from} />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="a-to" className="text-sm font-medium">To (inclusive)</label>
          <Input id="a-to" type="date" name="to" defaultValue={form.to} />
        </div>
        <div className="flex items-end gap-2">
          <Button type="submit">Filter</Button>
          <Button asChild variant="ghost"><Link href="/admin/audit">Clear</Link></Button>
        </div>
      </form>
      {problem && <Banner variant="error" title="These filters can’t be used">{problem}</Banner>}
      {page.data.length ? <AuditRows rows={page.data} /> : !problem && (
        <EmptyState icon={ScrollTextIcon} title="No audit rows match" headingLevel={2}>Staff changes appear here as they happen.</EmptyState>
      )}
      <nav aria-label="Pages" className="flex gap-2">
        {one('cursor') && <Button asChild variant="outline" size="sm"><Link href={`/admin/audit?${kept}`}>First page</Link></Button>}
        {page.nextCursor && (
          <Button asChild variant="outline" size="sm">
            <Link href={`/admin/audit?${new URLSearchParams({ ...Object.fromEntries(kept), cursor: page.nextCursor })}`}>Next page</Link>
          </Button>
        )}
      </nav>
    </>
  );
}
