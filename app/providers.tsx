'use client';

import '@/components/shell/zod-without-eval';
import type * as React from 'react';
import { RateLimitNotice } from '@/components/api/rate-limit-notice';
import { deferredComponent } from '@/components/ui/deferred-component';

// Toasts only ever follow an action, so the toaster (and Sonner with it) loads after the page,
// not as part of it. The query cache is not here either: the route segments that fetch through
// it provide it (components/query/query-provider.tsx), so the home page loads none of it.
const Toaster = deferredComponent(() => import('@/components/ui/toaster').then((m) => m.Toaster));

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <>
      {children}
      <Toaster />
      <RateLimitNotice />
    </>
  );
}
