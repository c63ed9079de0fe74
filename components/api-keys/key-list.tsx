'use client';

import * as React from 'react';
import { KeyRoundIcon } from 'lucide-react';
import { fetchJson } from '@/components/api/fetch-json';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { ApiKeyRow, IssuedKey, KeyPlan } from './types';

const when = (iso: string | null, none: string) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : none;

const STATUS: Record<ApiKeyRow['status'], 'success' | 'secondary' | 'destructive'> = { active: 'success', expired: 'secondary', revoked: 'destructive' };

/** What a key's plan allows; a plan no longer configured is counted as the default one (lib/rate-limit/plans.ts). */
function planLine(key: ApiKeyRow, plans: readonly KeyPlan[]): string {
  const plan = plans.find((p) => p.name === key.plan) ?? plans.find((p) => p.isDefault);
  return plan ? `${plan.name} plan: ${plan.quota.toLocaleString('en-US')} requests per ${plan.windowSeconds} s` : `${key.plan} plan`;
}

/** The keys, newest first, each with its plan, rotate and revoke (revoke asks once more). */
export function KeyList({ keys, plans, onChanged, onIssued }: {
  keys: ApiKeyRow[];
  plans: readonly KeyPlan[];
  onChanged: () => void;
  onIssued: (issued: IssuedKey) => void;
}) {
  const [confirming, setConfirming] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);

  async function act(id: string, run: () => Promise<void>) {
    setBusy(id);
    setFailure(null);
    try {
      await run();
      onChanged();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : 'That did not work.');
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  const rotate = (key: ApiKeyRow) => act(key.id, async () => {
    onIssued(await fetchJson<IssuedKey>(`/api/v1/api-keys/${key.id}/rotation`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ overlap_seconds: 86_400 }),
    }));
  });
  const revoke = (key: ApiKeyRow) => act(key.id, async () => {
    await fetchJson(`/api/v1/api-keys/${key.id}`, { method: 'DELETE' });
  });

  if (!keys.length) {
    return <EmptyState icon={KeyRoundIcon} title="No API keys yet">Create one above to call the Traqora API from your own systems.</EmptyState>;
  }
  return (
    <div className="flex flex-col gap-3">
      {failure && <p role="alert" className="text-sm text-destructive">{failure}</p>}
      <ul className="flex flex-col gap-3" aria-label="Your API keys">
        {keys.map((key) => {
          const live = key.status === 'active' && !key.rotated_to;
          return (
            <li key={key.id} className="flex flex-col gap-3 rounded-xl border bg-card p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="flex min-w-0 flex-col gap-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{key.name}</span>
                  <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{key.prefix}_…</code>
                  <Badge variant={STATUS[key.status]}>{key.status}</Badge>
                  <Badge variant="outline">{key.scope === 'read' ? 'read only' : 'read and write'}</Badge>
                  {key.rotated_to && key.status === 'active' && <Badge variant="warning">replaced, works until {when(key.expires_at, '')}</Badge>}
                </div>
                <p className="text-sm" data-testid="key-plan">{planLine(key, plans)}</p>
                <p className="text-xs text-muted-foreground">
                  Created {when(key.created_at, '')} · Last used {when(key.last_used_at, 'never')} · {key.expires_at ? `Expires ${when(key.expires_at, '')}` : 'Never expires'}
                </p>
              </div>
              {live && (
                <div className="flex shrink-0 gap-2">
                  <Button variant="outline" size="sm" disabled={busy === key.id} onClick={() => void rotate(key)} aria-label={`Rotate ${key.name}`}>Rotate</Button>
                  {confirming === key.id ? (
                    <Button variant="destructive" size="sm" disabled={busy === key.id} onClick={() => void revoke(key)} aria-label={`Confirm revoking ${key.name}`}>
                      Revoke now
                    </Button>
                  ) : (
                    <Button variant="outline" size="sm" onClick={() => setConfirming(key.id)} aria-label={`Revoke ${key.name}`}>Revoke</Button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
