import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { currentCredential } from '@/lib/api-keys/credential';
import { credentialViewer } from '@/lib/api-keys/viewer';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { isDatabaseProblem } from '@/lib/db/port';
import { clerkProof } from './clerk';
import { resolveViewer } from './resolve';
import { SESSION_COOKIE, verifySession } from './session-token';
import { sessionSecret } from './session-secret';
import type { Viewer } from './types';

interface ViewerState {
  viewer: Viewer | null;
  /** A Clerk-authenticated user whose Traqora account is suspended: treated as signed out, told why. */
  suspended: boolean;
}

const viewerState = cache(async (): Promise<ViewerState> => {
  const { mode } = config();
  // An API request's bearer credential (resolved by handler()) speaks for the caller by itself.
  const bearer = currentCredential();
  if (bearer) return { viewer: await credentialViewer(await db(), bearer), suspended: false };
  const clerk = await clerkProof();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = clerk ? null : await verifySession(token, sessionSecret());
  if (!clerk && !session) return { viewer: null, suspended: false };
  try {
    return { viewer: await resolveViewer(await db(), { clerk, session }, { devPersonas: mode.devPersonas }), suspended: false };
  } catch (err) {
    // ensure_clerk_user refuses a suspended account (routines/30_identity.sql, field "account").
    // Pages render signed out with the root layout's "account suspended" notice instead of failing.
    if (isDatabaseProblem(err) && err.status === 403 && err.field === 'account') return { viewer: null, suspended: true };
    throw err;
  }
});

/**
 * The one way server code learns who is calling (pages, layouts, route handlers, actions).
 * Memoised per request. Returns null when nobody is signed in (or the account is suspended).
 */
export const getViewer = cache(async (): Promise<Viewer | null> => (await viewerState()).viewer);

/** Whether this request comes from a suspended account (the API answers it 403, pages a notice). */
export const isAccountSuspended = cache(async (): Promise<boolean> => (await viewerState()).suspended);
