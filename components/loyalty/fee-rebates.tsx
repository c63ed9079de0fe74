import { ExternalLinkIcon } from 'lucide-react';
import type { FeeRebate } from '@/lib/loyalty/types';
import { money } from '@/components/flights/format';
import { TIER_NAME } from './tiers';

// On a soroban trip's chain panel: the traveller's tier share of the platform fee the escrow took
// at release, paid back to the account that paid (the escrow itself knows no tiers).

const STATUS: Record<FeeRebate['status'], string> = { pending: 'on its way', submitted: 'sending', confirmed: 'paid', failed: 'delayed; an operator will retry' };

export function FeeRebateList({ rebates, explorerUrl }: { rebates: FeeRebate[]; explorerUrl: string | null }) {
  if (rebates.length === 0) return null;
  return (
    <div data-testid="fee-rebates">
      <h3 className="mb-1 font-semibold">Tier benefit</h3>
      <ul className="flex flex-col gap-1">
        {rebates.map((r) => (
          <li key={r.chain_booking_id}>
            {TIER_NAME[r.tier]}: {money(r.amount_minor, r.currency, { cents: true })} of the {money(r.fee_minor, r.currency, { cents: true })} platform fee
            back ({r.bps / 100}%) · {STATUS[r.status]}
            {r.tx_hash && r.status === 'confirmed' && explorerUrl && (
              <>
                {' · '}
                <a href={`${explorerUrl}/tx/${r.tx_hash}`} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-mono text-primary underline underline-offset-2">
                  {r.tx_hash.slice(0, 8)}…
                  <ExternalLinkIcon className="size-3.5" aria-hidden="true" />
                  <span className="sr-only">(opens Stellar Expert in a new tab)</span>
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
