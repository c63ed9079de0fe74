'use client';

import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';

// Turns web push on or off for this browser: registers /sw.js, subscribes with the server's
// VAPID key and hands the subscription to the API (or takes it back).

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

const supported = () => typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

export function PushToggle() {
  const config = useQuery({ queryKey: ['notifications', 'push'], queryFn: ({ signal }) => fetchJson<{ data: { publicKey: string | null } }>('/api/v1/notifications/push', { signal }).then((r) => r.data) });
  const [subscribed, setSubscribed] = React.useState<boolean | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    if (!supported()) return;
    void navigator.serviceWorker.getRegistration('/sw.js').then(async (reg) => setSubscribed(!!(await reg?.pushManager.getSubscription())));
  }, []);

  if (!config.data?.publicKey) {
    return <p className="text-sm text-muted-foreground">Browser notifications are not set up on this server.</p>;
  }
  if (!supported()) return <p className="text-sm text-muted-foreground">This browser does not support push notifications.</p>;

  const turnOn = async () => {
    setBusy(true);
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        toast.error('Notifications are blocked for this site in your browser settings.');
        return;
      }
      const reg = await navigator.serviceWorker.register('/sw.js');
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(config.data!.publicKey!) });
      await fetchJson('/api/v1/notifications/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sub.toJSON()) });
      setSubscribed(true);
      toast.success('Browser notifications are on');
    } catch (err) {
      toast.error(err instanceof Error ? err.message : 'Could not turn browser notifications on');
    } finally {
      setBusy(false);
    }
  };
  const turnOff = async () => {
    setBusy(true);
    try {
      const sub = await (await navigator.serviceWorker.getRegistration('/sw.js'))?.pushManager.getSubscription();
      if (sub) {
        await fetchJson('/api/v1/notifications/push', { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: sub.endpoint }) });
        await sub.unsubscribe();
      }
      setSubscribed(false);
    } finally {
      setBusy(false);
    }
  };
  return subscribed ? (
    <Button type="button" variant="outline" size="sm" disabled={busy} onClick={() => void turnOff()}>Turn off in this browser</Button>
  ) : (
    <Button type="button" variant="outline" size="sm" disabled={busy} onClick={() => void turnOn()}>Turn on in this browser</Button>
  );
}
