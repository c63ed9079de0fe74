'use client';

import { LogOutIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { deferredComponent } from '@/components/ui/deferred-component';
import { StatusPage } from './status-page';

// Signing out (the session mutations, their toasts) loads only when this page is shown. It reads
// the query cache, which the root layout does not provide: the provider comes with it.
const SignOutControl = deferredComponent(() =>
  Promise.all([import('./sign-out-control'), import('@/components/query/query-provider')]).then(([m, q]) => q.withQueryProvider(m.SignOutControl)));

/**
 * What a suspended account sees instead of any page: why, and a way out. Only Clerk sign-ins
 * get here (a wallet or dev session of a suspended user stops resolving and is refused at sign-in).
 */
export function AccountSuspended() {
  return (
    <StatusPage
      code="403"
      title="This account is suspended"
      actions={
        <SignOutControl
          source="clerk"
          fallback={
            <Button variant="outline" disabled>
              <LogOutIcon aria-hidden="true" /> Sign out
            </Button>
          }
        >
          {(signOut, pending) => (
            <Button variant="outline" disabled={pending} onClick={signOut}>
              <LogOutIcon aria-hidden="true" /> Sign out
            </Button>
          )}
        </SignOutControl>
      }
    >
      <p>An administrator has suspended this account, so it cannot book or pay for now. Bookings already made are kept as they are.</p>
      <p className="mt-2">If you think this is a mistake, contact Traqora support.</p>
    </StatusPage>
  );
}
