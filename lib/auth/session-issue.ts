import 'server-only';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { setSessionCookie } from './session-cookie';
import { signSession, type SessionSource } from './session-token';
import { sessionSecret } from './session-secret';

/** Starts (or extends) the app's own session for a user, at their current session version (returned). */
export async function issueSession(userId: string, source: SessionSource): Promise<number> {
  const version = await (await db()).call<number | null>('session_version', { user_id: userId });
  // The sign-in functions refuse suspended users first; this is the race where one is suspended in between.
  if (version === null) throw new HttpProblem(403, 'This account is suspended. Contact support.');
  await setSessionCookie(await signSession({ userId, source, version }, sessionSecret()));
  return version;
}

/** Sign out everywhere: every session of the user issued so far stops working, this one included. */
export async function revokeSessions(userId: string): Promise<void> {
  await (await db()).call<number>('revoke_sessions', { user_id: userId });
}
