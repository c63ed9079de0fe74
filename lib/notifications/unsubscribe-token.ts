import { SignJWT, jwtVerify } from 'jose';
import { createHash } from 'node:crypto';

// The unsubscribe link in every email works signed out: its token, signed with a key derived
// from the session secret (never the session key itself), names the user, the kind and the
// channel. It does not expire — an old email's link must still work — and it can only ever
// turn one kind of message off.

const PURPOSE = 'traqora:unsubscribe';

function key(secret: string): Uint8Array {
  return createHash('sha256').update(`${PURPOSE}\u0000${secret}`).digest();
}

export interface UnsubscribeClaim {
  userId: string;
  type: string;
  channel: string;
}

export async function signUnsubscribe(claim: UnsubscribeClaim, secret: string): Promise<string> {
  return new SignJWT({ t: claim.type, c: claim.channel })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claim.userId)
    .setAudience(PURPOSE)
    .setIssuedAt()
    .sign(key(secret));
}

/** The claim, or null when the token is malformed, tampered with or signed by another key. */
export async function verifyUnsubscribe(token: string, secret: string): Promise<UnsubscribeClaim | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { audience: PURPOSE, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.t !== 'string' || typeof payload.c !== 'string') return null;
    return { userId: payload.sub, type: payload.t, channel: payload.c };
  } catch {
    return null;
  }
}
