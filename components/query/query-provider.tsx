'use client';

import * as React from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { getQueryClient } from './query-client';

/** The shared query cache for what it wraps: a route segment's pages, or one deferred header menu. */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  // useState: one client per server render; in the browser getQueryClient() is the tab's one client.
  const [client] = React.useState(getQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** A component that reads the query cache, wrapped so it can be rendered where no segment provides it (the header). */
export function withQueryProvider<P extends object>(Component: React.ComponentType<P>): React.ComponentType<P> {
  function WithQueryProvider(props: P) {
    return (
      <QueryProvider>
        <Component {...props} />
      </QueryProvider>
    );
  }
  WithQueryProvider.displayName = `WithQueryProvider(${Component.displayName ?? Component.name})`;
  return WithQueryProvider;
}
