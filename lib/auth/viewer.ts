import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { currentCredential } from '@/lib/api-keys/credential';
import { credentialViewer } from '@/lib/api-keys/viewer';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { clerkProof } from './clerk';
import { resolveViewer } from './resolve';
import { SESSION_COOKIE, verifySession } from './session-token';
import { sessionSecret } from './session-secret';
import type { Viewer } from './types';

/**
 * The one way server code learns who is calling (pages, layouts, route handlers, actions).
 * Memoised per request. Returns null when nobody is signed in.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const { mode } = config();
  // An API request's bearer credential (resolved by handler()) speaks for the caller by itself.
  const bearer = currentCredential();
  if (bearer) return credentialViewer(await db(), bearer);
  const clerk = await clerkProof();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = clerk ? null : await verifySession(token, sessionSecret());
  if (!clerk && !session) return null;
  return resolveViewer(await db(), { clerk, session }, { devPersonas: mode.devPersonas });
});
