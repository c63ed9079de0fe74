import type { Metadata } from 'next';
import { consolePage } from '@/lib/admin/console-page';
import { treasurySummary } from '@/lib/governance/trq';
import { formatTrq } from '@/lib/governance/trq-amount';
import { DistributeForm } from '@/components/governance/distribute-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'TRQ treasury' };

// Admins distribute TRQ from the treasury (the ledger rail's mint authority), audited per batch.
export default async function TreasuryPage() {
  await consolePage('treasury.distribute');
  const t = await treasurySummary();
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
        <CardHeader><CardTitle>Recent distributions</CardTitle></CardHeader>
        <CardContent>
          {t.distributions.length === 0 ? <p className="text-sm text-muted-foreground">None yet.</p> : (
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
        </CardContent>
      </Card>
    </>
  );
}
