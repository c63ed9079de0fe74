'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { fetchJson } from '@/components/api/fetch-json';
import { cn } from '@/components/ui/cn';

// The one shape every governance form and button shares: POST JSON to our API, show busy while it
// runs, the server's own words when it refuses (problem+json detail), then refresh the page's
// server data. Forms differ only in what they send and what they say on success.

export interface ActionStatus { ok: boolean; text: string }

export function useApiAction() {
  const router = useRouter();
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<ActionStatus | null>(null);
  const run = React.useCallback(async <T,>(url: string, opts: { body?: unknown; headers?: Record<string, string>; done?: (res: T) => string | null } = {}): Promise<T | null> => {
    setBusy(true);
    setStatus(null);
    try {
      const res = await fetchJson<T>(url, {
        method: 'POST',
        headers: { ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }), ...opts.headers },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = opts.done?.(res) ?? null;
      if (text) setStatus({ ok: true, text });
      router.refresh();
      return res;
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
      return null;
    } finally {
      setBusy(false);
    }
  }, [router]);
  return { run, busy, status, setStatus };
}

/** The outcome line under a form: a polite status on success, an alert on refusal. */
export function ActionMessage({ status, className }: { status: ActionStatus | null; className?: string }) {
  if (!status) return null;
  return <p role={status.ok ? 'status' : 'alert'} className={cn('text-sm', status.ok ? 'text-success' : 'text-destructive', className)}>{status.text}</p>;
}
