import type * as React from 'react';
import Link from 'next/link';
import { CheckCircle2Icon } from 'lucide-react';
import { stamp } from '@/components/flights/format';
import { ListTable, type ListColumn } from '@/components/admin/list/table';
import { StatusTabs } from '@/components/admin/list/tabs';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';

// One of the Rewards console's chain outboxes (the loyalty contract mirror, the tier fee rebates):
// rows by status with a count per status, what each row sends, its status with attempts, its
// last error and transaction, and an action (a retry). The panels differ only in their rows'
// leading columns, words and action; the layout, paging and status filter live here once, on
// the console's list pieces (components/admin/list).

type Variant = 'warning' | 'success' | 'destructive' | 'outline';

/** What every outbox row has: its status, how often it was tried, its last error and transaction. */
export interface OutboxRow<S extends string> {
  status: S;
  attempts: number;
  updated_at: string;
  error: string | null;
  tx_hash: string | null;
}

export function OutboxPanel<S extends string, R extends OutboxRow<S>>({
  id, title, description, statuses, status, label, badge, empty, filterLabel, caption, hrefFor, page, rowKey, columns, txLabel, action, moreHref, moreLabel,
}: {
  /** The section's anchor: the heading's id, and its testid without `-title`. */
  id: string;
  title: string;
  description: React.ReactNode;
  statuses: readonly S[];
  status: S;
  label: (s: S) => string;
  badge: Record<S, Variant>;
  empty: Record<S, string>;
  /** The status filter's accessible name. */
  filterLabel: string;
  caption: string;
  /** The console URL showing one status (first page). */
  hrefFor: (s: S) => string;
  page: { counts: Partial<Record<S, number>>; data: R[]; nextCursor: string | null };
  rowKey: (row: R) => string;
  /** The columns before Status, Last error and Action. */
  columns: ListColumn<R>[];
  /** Words before the last transaction's hash under the error (none: the hash alone). */
  txLabel?: string;
  action: (row: R) => React.ReactNode;
  moreHref: (cursor: string) => string;
  moreLabel: string;
}) {
  const common: ListColumn<R>[] = [
    { header: 'Status', cell: (r) => <>
      <Badge variant={badge[r.status]}>{label(r.status)}</Badge>
      <span className="block text-xs text-muted-foreground">{r.attempts} attempt{r.attempts === 1 ? '' : 's'} · {stamp(r.updated_at)}</span>
    </> },
    { header: 'Last error', className: 'max-w-xs break-words text-xs', cell: (r) => <>
      {r.error ?? '—'}
      {r.tx_hash && <span className="mt-1 block break-all font-mono text-muted-foreground">{txLabel ? `${txLabel} ` : ''}{r.tx_hash}</span>}
    </> },
    { header: 'Action', cell: (r) => action(r) ?? '—' },
  ];
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3" data-testid={id}>
      <div>
        <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
        <p className="text-sm text-muted-foreground">{description}</p>
      </div>
      <StatusTabs label={filterLabel} current={status}
        tabs={statuses.map((s) => ({ value: s, href: hrefFor(s), label: <>{label(s)} <span className="tabular-nums">({page.counts[s] ?? 0})</span></> }))} />
      <ListTable caption={caption} columns={[...columns, ...common]} rows={page.data} rowKey={rowKey} className="min-w-[52rem]"
        empty={<EmptyState icon={CheckCircle2Icon} title={empty[status]} />} />
      {page.nextCursor && (
        <Link href={moreHref(page.nextCursor)} className="self-end text-sm text-primary underline">{moreLabel}</Link>
      )}
    </section>
  );
}
