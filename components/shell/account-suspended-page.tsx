'use client';

import * as React from 'react';

// Only a suspended account ever sees this page, so its code is not in every page's first load:
// it is rendered on the server as usual and its JavaScript arrives only when it is shown.
const AccountSuspended = React.lazy(() => import('./account-suspended').then((m) => ({ default: m.AccountSuspended })));

export function AccountSuspendedPage() {
  return (
    <React.Suspense>
      <AccountSuspended />
    </React.Suspense>
  );
}
