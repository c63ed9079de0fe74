'use client';

import * as React from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { GavelIcon, Loader2Icon } from 'lucide-react';
import { formatTrq, parseTrq } from '@/lib/governance/trq-amount';
import type { JurorStatus } from '@/lib/disputes/types';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { JuryCaseCard } from './jury-case';
import { jurorKey, useJuror } from './use-disputes';
import { useJuryNow } from './use-jury-now';

/** The juror's page: their stake and the cases they sit on. */
export function JuryDesk({ viewerId }: { viewerId: string }) {
  const juror = useJuror();
  const now = useJuryNow(juror.data?.now, juror.dataUpdatedAt);
  if (juror.data === undefined) {
    return <QueryState query={juror} label="Loading your jury duty…" skeleton={<Skeleton className="h-40 w-full" />} failed="We couldn’t load your jury duty" />;
  }
  const j = juror.data;
  return (
    <div className="flex flex-col gap-6">
      <StakeCard juror={j} />
      <section aria-labelledby="cases-title" className="flex flex-col gap-4">
        <h2 id="cases-title" className="text-lg font-semibold">Your cases</h2>
        {j.cases.length === 0 ? (
          <EmptyState icon={GavelIcon} title="No cases yet">
            {j.active ? 'You are in the pool: when a dispute draws you, it shows here.' : 'Stake TRQ to join the juror pool.'}
          </EmptyState>
        ) : (
          j.cases.map((c) => <JuryCaseCard key={`${c.dispute_id}-${c.round}`} kase={c} viewerId={viewerId} now={now} />)
        )}
      </section>
    </div>
  );
}

function StakeCard({ juror: j }: { juror: JurorStatus }) {
  const queryClient = useQueryClient();
  const [amount, setAmount] = React.useState(j.active ? '' : formatTrq(j.min_stake, { unit: false }).replace(/,/g, ''));
  const stake = useMutation({
    mutationFn: (base: string) =>
      fetchJson<{ data: JurorStatus }>('/api/v1/jury/stake', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: base }) }),
    onSuccess: ({ data }) => { queryClient.setQueryData(jurorKey, data); setAmount(''); },
  });
  const leave = useMutation({
    mutationFn: () => fetchJson<{ data: JurorStatus }>('/api/v1/jury/withdraw', { method: 'POST' }),
    onSuccess: ({ data }) => queryClient.setQueryData(jurorKey, data),
  });
  const parsed = parseTrq(amount);
  const error = amount && parsed === null ? 'Enter an amount of TRQ such as 100 or 12.5' : stake.isError ? stake.error.message : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">{j.active ? 'You are in the juror pool' : 'Join the juror pool'}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
          <dt className="text-muted-foreground">Staked</dt>
          <dd className="font-medium tabular-nums">{formatTrq(j.staked)}</dd>
          <dt className="text-muted-foreground">Balance</dt>
          <dd className="tabular-nums">{formatTrq(j.balance)}</dd>
          <dt className="text-muted-foreground">Minimum stake</dt>
          <dd className="tabular-nums">{formatTrq(j.min_stake)} (what a case puts at risk)</dd>
        </dl>
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (parsed !== null && parsed > 0n) stake.mutate(parsed.toString());
          }}
        >
          <Field id="stake-amount" label={j.active ? 'Add to your stake (TRQ)' : 'Stake (TRQ)'} error={error} className="sm:w-64">
            <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
          </Field>
          <Button type="submit" disabled={stake.isPending || parsed === null}>
            {stake.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} {j.active ? 'Add stake' : 'Stake and join'}
          </Button>
        </form>
        {j.active && (
          <div className="flex flex-col gap-1">
            <Button variant="outline" className="w-fit" onClick={() => leave.mutate()} disabled={leave.isPending}>Withdraw my stake</Button>
            {leave.isError && <p role="alert" className="text-destructive">{leave.error.message}</p>}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
