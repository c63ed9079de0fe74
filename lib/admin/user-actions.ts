'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ROLES } from '@/lib/auth/types';
import { permittedAction } from './action';
import { grantRole, reinstateUser, revokeRole, suspendUser } from './users';

// The user page's forms: role grants and suspensions, each one audited database call with the
// acting staff member's role, IP, request id and reason (the same functions as the API routes).

const userId = z.uuid('must be a user id');
const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
const airline = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character airline code').optional().or(z.literal('').transform(() => undefined));
const optionalReason = z.string().trim().max(500, 'at most 500 characters').optional();
const requiredReason = z.string().trim().min(3, 'must be 3 to 500 characters').max(500, 'must be 3 to 500 characters');

const done = (id: string) => {
  revalidatePath(`/admin/users/${id}`);
  revalidatePath('/admin/users');
};

export const grantRoleAction = permittedAction(
  { name: 'admin.users.grant_role', permission: 'roles.grant', schema: z.object({ user_id: userId, role, airline, reason: optionalReason }) },
  async (input, { audit }) => {
    const user = await grantRole(audit(input.reason), input.user_id, input.role, input.airline ?? null);
    done(input.user_id);
    return user;
  },
);

export const revokeRoleAction = permittedAction(
  { name: 'admin.users.revoke_role', permission: 'roles.grant', schema: z.object({ user_id: userId, role, airline, reason: optionalReason }) },
  async (input, { audit }) => {
    const user = await revokeRole(audit(input.reason), input.user_id, input.role, input.airline ?? null);
    done(input.user_id);
    return user;
  },
);

export const suspendAction = permittedAction(
  { name: 'admin.users.suspend', permission: 'users.suspend', schema: z.object({ user_id: userId, reason: requiredReason }) },
  async (input, { audit }) => {
    const user = await suspendUser(audit(input.reason), input.user_id);
    done(input.user_id);
    return user;
  },
);

export const reinstateAction = permittedAction(
  { name: 'admin.users.reinstate', permission: 'users.suspend', schema: z.object({ user_id: userId, reason: optionalReason }) },
  async (input, { audit }) => {
    const user = await reinstateUser(audit(input.reason), input.user_id);
    done(input.user_id);
    return user;
  },
);
