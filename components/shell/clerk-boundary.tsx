import type * as React from 'react';

// Clerk's publishable key is inlined at build time (the README asks for it at build and start
// alike), so a build without it drops the import below altogether: Clerk's client is then not
// part of any page's JavaScript, rather than merely not rendered.
const loadClerk = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ? () => import('@clerk/nextjs') : null;

/**
 * Wraps the page in <ClerkProvider> only when Clerk is configured: the provider throws
 * without keys, and with Clerk off its module should not even load (hence the dynamic import).
 */
export async function ClerkBoundary({ enabled, nonce, children }: { enabled: boolean; nonce?: string; children: React.ReactNode }) {
  if (!enabled || !loadClerk) return <>{children}</>;
  const { ClerkProvider } = await loadClerk();
  return <ClerkProvider dynamic nonce={nonce}>{children}</ClerkProvider>;
}
