import 'server-only';
import { z } from 'zod';
import type { Role } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import type { AuditContext } from './audit-context';
import { decodeCursor, encodeCursor } from './cursor';

// Users as the console sees them: roles, status, and the audited changes to both. Each change
// is one database call that checks, writes, appends the audit row and emits the event in one
// transaction (routines/35_console.sql).

export interface AdminUser {
  id: string;
  name: string;
  email: string | null;
  roles: { role: Role; airline: string | null }[];
  wallets: string[];
  status: 'active' | 'suspended';
  suspended_at: string | null;
  suspension_reason: string | null;
  created_at: string;
}

const userCursor = z.object({ created_at: z.iso.datetime({ offset: true }), id: z.uuid() });

export interface UserFilter {
  role?: Role;
  status?: 'active' | 'suspended';
  q?: string;
  cursor?: string;
  limit?: number;
}

export async function listUsers(filter: UserFilter): Promise<{ data: AdminUser[]; nextCursor: string | null }> {
  const after = decodeCursor(filter.cursor, userCursor);
  const page = await (await db()).call<{ data: AdminUser[]; next: z.infer<typeof userCursor> | null }>('admin_list_users', {
    role: filter.role ?? null, status: filter.status ?? null, q: filter.q ?? null,
    after_created: after?.created_at ?? null, after_id: after?.id ?? null, limit: filter.limit ?? 50,
  });
  return { data: page.data, nextCursor: encodeCursor(page.next) };
}

export async function getUser(userId: string): Promise<AdminUser> {
  return (await db()).call<AdminUser>('admin_get_user', { user_id: userId });
}

export async function grantRole(ctx: AuditContext, userId: string, role: Role, airline: string | null): Promise<AdminUser> {
  return (await db()).call<AdminUser>('admin_grant_role', { ctx, user_id: userId, role, airline });
}

export async function revokeRole(ctx: AuditContext, userId: string, role: Role, airline: string | null): Promise<AdminUser> {
  return (await db()).call<AdminUser>('admin_revoke_role', { ctx, user_id: userId, role, airline });
}

export async function suspendUser(ctx: AuditContext, userId: string): Promise<AdminUser> {
  return (await db()).call<AdminUser>('admin_suspend_user', { ctx, user_id: userId });
}

export async function reinstateUser(ctx: AuditContext, userId: string): Promise<AdminUser> {
  return (await db()).call<AdminUser>('admin_reinstate_user', { ctx, user_id: userId });
}
