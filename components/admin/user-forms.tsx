'use client';

import type { AdminUser } from '@/lib/admin/users';
import { grantRoleAction, reinstateAction, revokeRoleAction, suspendAction } from '@/lib/admin/user-actions';
import { ROLES } from '@/lib/auth/types';
import { roleLabel } from '@/components/shell/role-label';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { ActionForm } from './action-form';

const err = (e: Record<string, string>, field: string) =>
  e[field] ? <p id={`${field}-error`} className="text-sm text-destructive">{e[field]}</p> : null;

/** Grant a role (an operator names its airline); each current role has its own revoke button. */
export function RoleForms({ user }: { user: AdminUser }) {
  return (
    <div className="flex flex-col gap-4">
      <ul className="flex flex-col gap-2">
        {user.roles.map((g) => (
          <li key={`${g.role}-${g.airline}`} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border px-3 py-2 text-sm">
            <span>{roleLabel(g)}</span>
            <ActionForm action={revokeRoleAction} submit={`Revoke ${g.role}`} done="Revoked." variant="outline" className="flex items-center gap-2">
              {() => (
                <>
                  <input type="hidden" name="user_id" value={user.id} />
                  <input type="hidden" name="role" value={g.role} />
                  <input type="hidden" name="airline" value={g.airline ?? ''} />
                </>
              )}
            </ActionForm>
          </li>
        ))}
      </ul>
      <ActionForm action={grantRoleAction} submit="Grant role" done="Granted.">
        {(e) => (
          <div className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="user_id" value={user.id} />
            <div className="flex flex-col gap-1.5">
              <label htmlFor="grant-role" className="text-sm font-medium">Role</label>
              <NativeSelect id="grant-role" name="role" defaultValue="support" aria-invalid={e.role ? true : undefined} aria-describedby={e.role ? 'role-error' : undefined}>
                {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
              </NativeSelect>
              {err(e, 'role')}
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor="grant-airline" className="text-sm font-medium">Airline (operators)</label>
              <Input id="grant-airline" name="airline" maxLength={2} placeholder="DL" className="uppercase" aria-invalid={e.airline ? true : undefined} aria-describedby={e.airline ? 'airline-error' : undefined} />
              {err(e, 'airline')}
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor="grant-reason" className="text-sm font-medium">Reason (optional)</label>
              <Input id="grant-reason" name="reason" maxLength={500} />
            </div>
          </div>
        )}
      </ActionForm>
    </div>
  );
}

/** Suspend with a reason, or reinstate. */
export function SuspensionForm({ user }: { user: AdminUser }) {
  if (user.status === 'suspended') {
    return (
      <ActionForm action={reinstateAction} submit="Reinstate account" done="Reinstated.">
        {() => (
          <>
            <p className="text-sm">Suspended {user.suspended_at?.slice(0, 10)}: “{user.suspension_reason}”</p>
            <input type="hidden" name="user_id" value={user.id} />
            <div className="flex flex-col gap-1.5">
              <label htmlFor="reinstate-reason" className="text-sm font-medium">Reason (optional)</label>
              <Input id="reinstate-reason" name="reason" maxLength={500} />
            </div>
          </>
        )}
      </ActionForm>
    );
  }
  return (
    <ActionForm action={suspendAction} submit="Suspend account" done="Suspended." variant="destructive">
      {(e) => (
        <>
          <p className="text-sm text-muted-foreground">A suspended account cannot sign in, book or pay; its bookings stay as they are.</p>
          <input type="hidden" name="user_id" value={user.id} />
          <div className="flex flex-col gap-1.5">
            <label htmlFor="suspend-reason" className="text-sm font-medium">Reason</label>
            <Input id="suspend-reason" name="reason" required minLength={3} maxLength={500} aria-invalid={e.reason ? true : undefined} aria-describedby={e.reason ? 'reason-error' : undefined} />
            {err(e, 'reason')}
          </div>
        </>
      )}
    </ActionForm>
  );
}
