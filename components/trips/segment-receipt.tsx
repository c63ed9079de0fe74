'use client';

import { useMutation } from '@tanstack/react-query';
import { BadgeCheckIcon, ExternalLinkIcon, ShieldCheckIcon } from 'lucide-react';
import type { SegmentReceipt, VerifiedReceipt } from '@/lib/payments/soroban/receipts';
import { fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';

// A segment's soulbound receipt on the trip page: its token, status and the transaction that
// minted it (an explorer link), and a button that asks the receipts contract itself.

const STATUS: Record<SegmentReceipt['status'], string> = { active: 'valid — trip not flown yet', flown: 'flown', voided: 'void (refunded)' };

export function SegmentReceiptLine({ receipt, explorerUrl }: { receipt: SegmentReceipt; explorerUrl: string | null }) {
  const short = `${receipt.minted_tx.slice(0, 8)}…${receipt.minted_tx.slice(-6)}`;
  return (
    <p className="mt-1 flex flex-wrap items-center gap-1 text-xs" data-testid="segment-receipt">
      <BadgeCheckIcon className="size-3.5 text-primary" aria-hidden="true" />
      Receipt #{receipt.token_id} · {STATUS[receipt.status]} · minted in{' '}
      {explorerUrl ? (
        <a href={`${explorerUrl}/tx/${receipt.minted_tx}`} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-mono text-primary underline underline-offset-2">
          {short}
          <ExternalLinkIcon className="size-3" aria-hidden="true" />
          <span className="sr-only">(opens Stellar Expert in a new tab)</span>
        </a>
      ) : (
        <span className="font-mono">{short}</span>
      )}
    </p>
  );
}

export function VerifyReceipts({ pnr }: { pnr: string }) {
  const verify = useMutation({
    mutationFn: () => fetchJson<{ data: (VerifiedReceipt & { seq: number })[] }>(`/api/v1/bookings/${encodeURIComponent(pnr)}/receipts`).then((r) => r.data),
  });
  return (
    <div className="flex flex-col gap-2">
      <Button type="button" variant="outline" size="sm" className="self-start" onClick={() => verify.mutate()} disabled={verify.isPending}>
        <ShieldCheckIcon aria-hidden="true" /> {verify.isPending ? 'Asking the contract…' : 'Verify receipts on chain'}
      </Button>
      {verify.isError && <Banner variant="error" compact>{verify.error.message}</Banner>}
      {verify.data && (
        <ul className="flex flex-col gap-1 text-xs" aria-live="polite" data-testid="verified-receipts">
          {verify.data.map((r) => (
            <li key={r.token_id}>
              Receipt #{r.token_id} ({r.flight_number}): {r.verified ? 'verified — held by the passenger and not void' : 'not valid'}, status {r.status}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
