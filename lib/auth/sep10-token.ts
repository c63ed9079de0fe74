import 'server-only';
import { jwtVerify } from 'jose';
import { isAccount } from './web-auth';
import { sessionSecret } from './session-secret';

// The SEP-10 token POST /api/v1/auth issues (web-auth.ts issueToken), presented back as
// `Authorization: Bearer <jwt>`. Only tokens for a plain account: a memo names a sub-user of a
// shared account, who is not the wallet's owner here.

export interface Sep10Claims {
  account: string;
  /** The user the token was issued to, and their session version then (sign-out-everywhere and suspension bump it). */
  userId: string;
  version: number;
}

export async function verifySep10Token(token: string): Promise<Sep10Claims | null> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(`sep10:${sessionSecret()}`), { algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || !isAccount(payload.sub)) return null;
    if (typeof payload.iss !== 'string' || !payload.iss.endsWith('/api/v1/auth')) return null;
    // A token without the session claims predates them: it cannot be revoked, so it is not taken.
    if (typeof payload.uid !== 'string' || !Number.isInteger(payload.sv)) return null;
    return { account: payload.sub, userId: payload.uid, version: payload.sv as number };
  } catch {
    return null;
  }
}
