import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { verifySep10Token } from '@/lib/auth/sep10-token';
import type { Database } from '@/lib/db/port';
import { HttpProblem } from '@/lib/http/problem';
import { looksLikeApiKey, parseKey } from './secret';

// What an API caller presented in `Authorization: Bearer …`: an API key (trq_…) or the SEP-10
// token from POST /api/v1/auth. handler() resolves it once per request, before the rate limit
// (which counts API keys per key, on the key's plan) and the viewer (getViewer() reads it from the request scope).
// A bearer that does not check out is a 401, never a silent fall-back to anonymous (except a
// Clerk session token, which Clerk judges).

export type Scope = 'read' | 'read_write';

export type Credential =
  // plan: the key's rate-limit plan as the database has it now (lib/rate-limit/plans.ts).
  | { kind: 'api-key'; keyId: string; userId: string; scope: Scope; plan: string }
  | { kind: 'sep10'; account: string; userId: string; version: number };

const invalid = (detail: string) =>
  new HttpProblem(401, detail, undefined, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });

export async function resolveCredential(
  headers: Headers, database: Database, seen: { ip: string | null; requestId: string; clerk: boolean },
): Promise<Credential | null> {
  // Other schemes are not ours to judge (nothing here reads them): the request is anonymous.
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  if (!m) return null;
  const token = m[1];
  if (looksLikeApiKey(token)) {
    const parsed = parseKey(token);
    if (!parsed) throw invalid('The API key is not valid.');
    const row = await database.call<{ key_id: string; user_id: string; scope: Scope; plan: string } | null>('authenticate_api_key', {
      prefix: parsed.prefix, secret_hash: parsed.hash, ip: seen.ip, request_id: seen.requestId,
    });
    if (!row) throw invalid('The API key is not valid, has expired or was revoked.');
    return { kind: 'api-key', keyId: row.key_id, userId: row.user_id, scope: row.scope, plan: row.plan };
  }
  const sep10 = await verifySep10Token(token);
  // With Clerk on, any other bearer is a Clerk session token: clerkMiddleware has judged it, and
  // getViewer() asks Clerk as usual.
  if (!sep10 && seen.clerk) return null;
  if (!sep10) throw invalid('The bearer token is not valid or has expired.');
  return { kind: 'sep10', ...sep10 };
}

/** Reads (GET, HEAD, OPTIONS) are all a read-scoped key may do. */
export function assertScopeAllows(credential: Credential | null, method: string): void {
  if (credential?.kind === 'api-key' && credential.scope === 'read' && !['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    throw new HttpProblem(403, 'This API key is read-only; use a read_write key to change things.', undefined, { scope: 'read' });
  }
}

const scope = new AsyncLocalStorage<Credential | null>();

/** Runs `fn` with the request's credential visible to currentCredential(). */
export function withCredential<T>(credential: Credential | null, fn: () => T): T {
  return scope.run(credential, fn);
}

/** The bearer credential of the API request being handled; undefined outside handler(). */
export function currentCredential(): Credential | null | undefined {
  return scope.getStore();
}
