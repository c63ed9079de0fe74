import { QueryClient } from '@tanstack/react-query';

// The app's TanStack Query cache. It is not in the root layout (the home page shows no server
// data, and its first JavaScript must stay within #14's 150 KB budget): the route segments that
// fetch through it wrap their pages in <QueryProvider> (./query-provider.tsx), and the header's
// deferred menus bring it with them. In the browser all of them share this one client, so a
// page, the bell and the live updates read and refresh one cache; on the server each render
// makes its own, so nothing is ever shared between requests.

let browserClient: QueryClient | undefined;

function makeQueryClient(): QueryClient {
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

export function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return makeQueryClient();
  return (browserClient ??= makeQueryClient());
}
