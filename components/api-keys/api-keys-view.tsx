'use client';

import * as React from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { QueryState } from '@/components/ui/query-state';
import { CreateKeyForm } from './create-key-form';
import { KeyList } from './key-list';
import { NewKeyNotice } from './new-key-notice';
import type { ApiKeyPage, IssuedKey, KeyPlan } from './types';

/** The API keys settings: create, the key shown once, the list (paged by cursor) with each key's plan, rotate, revoke. */
export function ApiKeysView({ plans }: { plans: readonly KeyPlan[] }) {
  const [issued, setIssued] = React.useState<IssuedKey | null>(null);
  const keys = useInfiniteQuery({
    queryKey: ['api-keys'],
    queryFn: ({ pageParam, signal }) => fetchJson<ApiKeyPage>(`/api/v1/api-keys?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`, { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => void keys.refetch();
  const onIssued = (key: IssuedKey) => {
    setIssued(key);
    refresh();
  };
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="new-key" className="flex flex-col gap-4 rounded-xl border bg-card p-4 sm:p-6">
        <h2 id="new-key" className="text-lg font-semibold">New key</h2>
        <CreateKeyForm onIssued={onIssued} />
      </section>
      {issued && <NewKeyNotice issued={issued} onDone={() => setIssued(null)} />}
      <section aria-labelledby="your-keys" className="flex flex-col gap-3">
        <h2 id="your-keys" className="text-lg font-semibold">Your keys</h2>
        <QueryState query={keys} label="Loading your API keys…" failed="We couldn’t load your API keys" />
        {keys.data && <KeyList keys={keys.data.pages.flatMap((p) => p.data)} plans={plans} onChanged={refresh} onIssued={onIssued} />}
        {keys.hasNextPage && (
          <Button variant="outline" className="self-center" disabled={keys.isFetchingNextPage} onClick={() => void keys.fetchNextPage()}>
            {keys.isFetchingNextPage ? 'Loading…' : 'Show older keys'}
          </Button>
        )}
      </section>
    </div>
  );
}
