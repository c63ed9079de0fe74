'use client';

import type * as React from 'react';
import { useClerk } from '@clerk/nextjs';

// Loaded with next/dynamic only for Clerk viewers, so the Clerk client is never imported
// when Clerk is off (its hooks throw outside <ClerkProvider>). Render prop: the caller
// decides whether sign-out is a menu item or a button.
export default function ClerkSignOut({ children }: { children: (signOut: () => void) => React.ReactNode }) {
  const clerk = useClerk();
  return <>{children(() => void clerk.signOut({ redirectUrl: '/' }))}</>;
}
