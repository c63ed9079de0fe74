'use client';

import type * as React from 'react';
import dynamic from 'next/dynamic';
import type { Viewer } from '@/lib/auth/types';
import { useSessionActions } from './use-session-actions';

const ClerkSignOut = dynamic(() => import('./clerk-sign-out'), { ssr: false });

/** Picks the sign-out path for how the viewer signed in; renders the caller's control with it. */
export function SignOutControl({
  source,
  children,
}: {
  source: Viewer['source'];
  children: (signOut: () => void, pending: boolean) => React.ReactNode;
}) {
  const { signOut, pending } = useSessionActions();
  if (source === 'clerk') return <ClerkSignOut>{(clerkSignOut) => children(clerkSignOut, false)}</ClerkSignOut>;
  return <>{children(() => signOut.mutate(), pending)}</>;
}
