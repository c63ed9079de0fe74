'use client';

import { setPlanAction } from '@/lib/api-keys/admin-actions';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { ActionForm } from './action-form';

export interface PlanChoice {
  name: string;
  quota: number;
}

/** Moves one key to another plan, with an optional reason for the audit log. */
export function ApiKeyPlanForm({ keyId, keyName, plan, plans, windowSeconds }: {
  keyId: string;
  keyName: string;
  plan: string;
  plans: readonly PlanChoice[];
  windowSeconds: number;
}) {
  const id = `plan-${keyId}`;
  return (
    <ActionForm action={setPlanAction} submit="Change plan" done="Changed: counts from the key's next request." variant="outline"
      className="flex flex-wrap items-end gap-2">
      {(e) => (
        <>
          <input type="hidden" name="id" value={keyId} />
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-plan`} className="text-xs font-medium">Plan for {keyName}</label>
            <NativeSelect id={`${id}-plan`} name="plan" defaultValue={plan} className="w-52"
              aria-invalid={e.plan ? true : undefined}>
              {plans.map((p) => (
                <option key={p.name} value={p.name}>{p.name} — {p.quota.toLocaleString('en-US')} / {windowSeconds} s</option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-reason`} className="text-xs font-medium">Reason (optional)</label>
            <Input id={`${id}-reason`} name="reason" maxLength={200} className="w-48" placeholder="Kept in the audit log" />
          </div>
        </>
      )}
    </ActionForm>
  );
}
