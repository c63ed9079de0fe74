import 'server-only';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, signSession } from './session-token';
import { sessionSecret } from './session-secret';
import { PERSONAS, type Role, type Viewer } from './types';

/**
 * Signs in as a dev persona (created on first use, reused after) and sets the session
 * cookie. Returns null — and does nothing — where personas are not allowed.
 */
export async function signInDevPersona(input: { role: Role; name?: string; airline?: string }): Promise<Viewer | null> {
  if (!config().mode.devPersonas) return null;
  const name = input.name ?? PERSONAS.find((p) => p.role === input.role)!.name;
  const row = await (await db()).call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: input.role, name, airline: input.airline });
  await setSessionCookie(await signSession({ userId: row.id, source: 'dev' }, sessionSecret()));
  return { ...row, source: 'dev' };
}

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
