'use client';

import * as React from 'react';
import { Loader2Icon, ShieldCheckIcon } from 'lucide-react';
import type { ChainVerdict } from '@/lib/admin/audit';
import { fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';

/** Walks the whole hash chain on the server (GET /api/v1/admin/audit/verify) and says what it found. */
export function VerifyChain() {
  const [verdict, setVerdict] = React.useState<ChainVerdict | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [pending, setPending] = React.useState(false);
  const run = async () => {
    setPending(true);
    setError(null);
    try {
      setVerdict(await fetchJson<ChainVerdict>('/api/v1/admin/audit/verify'));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="flex flex-col gap-3">
      <Button type="button" variant="outline" onClick={run} disabled={pending} className="self-start">
        {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <ShieldCheckIcon aria-hidden="true" />} Verify chain
      </Button>
      {verdict && (verdict.ok ? (
        <Banner variant="success" title="The audit chain is intact">{verdict.checked.toLocaleString('en-US')} rows checked; every hash matches its row and the row before it.</Banner>
      ) : (
        <Banner variant="error" title="The audit chain is broken">
          {verdict.checked.toLocaleString('en-US')} rows checked; the first row that does not match its hash is #{verdict.first_broken_id}. Rows from there on cannot be trusted.
        </Banner>
      ))}
      {error && <Banner variant="error" title="Could not verify">{error}</Banner>}
    </div>
  );
}
