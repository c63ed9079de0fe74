'use client';

import * as React from 'react';
import { CopyIcon } from 'lucide-react';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { IssuedKey } from './types';

/** The one time a key is visible: copy it now, it is not stored anywhere we can show it from. */
export function NewKeyNotice({ issued, onDone }: { issued: IssuedKey; onDone: () => void }) {
  const [copied, setCopied] = React.useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(issued.key).catch(() => undefined);
    setCopied(true);
  };
  return (
    <Banner variant="success" role="status" title={`Your new key “${issued.data.name}”`} onDismiss={onDone}>
      <p>Copy it now: for your safety we keep only a fingerprint of it, so it cannot be shown again.</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <Input readOnly value={issued.key} aria-label="New API key" className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button type="button" variant="outline" onClick={() => void copy()}>
          <CopyIcon aria-hidden="true" /> {copied ? 'Copied' : 'Copy key'}
        </Button>
      </div>
      <p className="mt-2 text-xs">
        Send it as <code className="rounded bg-muted px-1">Authorization: Bearer {issued.data.prefix}_…</code> — see the{' '}
        <a href="/docs/api" className="font-medium text-primary underline-offset-4 hover:underline">API reference</a>.
      </p>
    </Banner>
  );
}
