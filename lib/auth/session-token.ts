import { SignJWT, jwtVerify } from 'jose';

// The app's own session (dev personas and wallet sign-in; Clerk keeps its own). A short JWT
// in an HttpOnly cookie: stateless, so any instance can verify it.

export const SESSION_COOKIE = 'tq_session';
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;
const ISSUER = 'traqora';

export type SessionSource = 'dev' | 'wallet';
/**
 * `version` is the user's session version when the token was issued: the token is honoured only
 * while it is still current (sign out everywhere, suspension: supabase/routines/32_sessions.sql).
 */
export interface SessionClaims { userId: string; source: SessionSource; version: number }

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signSession(claims: SessionClaims, secret: string, ttlSeconds = SESSION_TTL_SECONDS): Promise<string> {
  return new SignJWT({ src: claims.source, ver: claims.version })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** The claims of a valid, unexpired token signed with `secret`; null for anything else. */
export async function verifySession(token: string | undefined, secret: string): Promise<SessionClaims | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'] });
    const source = payload.src;
    if (typeof payload.sub !== 'string' || (source !== 'dev' && source !== 'wallet')) return null;
    // Tokens issued before versions existed name none: they hold version 1, every user's first.
    const version = payload.ver === undefined ? 1 : payload.ver;
    if (!Number.isSafeInteger(version) || (version as number) < 1) return null;
    return { userId: payload.sub, source, version: version as number };
  } catch {
    return null;
  }
}
