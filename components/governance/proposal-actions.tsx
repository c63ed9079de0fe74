'use client';

import { Button } from '@/components/ui/button';
import { ActionMessage, useApiAction } from './use-api-action';

// Queue, execute or cancel: whichever the proposal's state allows the viewer (the server checks).
export function ProposalAction({ proposal, action, label, variant = 'default' }: {
  proposal: number; action: 'queue' | 'execute' | 'cancel'; label: string; variant?: 'default' | 'outline' | 'destructive';
}) {
  const { run, busy, status } = useApiAction();
  return (
    <div className="flex flex-col gap-1">
      <Button variant={variant} onClick={() => run(`/api/v1/governance/proposals/${proposal}/${action}`)} disabled={busy}>{busy ? 'Working…' : label}</Button>
      <ActionMessage status={status} />
    </div>
  );
}
