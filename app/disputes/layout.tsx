import type * as React from 'react';
import { QueryProvider } from '@/components/query/query-provider';

// These pages read the query cache, which the root layout leaves out (components/query/query-client.ts).
export default function DisputesLayout({ children }: { children: React.ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
