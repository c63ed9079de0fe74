'use client';

import * as React from 'react';

/**
 * false on the server and while this component hydrates; true right after, in a transition.
 *
 * The usual `useSyncExternalStore(subscribe, () => true, () => false)` answers the same, but
 * React re-renders every component whose store changed after hydration synchronously, in one task:
 * with the header's first-use buttons, the toaster and the results' panel that was a long task of
 * its own on every phone page (#15, bench/main-thread.mts: `performSyncWorkOnRoot` under
 * `flushPassiveEffects`). As a transition the same re-render is one batch React can split and
 * interrupt. A component first mounted after the page hydrated (a client-side navigation) renders
 * once with false and then true, a frame later, which is why it is not used where that frame
 * would show (components/flights/local-stamp.tsx).
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = React.useState(false);
  React.useEffect(() => {
    React.startTransition(() => setHydrated(true));
  }, []);
  return hydrated;
}
