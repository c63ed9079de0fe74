import type { ChainLive } from '@/lib/governance/soroban/chain-live';
import type { Proposal } from '@/lib/governance/types';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

const STATE_TEXT: Record<string, string> = {
  pending: 'Pending — voting opens at the snapshot ledger', active: 'Active — voting is open', defeated: 'Defeated', cancelled: 'Cancelled',
  succeeded: 'Succeeded — anyone may queue it', queued: 'Queued in the timelock', expired: 'Expired', executed: 'Executed',
};

// A soroban-rail proposal as the governor contract sees it: its state read now (or what Traqora
// last recorded when the chain cannot be read), the ledgers that bound it, and the transactions.
export function ChainCard({ proposal, live }: { proposal: Proposal; live: ChainLive | null }) {
  const c = proposal.chain;
  const state = live?.state ?? c?.state ?? null;
  const rows: Array<[string, React.ReactNode]> = [
    ['Governor says', state ? STATE_TEXT[state] ?? state : 'not read yet'],
    ['Ledger now', live ? live.ledger.toLocaleString('en-GB') : 'the chain could not be read'],
    ['Snapshot ledger', c?.snapshot_ledger?.toLocaleString('en-GB') ?? '—'],
    ['Voting ends at ledger', c?.deadline_ledger?.toLocaleString('en-GB') ?? '—'],
  ];
  const eta = live?.eta_ledger ?? c?.eta_ledger ?? null;
  if (eta !== null) rows.push(['Executable from ledger', eta.toLocaleString('en-GB')]);
  return (
    <Card>
      <CardHeader><CardTitle>On chain</CardTitle></CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {rows.map(([k, v]) => (
            <div key={k} className="contents"><dt className="text-muted-foreground">{k}</dt><dd className="tabular-nums">{v}</dd></div>
          ))}
        </dl>
        <p className="text-xs text-muted-foreground break-all">Governor proposal <code>{proposal.chain_proposal_id}</code></p>
        {c?.tx_hash && <p className="text-xs text-muted-foreground break-all">Proposed in transaction <code>{c.tx_hash}</code></p>}
      </CardContent>
    </Card>
  );
}
