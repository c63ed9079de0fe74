'use client';

import * as React from 'react';
import { DownloadIcon } from 'lucide-react';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { TableScroll } from '@/components/ui/table-scroll';
import { formatTrq } from '@/lib/governance/trq-amount';
import type { Page, Vote } from '@/lib/governance/types';

const SUPPORT_LABEL = { for: 'For', against: 'Against', abstain: 'Abstain' } as const;

// The votes, by power (default) or newest first, paged with the API's cursor; CSV of them all.
export function VotesTable({ proposal, initial }: { proposal: number; initial: Page<Vote> }) {
  const [sort, setSort] = React.useState<'power' | 'recent'>('power');
  const [rows, setRows] = React.useState(initial.data);
  const [cursor, setCursor] = React.useState(initial.nextCursor);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  const load = async (nextSort: typeof sort, after: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await fetchJson<Page<Vote>>(`/api/v1/governance/proposals/${proposal}/votes?sort=${nextSort}&limit=50${after ? `&cursor=${after}` : ''}`);
      setRows((r) => (after ? [...r, ...page.data] : page.data));
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const sortBy = (s: typeof sort) => { setSort(s); void load(s, null); };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">{rows.length === 0 ? 'No votes yet.' : `Sorted by ${sort === 'power' ? 'voting power' : 'time'}.`}</p>
        <Button variant="outline" size="sm" asChild>
          <a href={`/api/v1/governance/proposals/${proposal}/votes/export`} download><DownloadIcon aria-hidden="true" /> CSV</a>
        </Button>
      </div>
      {rows.length > 0 && (
        <TableScroll label={`Votes on proposal ${proposal}`}>
          <table className="w-full text-sm">
            <caption className="sr-only">Votes on proposal {proposal}</caption>
            <thead className="text-left text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Voter</th>
                <th scope="col" className="py-2 pr-3 font-medium">Vote</th>
                <th scope="col" className="py-2 pr-3 font-medium" aria-sort={sort === 'power' ? 'descending' : 'none'}>
                  <button type="button" className="underline-offset-4 hover:underline" onClick={() => sortBy('power')}>Power</button>
                </th>
                <th scope="col" className="py-2 pr-3 font-medium" aria-sort={sort === 'recent' ? 'descending' : 'none'}>
                  <button type="button" className="underline-offset-4 hover:underline" onClick={() => sortBy('recent')}>When</button>
                </th>
                <th scope="col" className="py-2 font-medium">Receipt</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.id} className="border-t align-top">
                  <td className="py-2 pr-3">
                    <p className="font-medium">{v.voter.display_name}</p>
                    {v.reason && <p className="max-w-prose text-xs break-words text-muted-foreground">“{v.reason}”</p>}
                  </td>
                  <td className="py-2 pr-3">{SUPPORT_LABEL[v.support]}</td>
                  <td className="py-2 pr-3 tabular-nums">{formatTrq(v.weight)}</td>
                  <td className="py-2 pr-3 text-xs text-muted-foreground"><time dateTime={v.cast_at}>{new Date(v.cast_at).toLocaleString('en-GB', { timeZone: 'UTC' })}</time></td>
                  <td className="py-2"><a className="text-primary underline-offset-4 hover:underline" href={`/api/v1/governance/proposals/${proposal}/votes/${v.voter.id}?download=1`}>JSON<span className="sr-only"> receipt of {v.voter.display_name}’s vote</span></a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
      {cursor && <Button variant="outline" onClick={() => load(sort, cursor)} disabled={busy}>{busy ? 'Loading…' : 'More votes'}</Button>}
    </div>
  );
}
