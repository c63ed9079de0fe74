'use client';

import '@/components/shell/zod-without-eval';
import type * as React from 'react';
import { RateLimitNotice } from '@/components/api/rate-limit-notice';
import dynamic from 'next/dynamic';

// Toasts only ever follow an action, so the toaster (and Sonner with it) loads after the page,
// not as part of it. The query cache is not here either: the route segments that fetch through
// it provide it (components/query/query-provider.tsx), so the home page loads none of it.
const Toaster = dynamic(() => import('@/components/ui/toaster').then((m) => m.Toaster), { ssr: false });

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <>
      {children}
      <Toaster />
      <RateLimitNotice />
    </>
  );
}
