import { createSign } from 'node:crypto';
import type { BrowserContext } from '@playwright/test';
import { CLERK_FRONTEND_API, E2E_BASE_URL, clerkKeys } from './server-env.mjs';

const b64u = (x: string | Buffer) => Buffer.from(x).toString('base64url');

/** A Clerk session token, signed like Clerk signs them, with the test key (or another). */
export function mintClerkToken(sub: string, opts: { privateKey?: string; claims?: Record<string, unknown>; expiresIn?: number } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64u(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'ins_local' }));
  const payload = b64u(JSON.stringify({
    sub, sid: `sess_${sub}`, iss: `https://${CLERK_FRONTEND_API}`, azp: E2E_BASE_URL,
    iat: now - 5, nbf: now - 10, exp: now + (opts.expiresIn ?? 3600), v: 2, ...opts.claims,
  }));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(opts.privateKey ?? clerkKeys().privateKey);
  return `${header}.${payload}.${b64u(signature)}`;
}

/** Signs a browser context in as a Clerk user (the cookies Clerk's own frontend would set). */
export async function signInWithClerk(context: BrowserContext, sub: string, claims?: Record<string, unknown>) {
  const token = mintClerkToken(sub, { claims });
  const url = E2E_BASE_URL;
  await context.addCookies([
    { name: '__session', value: token, url },
    { name: '__client_uat', value: String(Math.floor(Date.now() / 1000) - 60), url },
  ]);
}
