'use client';

import Link from 'next/link';
import * as React from 'react';
import { lazyToast as toast } from '@/components/ui/lazy-toast';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import type { PriceWatch } from '@/lib/watches/types';

export interface WatchRequest {
  origin: string;
  destination: string;
  depart_date: string;
  return_date?: string;
  cabin: string;
  adults: number;
  children: number;
}

/**
 * "Track prices" for the search on screen: creates a watch (one Idempotency-Key per click, kept
 * for the retry of that click). Signed out, it offers sign-in and comes back here.
 */
/** `icons`: drawn on the server (price-history.tsx), so the results page loads no icon code for them. */
export function WatchButton({ request, signedIn, returnTo, icons }: { request: WatchRequest; signedIn: boolean; returnTo: string; icons: { track: React.ReactNode; done: React.ReactNode } }) {
  // One request at a time and no cache to update (the watch list is another page): plain state,
  // not the query cache, which the results page does not load (#14's budget).
  const [state, setState] = React.useState<'idle' | 'pending' | 'done' | 'failed'>('idle');
  const keyRef = React.useRef<string>('');
  const create = async () => {
    if (state !== 'failed' || !keyRef.current) keyRef.current = crypto.randomUUID();
    setState('pending');
    try {
      const { data } = await fetchJson<{ data: PriceWatch }>('/api/v1/watches', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': keyRef.current },
        body: JSON.stringify(request),
      });
      setState('done');
      toast.success(`Tracking ${data.origin}–${data.destination}`, { description: 'We will tell you when the price drops.' });
    } catch (err) {
      setState('failed');
      toast.error('Could not track this route', { description: (err as Error).message });
    }
  };
  if (!signedIn) {
    return (
      <Button asChild variant="outline" size="sm">
        <Link href={`/sign-in?redirect_url=${encodeURIComponent(returnTo)}`} prefetch={false}>
          {icons.track} Sign in to track prices
        </Link>
      </Button>
    );
  }
  if (state === 'done') {
    return (
      <Button asChild variant="outline" size="sm">
        <Link href="/watches">{icons.done} Tracking · see your watches</Link>
      </Button>
    );
  }
  return (
    <Button variant="outline" size="sm" disabled={state === 'pending'} onClick={() => void create()}>
      {icons.track} {state === 'pending' ? 'Tracking…' : 'Track prices'}
    </Button>
  );
}
