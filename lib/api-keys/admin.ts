import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { decodeCursor, encodeCursor } from '@/lib/admin/cursor';
import { db } from '@/lib/db/connect';
import type { ApiKey } from './keys';

// Every user's API keys as the console sees them (owner, plan, last use), and the one change an
// admin makes to someone else's key: its plan. Each change is one database call that checks,
// writes, audits and emits in one transaction (routines/13_api_platform.sql); the key's next
// request is counted on the new plan on every instance, because the plan is read with the key.

export interface ApiKeyOwner {
  id: string;
  name: string;
  email: string | null;
}

export interface AdminApiKey extends ApiKey {
  owner: ApiKeyOwner;
}

const keyCursor = z.object({ created_at: z.iso.datetime({ offset: true }), id: z.uuid() });

export interface ApiKeyFilter {
  q?: string;
  plan?: string;
  cursor?: string;
  limit?: number;
}

export async function listAllApiKeys(filter: ApiKeyFilter): Promise<{ data: AdminApiKey[]; nextCursor: string | null }> {
  const after = decodeCursor(filter.cursor, keyCursor);
  const page = await (await db()).call<{ data: AdminApiKey[]; next: z.infer<typeof keyCursor> | null }>('admin_list_api_keys', {
    q: filter.q ?? null, plan: filter.plan ?? null, after_created: after?.created_at ?? null, after_id: after?.id ?? null, limit: filter.limit ?? 50,
  });
  return { data: page.data, nextCursor: encodeCursor(page.next) };
}

/** `plan` must be a configured plan (plan-schema.ts checks it); the database checks the key can move. */
export async function setApiKeyPlan(ctx: AuditContext, keyId: string, plan: string): Promise<AdminApiKey> {
  return (await db()).call<AdminApiKey>('admin_set_api_key_plan', { ctx, key_id: keyId, plan });
}
