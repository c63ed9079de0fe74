'use client';

import '@/components/shell/zod-without-eval';
import * as React from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ThemeProvider } from 'next-themes';
import { RateLimitNotice } from '@/components/api/rate-limit-notice';
import dynamic from 'next/dynamic';

// Toasts only ever follow an action, so the toaster (and Sonner with it) loads after the page,
// not as part of it.
const Toaster = dynamic(() => import('@/components/ui/toaster').then((m) => m.Toaster), { ssr: false });

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Reference data (airports) barely changes; avoid refetching it on every focus.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: 1,
      },
    },
  });
}

export function Providers({ nonce, children }: { nonce?: string; children: React.ReactNode }) {
  // One client per browser tab, created lazily so a server render never shares it between requests.
  const [queryClient] = React.useState(makeQueryClient);
  return (
    <ThemeProvider nonce={nonce} attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <QueryClientProvider client={queryClient}>
        {children}
        <Toaster />
        <RateLimitNotice />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
