'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';

// Queue, execute or cancel: whichever the proposal's state allows the viewer (the server checks).
export function ProposalAction({ proposal, action, label, variant = 'default' }: {
  proposal: number; action: 'queue' | 'execute' | 'cancel'; label: string; variant?: 'default' | 'outline' | 'destructive';
}) {
  const router = useRouter();
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await fetchJson(`/api/v1/governance/proposals/${proposal}/${action}`, { method: 'POST' });
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-1">
      <Button variant={variant} onClick={run} disabled={busy}>{busy ? 'Working…' : label}</Button>
      {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
    </div>
  );
}
