import type { Metadata } from 'next';
import Link from 'next/link';
import { consolePage } from '@/lib/admin/console-page';
import { readListPage } from '@/lib/admin/list-page';
import { treasurySummary } from '@/lib/governance/trq';
import { formatTrq } from '@/lib/governance/trq-amount';
import { listHref } from '@/components/admin/list/href';
import { ListPager } from '@/components/admin/list/pager';
import { ListProblem } from '@/components/admin/list/problem';
import { DistributeForm } from '@/components/governance/distribute-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'TRQ treasury' };

// Admins distribute TRQ from the treasury (the ledger rail's mint authority), audited per batch.
// The distributions list pages by cursor (?cursor=, older batches on the next page).
export default async function TreasuryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await consolePage('treasury.distribute');
  const cursor = (await searchParams).cursor;
  const at = typeof cursor === 'string' ? cursor : undefined;
  const { page, stale } = await readListPage(() => treasurySummary({ cursor: at, limit: 20 }), null);
  const t = page?.data ?? (await treasurySummary()).data;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">TRQ treasury</h1>
      <dl className="grid gap-3 sm:grid-cols-3">
        {[['Treasury', formatTrq(t.treasury)], ['Circulating', formatTrq(t.circulating)], ['Holders', String(t.holders)]].map(([k, v]) => (
          <div key={k} className="rounded-xl border bg-card p-4"><dt className="text-sm text-muted-foreground">{k}</dt><dd className="text-lg font-semibold tabular-nums">{v}</dd></div>
        ))}
      </dl>
      <Card>
        <CardHeader><CardTitle>Distribute TRQ</CardTitle><CardDescription>Up to 50 accounts per batch; the batch is all or nothing and written to the audit log.</CardDescription></CardHeader>
        <CardContent><DistributeForm /></CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>{at ? 'Older distributions' : 'Recent distributions'}</CardTitle></CardHeader>
        <CardContent className="flex flex-col gap-3">
          {stale && <ListProblem>That page of distributions can no longer be read; <Link href="/admin/treasury" className="underline">start from the newest</Link>.</ListProblem>}
          {stale ? null : t.distributions.length === 0 ? <p className="text-sm text-muted-foreground">None yet.</p> : (
            <TableScroll label="Recent distributions">
              <table className="w-full text-sm">
                <thead className="text-left text-muted-foreground"><tr><th scope="col" className="py-2 pr-3 font-medium">When</th><th scope="col" className="py-2 pr-3 font-medium">By</th><th scope="col" className="py-2 pr-3 font-medium">Reason</th><th scope="col" className="py-2 pr-3 font-medium">Recipients</th><th scope="col" className="py-2 font-medium">Total</th></tr></thead>
                <tbody>
                  {t.distributions.map((d) => (
                    <tr key={d.id} className="border-t">
                      <td className="py-2 pr-3 text-xs"><time dateTime={d.at}>{new Date(d.at).toLocaleString('en-GB', { timeZone: 'UTC' })}</time></td>
                      <td className="py-2 pr-3">{d.actor ?? 'Dev seed'}</td>
                      <td className="py-2 pr-3 break-words">{d.reason}</td>
                      <td className="py-2 pr-3 tabular-nums">{d.recipients}</td>
                      <td className="py-2 tabular-nums">{formatTrq(d.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <ListPager first={at ? '/admin/treasury' : null} next={page?.nextCursor ? listHref('/admin/treasury', { cursor: page.nextCursor }) : null} nextLabel="Older distributions" />
        </CardContent>
      </Card>
    </>
  );
}
