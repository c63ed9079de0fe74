'use client';

import { addRuleAction, removeRuleAction } from '@/lib/rate-limit/actions';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { ActionForm } from './action-form';

const err = (e: Record<string, string>, field: string) =>
  e[field] ? <p id={`rl-${field}-error`} className="text-sm text-destructive">{e[field]}</p> : null;
const invalid = (e: Record<string, string>, field: string) =>
  e[field] ? { 'aria-invalid': true, 'aria-describedby': `rl-${field}-error` } : {};

/** Adds a network to the allow or deny list. */
export function AddRuleForm() {
  return (
    <ActionForm action={addRuleAction} submit="Add rule" done="Added; every instance applies it within 10 s.">
      {(e) => (
        <div className="grid gap-3 sm:grid-cols-[2fr_1fr_2fr]">
          <div className="flex flex-col gap-1.5">
            <label htmlFor="rl-cidr" className="text-sm font-medium">Network (CIDR)</label>
            <Input id="rl-cidr" name="cidr" placeholder="203.0.113.0/24" required autoComplete="off" {...invalid(e, 'cidr')} />
            {err(e, 'cidr')}
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="rl-action" className="text-sm font-medium">List</label>
            <NativeSelect id="rl-action" name="action" defaultValue="deny" {...invalid(e, 'action')}>
              <option value="deny">Deny (403)</option>
              <option value="allow">Allow (not counted)</option>
            </NativeSelect>
            {err(e, 'action')}
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="rl-note" className="text-sm font-medium">Note</label>
            <Input id="rl-note" name="note" maxLength={200} placeholder="Why (kept in the audit log)" {...invalid(e, 'note')} />
            {err(e, 'note')}
          </div>
        </div>
      )}
    </ActionForm>
  );
}

/** Removes one rule. */
export function RemoveRuleButton({ id, cidr }: { id: number; cidr: string }) {
  return (
    <ActionForm action={removeRuleAction} submit={`Remove ${cidr}`} done="Removed." variant="outline" className="flex items-center gap-2">
      {() => <input type="hidden" name="id" value={id} />}
    </ActionForm>
  );
}
