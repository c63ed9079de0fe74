import 'server-only';
import { config } from '@/lib/config';
import { bootstrapAdminClerkIds } from './bootstrap';

export interface ClerkProof { userId: string; name?: string; email?: string; admin: boolean }

/**
 * The Clerk user behind this request, when Clerk is configured. `auth()` trusts the state
 * proxy.ts's clerkMiddleware attached after verifying the session token; it is imported only
 * when Clerk is on because it throws without the middleware.
 */
export async function clerkProof(): Promise<ClerkProof | undefined> {
  const { env, mode } = config();
  if (!mode.clerk) return undefined;
  const { auth } = await import('@clerk/nextjs/server');
  const { userId, sessionClaims } = await auth();
  if (!userId) return undefined;
  const claims = (sessionClaims ?? {}) as Record<string, unknown>;
  const admins = bootstrapAdminClerkIds(env);
  return {
    userId,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    email: typeof claims.email === 'string' ? claims.email : undefined,
    admin: admins.includes(userId),
  };
}
