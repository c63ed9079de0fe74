import 'server-only';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from './session-token';

// The app's own session cookie (dev personas and wallet sign-in; Clerk keeps its own).

export async function setSessionCookie(token: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config().env.NODE_ENV === 'production',
    path: '/',
    maxAge: SESSION_TTL_SECONDS,
  });
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
