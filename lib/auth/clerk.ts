import 'server-only';
import { headers } from 'next/headers';
import { config } from '@/lib/config';
import { bootstrapAdminClerkIds } from './bootstrap';

export interface ClerkProof { userId: string; name?: string; email?: string; admin: boolean }

// One answer per request. Both the rate limit (who to count) and the viewer (who is calling)
// ask, and every auth() call costs real CPU: it checks the HMAC proxy.ts's clerkMiddleware put
// on the token and decrypts the middleware's request data three times, all in Clerk's bundled
// pure-JavaScript crypto — about a tenth of the app server's work per booking. Keyed on the
// request's own headers object (Next hands out the same one for the whole request), so an answer
// can never outlive its request or reach another one.
const proofs = new WeakMap<object, Promise<ClerkProof | undefined>>();

/**
 * The Clerk user behind this request, when Clerk is configured. `auth()` trusts the state
 * proxy.ts's clerkMiddleware attached after verifying the session token; it is imported only
 * when Clerk is on because it throws without the middleware.
 */
export async function clerkProof(): Promise<ClerkProof | undefined> {
  const { mode } = config();
  if (!mode.clerk) return undefined;
  const request = await headers();
  let proof = proofs.get(request);
  if (!proof) {
    proof = readProof();
    proofs.set(request, proof);
  }
  return proof;
}

async function readProof(): Promise<ClerkProof | undefined> {
  const { auth } = await import('@clerk/nextjs/server');
  const { userId, sessionClaims } = await auth();
  if (!userId) return undefined;
  const claims = (sessionClaims ?? {}) as Record<string, unknown>;
  const admins = bootstrapAdminClerkIds(config().env);
  return {
    userId,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    email: typeof claims.email === 'string' ? claims.email : undefined,
    admin: admins.includes(userId),
  };
}
