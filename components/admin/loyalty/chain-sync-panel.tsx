import { CHAIN_SYNC_STATUSES, type ChainSyncRow, type ChainSyncStatus } from '@/lib/loyalty/chain-sync-admin';
import type { ActionResult } from '@/lib/http/action';
import { OutboxPanel } from './outbox-panel';
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
    <OutboxPanel
      id="chain-sync" title="Points on chain" filterLabel="Chain sync status"
      description={<>Members’ active points and tier mirrored to the loyalty contract, 20 a transaction.{' '}
        {chain ? `The sync is off here (${chain}); members are queued for when it runs.` : 'The sync runs every minute.'}</>}
      statuses={CHAIN_SYNC_STATUSES} status={status} label={(s) => LABEL[s]} badge={BADGE} empty={EMPTY}
      caption={`Members whose chain sync is ${LABEL[status]}, most recent first`}
      hrefFor={(s) => `/admin/loyalty?sync=${s}#chain-sync-title`}
      page={page} rowKey={(r) => r.member_id}
      columns={[
        { header: 'Member', cell: (r) => <>
          <span className="font-mono">{r.member_id.slice(0, 8)}</span>
          <span className="block break-all font-mono text-xs text-muted-foreground">{r.address ?? 'no account'}</span>
        </> },
        { header: 'Sent', cell: (r) => <span className="tabular-nums">
          {r.points === null ? '—' : `${r.points.toLocaleString('en-US')} points · ${r.tier}`}
          <span className="block text-xs text-muted-foreground">sync_seq {r.sent_version ?? '—'} · on chain {r.synced_version} · latest {r.version}</span>
        </span> },
      ]}
      action={(r) => (r.status === 'failed' || r.status === 'no_wallet' ? <RetrySyncForm memberId={r.member_id} action={retry} /> : null)}
      moreHref={(cursor) => `/admin/loyalty?sync=${status}&cursor=${cursor}#chain-sync-title`} moreLabel="More members"
    />
  );
}
