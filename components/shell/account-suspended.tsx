'use client';

import { LogOutIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { SignOutControl } from './sign-out-control';
import { StatusPage } from './status-page';

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
        <SignOutControl source="clerk">
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
