import 'server-only';
import type { NextRequest } from 'next/server';
import type { Credential } from '@/lib/api-keys/credential';
import { clerkProof } from '@/lib/auth/clerk';
import { SESSION_COOKIE, verifySession } from '@/lib/auth/session-token';
import { sessionSecret } from '@/lib/auth/session-secret';
import { addressSubject } from './client-address';
import type { Tier } from './policies';

// Who a request is counted as, cheaply: no database call beyond the API key lookup handler()
// already made. A signed-in caller is counted per user whichever instance they reach; anyone
// else per address (an IPv6 /64).

export interface LimitCaller {
  tier: Tier;
  subject: string;
  /** An API key's plan, read with the key on this very request: a plan change counts from the next one. */
  plan?: string;
}

export async function limitCaller(req: NextRequest, credential: Credential | null, address: string | null): Promise<LimitCaller> {
  if (credential?.kind === 'api-key') return { tier: 'api-key', subject: `key:${credential.keyId}`, plan: credential.plan };
  if (credential?.kind === 'sep10') return { tier: 'signed-in', subject: `wallet:${credential.account}` };
  const session = await verifySession(req.cookies.get(SESSION_COOKIE)?.value, sessionSecret());
  if (session) return { tier: 'signed-in', subject: `user:${session.userId}` };
  const clerk = await clerkProof();
  if (clerk) return { tier: 'signed-in', subject: `clerk:${clerk.userId}` };
  return { tier: 'anonymous', subject: `ip:${address ? addressSubject(address) : 'unknown'}` };
}
