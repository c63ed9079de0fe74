import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { decodeCursor, encodeCursor } from '@/lib/admin/cursor';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { generateKey } from './secret';

// A user's API keys: create (the key is in this one answer and nowhere else, ever), list,
// rotate with an overlap window, revoke. Each change is audited as the owner and emitted as an
// api_key.* event. Managing keys needs a signed-in session: a key cannot mint or revoke keys,
// so a leaked key cannot entrench itself.

export interface ApiKey {
  id: string;
  name: string;
  scope: 'read' | 'read_write';
  prefix: string;
  status: 'active' | 'expired' | 'revoked';
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  rotated_to: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  /** The rate-limit plan the key is counted on (lib/rate-limit/plans.ts); an admin changes it. */
  plan: string;
}

export const createKeySchema = z.object({
  name: z.string().trim().min(1, 'is required').max(80, 'at most 80 characters'),
  scope: z.enum(['read', 'read_write'], { error: 'must be read or read_write' }),
  expires_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone' })
    .refine((v) => Date.parse(v) > Date.now(), 'must be in the future').optional(),
});

export const rotateKeySchema = z.object({
  overlap_seconds: z.number({ error: 'must be a number of seconds' }).int('must be whole seconds')
    .min(0, 'must be at least 0').max(604_800, 'at most 604800 (7 days)').default(86_400),
  expires_at: createKeySchema.shape.expires_at,
});

/** The audit context of an owner acting on their own keys (they act as the traveller they are). */
export function ownerContext(viewer: Viewer, seen: { ip: string | null; requestId: string }): AuditContext {
  if (viewer.source === 'api-key') throw new HttpProblem(403, 'Manage API keys from a signed-in session, not with an API key.');
  const role = viewer.roles.find((r) => r.role === 'traveller')?.role ?? viewer.roles[0]?.role;
  if (!role) throw new HttpProblem(403, 'This account holds no role and cannot own API keys.');
  return { actor: viewer.id, role, reason: null, ip: seen.ip, request_id: seen.requestId };
}

export async function createApiKey(ctx: AuditContext, input: z.output<typeof createKeySchema>): Promise<{ key: string; data: ApiKey }> {
  const fresh = generateKey();
  const data = await (await db()).call<ApiKey>('create_api_key', {
    ctx, name: input.name, scope: input.scope, expires_at: input.expires_at ?? null, prefix: fresh.prefix, secret_hash: fresh.hash,
  });
  return { key: fresh.key, data };
}

export async function rotateApiKey(ctx: AuditContext, id: string, input: z.output<typeof rotateKeySchema>): Promise<{ key: string; data: ApiKey; previous: ApiKey }> {
  const fresh = generateKey();
  const out = await (await db()).call<{ key: ApiKey; previous: ApiKey }>('rotate_api_key', {
    ctx, key_id: id, overlap_seconds: input.overlap_seconds, prefix: fresh.prefix, secret_hash: fresh.hash, expires_at: input.expires_at ?? null,
  });
  return { key: fresh.key, data: out.key, previous: out.previous };
}

export async function revokeApiKey(ctx: AuditContext, id: string): Promise<ApiKey> {
  return (await db()).call<ApiKey>('revoke_api_key', { ctx, key_id: id });
}

const position = z.object({ created_at: z.string(), id: z.uuid() });

export const listKeysQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'at most 100').default(50),
});

export async function listApiKeys(userId: string, query: z.output<typeof listKeysQuery>): Promise<{ data: ApiKey[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, position);
  const page = await (await db()).call<{ data: ApiKey[]; next: z.infer<typeof position> | null }>('list_api_keys', {
    user_id: userId, after_created_at: after?.created_at ?? null, after_id: after?.id ?? null, limit: query.limit,
  });
  return { data: page.data, nextCursor: encodeCursor(page.next) };
}
