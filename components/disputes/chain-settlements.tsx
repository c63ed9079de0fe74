import type { ChainSettlement } from '@/lib/disputes/types';
import { TOKEN_DECIMALS } from '@/lib/stellar/token-units';

// A decision on a booking paid on chain, as the escrow carried it out: one row per segment, with
// what the escrow's own event says it paid (token units: the escrow's fee need not be whole cents).

const STATUS: Record<ChainSettlement['status'], string> = {
  pending: 'waiting to be sent', submitted: 'sent, waiting for the ledger', confirmed: 'confirmed on chain', failed: 'failed: support retries it from Money',
};

/** Token base units as a decimal amount with at least 2 and at most 7 decimals. */
export function tokenAmount(units: string): string {
  const v = BigInt(units);
  const scale = 10n ** BigInt(TOKEN_DECIMALS);
  const frac = (v % scale).toString().padStart(TOKEN_DECIMALS, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${(v / scale).toLocaleString('en-US')}.${frac}`;
}

export function ChainSettlements({ rows, currency }: { rows: ChainSettlement[]; currency: string }) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="chain-settlements-title" className="flex flex-col gap-2 text-sm">
      <h2 id="chain-settlements-title" className="font-semibold">On chain</h2>
      <ul className="flex flex-col gap-2">
        {rows.map((s) => (
          <li key={s.seq} className="rounded-lg border p-2">
            <p>Flight {s.seq}: {STATUS[s.status]}{s.error && s.status === 'confirmed' ? ` (${s.error})` : ''}</p>
            {s.moved && (
              <p className="text-muted-foreground">
                traveller {tokenAmount(s.moved.refund)} · airline {tokenAmount(s.moved.to_airline)} · escrow fee {tokenAmount(s.moved.fee)} {currency}
              </p>
            )}
            {s.tx_hash && <p className="font-mono text-xs break-all text-muted-foreground">tx {s.tx_hash}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
