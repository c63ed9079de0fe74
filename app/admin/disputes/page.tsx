import type { Metadata } from 'next';
import Link from 'next/link';
import { GavelIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { listDisputes } from '@/lib/disputes/desk';
import { listQuery } from '@/lib/disputes/schema';
import { DESK_STATUS_LABEL } from '@/components/disputes/status';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { money, stamp } from '@/components/flights/format';
import { cn } from '@/components/ui/cn';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Disputes' };

const TABS = [
  { status: 'open', label: 'Open' },
  { status: 'awaiting_evidence', label: 'Awaiting evidence' },
  { status: 'escalated', label: 'With the jury' },
  { status: 'resolved', label: 'Resolved' },
  { status: 'closed', label: 'Closed' },
] as const;

export default async function DisputeQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer } = await consolePage('disputes.manage');
  const parsed = listQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const status = query.status ?? (query.pnr ? undefined : 'open');
  const page = await listDisputes(viewer.id, true, { status, pnr: query.pnr, cursor: query.cursor, limit: 25 });
  const qs = (extra: Record<string, string | undefined>) =>
    '?' + new URLSearchParams(Object.entries({ status, pnr: query.pnr, ...extra }).filter((e): e is [string, string] => !!e[1])).toString();

  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Disputes</h1>
        <p className="text-sm text-muted-foreground">
          Travellers’ disputes, newest first. The escrow of a disputed booking is frozen until it is resolved here or by the TRQ jury.
        </p>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <nav aria-label="Dispute status" className="flex flex-wrap gap-2">
          {TABS.map((t) => (
            <Link key={t.status} href={`/admin/disputes?status=${t.status}`} aria-current={t.status === status ? 'page' : undefined}
              className={cn('rounded-full border px-3 py-1 text-sm', t.status === status ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent')}>
              {t.label}
            </Link>
          ))}
        </nav>
        <form role="search" className="flex gap-2" action="/admin/disputes">
          <label htmlFor="dispute-pnr" className="sr-only">Booking reference</label>
          <Input id="dispute-pnr" name="pnr" defaultValue={query.pnr ?? ''} placeholder="Booking reference" maxLength={6} className="w-40 font-mono uppercase" />
          <Button type="submit" variant="outline">Find</Button>
        </form>
      </div>
      {!parsed.success && <p role="alert" className="text-sm text-destructive">{parsed.error.issues[0]?.message}</p>}
      {page.data.length === 0 ? (
        <EmptyState icon={GavelIcon} title={query.pnr ? `No disputes on ${query.pnr}` : `No ${status ? DESK_STATUS_LABEL[status].toLowerCase() : ''} disputes`} />
      ) : (
        <div className="overflow-x-auto rounded-xl border bg-card">
          <table className="w-full min-w-[48rem] text-sm">
            <caption className="sr-only">Disputes, newest first</caption>
            <thead className="border-b text-left text-muted-foreground">
              <tr>
                <th scope="col" className="p-3 font-medium">Booking</th>
                <th scope="col" className="p-3 font-medium">Traveller</th>
                <th scope="col" className="p-3 font-medium">Reason</th>
                <th scope="col" className="p-3 font-medium">Held</th>
                <th scope="col" className="p-3 font-medium">Status</th>
                <th scope="col" className="p-3 font-medium">Opened</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {page.data.map((d) => (
                <tr key={d.id} data-pnr={d.pnr} className="align-top">
                  <td className="p-3">
                    <Link href={`/admin/disputes/${d.id}`} className="font-mono font-semibold tracking-widest text-primary underline-offset-4 hover:underline">
                      {d.pnr}
                    </Link>
                  </td>
                  <td className="p-3">{d.traveller_name}</td>
                  <td className="max-w-xs p-3">
                    <span className="line-clamp-2">{d.reason}</span>
                    <span className="text-xs text-muted-foreground">{d.evidence_count} file{d.evidence_count === 1 ? '' : 's'}</span>
                  </td>
                  <td className="p-3 tabular-nums">{money(d.held_minor, d.currency, { cents: true })}</td>
                  <td className="p-3"><Badge variant="secondary">{DESK_STATUS_LABEL[d.status]}</Badge></td>
                  <td className="p-3 whitespace-nowrap">{stamp(d.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && (
        <Link href={`/admin/disputes${qs({ cursor: page.nextCursor })}`} className="self-end text-sm text-primary underline">
          Older disputes
        </Link>
      )}
    </>
  );
}
