import type * as React from 'react';

/**
 * Wraps the page in <ClerkProvider> only when Clerk is configured: the provider throws
 * without keys, and with Clerk off its module should not even load (hence the dynamic import).
 */
export async function ClerkBoundary({ enabled, nonce, children }: { enabled: boolean; nonce?: string; children: React.ReactNode }) {
  if (!enabled) return <>{children}</>;
  const { ClerkProvider } = await import('@clerk/nextjs');
  return <ClerkProvider dynamic nonce={nonce}>{children}</ClerkProvider>;
}
