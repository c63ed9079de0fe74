import Link from 'next/link';
import { CheckCircle2Icon } from 'lucide-react';
import { CHAIN_SYNC_STATUSES, type ChainSyncRow, type ChainSyncStatus } from '@/lib/loyalty/chain-sync-admin';
import type { ActionResult } from '@/lib/http/action';
import { stamp } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { RetrySyncForm } from './retry-sync-form';

const BADGE = { pending: 'warning', submitted: 'warning', confirmed: 'success', failed: 'destructive', no_wallet: 'outline' } as const;
const LABEL: Record<ChainSyncStatus, string> = { pending: 'pending', submitted: 'submitted', confirmed: 'confirmed', failed: 'failed', no_wallet: 'no wallet' };
const EMPTY: Record<ChainSyncStatus, string> = {
  pending: 'Nobody waiting to be sent', submitted: 'No transaction in flight', confirmed: 'Nobody mirrored on chain yet',
  failed: 'No failed syncs', no_wallet: 'Nobody waiting for a Stellar account',
};

type RetryAction = (prev: ActionResult<ChainSyncRow> | null, form: FormData) => Promise<ActionResult<ChainSyncRow>>;

/**
 * The loyalty contract mirror (the loyalty-chain-sync job's outbox): members by sync status, what
 * was sent (points, tier, sync_seq) and its transaction, and a retry for a failed row.
 */
export function ChainSyncPanel({ status, page, chain, retry }: {
  status: ChainSyncStatus;
  page: { counts: Partial<Record<ChainSyncStatus, number>>; data: ChainSyncRow[]; nextCursor: string | null };
  /** Why the job is off, or null when it runs. */
  chain: string | null;
  retry: RetryAction;
}) {
  return (
    <section aria-labelledby="chain-sync-title" className="flex flex-col gap-3" data-testid="chain-sync">
      <div>
        <h2 id="chain-sync-title" className="text-lg font-semibold">Points on chain</h2>
        <p className="text-sm text-muted-foreground">
          Members’ active points and tier mirrored to the loyalty contract, 20 a transaction.{' '}
          {chain ? `The sync is off here (${chain}); members are queued for when it runs.` : 'The sync runs every minute.'}
        </p>
      </div>
      <nav aria-label="Chain sync status" className="flex flex-wrap gap-2">
        {CHAIN_SYNC_STATUSES.map((s) => (
          <Link key={s} href={`/admin/loyalty?sync=${s}#chain-sync-title`} aria-current={s === status ? 'page' : undefined}
            className={cn('rounded-full border px-3 py-1 text-sm', s === status ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent')}>
            {LABEL[s]} <span className="tabular-nums">({page.counts[s] ?? 0})</span>
          </Link>
        ))}
      </nav>
      {page.data.length === 0 ? (
        <EmptyState icon={CheckCircle2Icon} title={EMPTY[status]} />
      ) : (
        <div className="overflow-x-auto rounded-xl border bg-card">
          <table className="w-full min-w-[52rem] text-sm">
            <caption className="sr-only">Members whose chain sync is {LABEL[status]}, most recent first</caption>
            <thead className="border-b text-left text-muted-foreground">
              <tr>
                <th scope="col" className="p-3 font-medium">Member</th>
                <th scope="col" className="p-3 font-medium">Sent</th>
                <th scope="col" className="p-3 font-medium">Status</th>
                <th scope="col" className="p-3 font-medium">Last error</th>
                <th scope="col" className="p-3 font-medium">Action</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {page.data.map((r) => (
                <tr key={r.member_id} className="align-top">
                  <td className="p-3">
                    <span className="font-mono">{r.member_id.slice(0, 8)}</span>
                    <span className="block break-all font-mono text-xs text-muted-foreground">{r.address ?? 'no account'}</span>
                  </td>
                  <td className="p-3 tabular-nums">
                    {r.points === null ? '—' : `${r.points.toLocaleString('en-US')} points · ${r.tier}`}
                    <span className="block text-xs text-muted-foreground">sync_seq {r.sent_version ?? '—'} · on chain {r.synced_version} · latest {r.version}</span>
                  </td>
                  <td className="p-3">
                    <Badge variant={BADGE[r.status]}>{LABEL[r.status]}</Badge>
                    <span className="block text-xs text-muted-foreground">{r.attempts} attempt{r.attempts === 1 ? '' : 's'} · {stamp(r.updated_at)}</span>
                  </td>
                  <td className="max-w-xs break-words p-3 text-xs">{r.error ?? '—'}{r.tx_hash && <span className="block break-all font-mono">{r.tx_hash}</span>}</td>
                  <td className="p-3">{r.status === 'failed' || r.status === 'no_wallet' ? <RetrySyncForm memberId={r.member_id} action={retry} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && (
        <Link href={`/admin/loyalty?sync=${status}&cursor=${page.nextCursor}#chain-sync-title`} className="self-end text-sm text-primary underline">More members</Link>
      )}
    </section>
  );
}
