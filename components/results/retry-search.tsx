'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';

/** Asks the server for the same results again (after it could not search). */
export function RetrySearch() {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  return (
    <Button variant="outline" disabled={pending} onClick={() => startTransition(() => router.refresh())}>
      {pending ? 'Trying again…' : 'Try again'}
    </Button>
  );
}
