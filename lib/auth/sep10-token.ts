import 'server-only';
import { jwtVerify } from 'jose';
import { isAccount } from './web-auth';
import { sessionSecret } from './session-secret';

// The SEP-10 token POST /api/v1/auth issues (web-auth.ts issueToken), presented back as
// `Authorization: Bearer <jwt>`. Only tokens for a plain account: a memo names a sub-user of a
// shared account, who is not the wallet's owner here.

export async function verifySep10Token(token: string): Promise<{ account: string } | null> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(`sep10:${sessionSecret()}`), { algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || !isAccount(payload.sub)) return null;
    if (typeof payload.iss !== 'string' || !payload.iss.endsWith('/api/v1/auth')) return null;
    return { account: payload.sub };
  } catch {
    return null;
  }
}
