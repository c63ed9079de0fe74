'use client';

import { useMutation } from '@tanstack/react-query';
import { fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';

/** Asks before turning the kind off: mail scanners follow links, only a person presses the button. */
export function UnsubscribeConfirm({ token, label }: { token: string; label: string }) {
  const done = useMutation({
    mutationFn: () => fetchJson(`/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' }),
  });
  if (done.isSuccess) {
    return <Banner variant="success" title="You are unsubscribed">You will no longer get “{label}” emails. You still see them in the app.</Banner>;
  }
  return (
    <div className="flex flex-col gap-4">
      <p>Stop sending “{label}” emails? You will still see these notifications in the app.</p>
      {done.error && <Banner variant="error" title="That didn’t work">{done.error.message}</Banner>}
      <Button className="self-start" disabled={done.isPending} onClick={() => done.mutate()}>
        {done.isPending ? 'Unsubscribing…' : 'Unsubscribe'}
      </Button>
    </div>
  );
}
