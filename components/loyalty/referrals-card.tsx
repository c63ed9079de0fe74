'use client';

import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { CheckIcon, CopyIcon, Share2Icon, UsersIcon } from 'lucide-react';
import type { LoyaltyReferrals } from '@/lib/loyalty/types';
import { fetchJson } from '@/components/api/fetch-json';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { TableScroll } from '@/components/ui/table-scroll';
import { points } from './tiers';

// The member's referrals: their code and link to copy or share, the bonuses (governed), this
// year's referrer bonuses against the cap, and the travellers they referred with each status.

const STATUS: Record<LoyaltyReferrals['referees'][number]['status'], { label: string; variant: 'secondary' | 'success' | 'outline' }> = {
  joined: { label: 'Joined — first trip to come', variant: 'secondary' },
  rewarded: { label: 'Flew — bonus earned', variant: 'success' },
  capped: { label: 'Flew — yearly cap reached', variant: 'outline' },
};
const noSubscription = () => () => {};
const day = (iso: string) => new Date(iso).toLocaleDateString('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function ReferralsCard() {
  const id = React.useId();
  const [copied, setCopied] = React.useState(false);
  // The browser's origin and share sheet, known after hydration (the server renders without them).
  const origin = React.useSyncExternalStore(noSubscription, () => window.location.origin, () => '');
  const canShare = React.useSyncExternalStore(noSubscription, () => typeof navigator.share === 'function', () => false);
  const q = useQuery({
    queryKey: ['loyalty', 'referrals'],
    queryFn: ({ signal }) => fetchJson<{ data: LoyaltyReferrals }>('/api/v1/loyalty/referrals', { signal }).then((r) => r.data),
  });
  if (q.data === undefined) {
    return <QueryState query={q} label="Loading your referrals…" skeleton={<Skeleton className="h-40 w-full" />} failed="We couldn’t load your referrals" />;
  }
  const r = q.data;
  const link = r.code && origin ? `${origin}/loyalty/join/${r.code}` : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // no clipboard (an insecure origin, a refused permission): select the link to copy by hand
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      return;
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2500);
  };
  const share = () => navigator.share?.({ title: 'Join me on Traqora', text: `Use my code ${r.code}: we both earn points on your first trip.`, url: link }).catch(() => {});

  return (
    <Card data-testid="referrals">
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <UsersIcon className="size-5" aria-hidden="true" /> Invite friends
        </CardTitle>
        <CardDescription>
          When a friend joins with your link and flies their first trip, you earn {points(r.bonus.referrer)} points and they earn {points(r.bonus.referee)}.
          {' '}You have earned {r.this_year.rewarded} of {r.this_year.cap} referral bonuses this year.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={id}>
            Your link (code <span className="font-mono font-semibold" data-testid="referral-code">{r.code}</span>)
          </Label>
          <div className="flex flex-wrap gap-2">
            <Input id={id} readOnly value={link} className="min-w-0 flex-1 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
            <Button type="button" variant="outline" onClick={copy} disabled={!link}>
              {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />} {copied ? 'Copied' : 'Copy link'}
            </Button>
            {canShare && (
              <Button type="button" variant="outline" onClick={share} disabled={!link}>
                <Share2Icon aria-hidden="true" /> Share
              </Button>
            )}
          </div>
          <p className="sr-only" aria-live="polite">{copied ? 'Link copied' : ''}</p>
        </div>
        {r.referred_by && (
          <p className="text-sm text-muted-foreground" data-testid="referred-by">
            You joined with a friend’s code on {day(r.referred_by.claimed_at)}:{' '}
            {r.referred_by.status === 'rewarded' ? `you earned ${points(r.referred_by.points)} points on your first trip.` : 'your bonus comes with your first flown trip.'}
          </p>
        )}
        {r.referees.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nobody has joined with your link yet.</p>
        ) : (
          <TableScroll label="Friends who joined" className="-mx-2">
            <table className="w-full text-sm">
              <caption className="px-2 pb-1 text-left text-sm font-semibold">Friends who joined</caption>
              <thead>
                <tr className="border-b text-left text-muted-foreground">
                  <th scope="col" className="px-2 py-1.5 font-medium">Friend</th>
                  <th scope="col" className="px-2 py-1.5 font-medium">Joined</th>
                  <th scope="col" className="px-2 py-1.5 font-medium">Status</th>
                  <th scope="col" className="px-2 py-1.5 text-right font-medium">Your points</th>
                </tr>
              </thead>
              <tbody>
                {r.referees.map((f) => (
                  <tr key={`${f.name}-${f.claimed_at}`} className="border-b last:border-0">
                    <th scope="row" className="px-2 py-1.5 text-left font-medium">{f.name}</th>
                    <td className="px-2 py-1.5">{day(f.claimed_at)}</td>
                    <td className="px-2 py-1.5"><Badge variant={STATUS[f.status].variant}>{STATUS[f.status].label}</Badge></td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{points(f.points)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </CardContent>
    </Card>
  );
}
