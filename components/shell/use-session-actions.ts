'use client';

import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { Role, Viewer } from '@/lib/auth/types';
import { fetchJson } from '@/components/api/fetch-json';

const DEV_SESSION = '/api/v1/dev/session';
// Ends the app's own session however it began (dev persona or wallet); Clerk sessions end through Clerk.
const SESSION = '/api/v1/session';
// Ends every app session of the viewer, on every device (sign out everywhere).
const ALL_SESSIONS = '/api/v1/sessions';

/**
 * Dev-persona sign-in, and sign-out of dev and wallet sessions. The session lives in an httpOnly
 * cookie, so after either call the server components (header, pages) must re-render: router.refresh().
 */
export function useSessionActions() {
  const router = useRouter();
  const queryClient = useQueryClient();

  const afterChange = () => {
    // Cached answers may belong to the previous viewer.
    queryClient.invalidateQueries();
    router.refresh();
  };

  const signIn = useMutation({
    mutationFn: (persona: { role: Role; name: string }) =>
      fetchJson<{ data: Viewer }>(DEV_SESSION, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(persona),
      }),
    onSuccess: ({ data }) => {
      toast.success(`Signed in as ${data.name}`);
      afterChange();
    },
    onError: (err) => toast.error('Could not switch persona', { description: err.message }),
  });

  const signOut = useMutation({
    mutationFn: () => fetchJson<void>(SESSION, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success('Signed out');
      afterChange();
    },
    onError: (err) => toast.error('Could not sign out', { description: err.message }),
  });

  const signOutEverywhere = useMutation({
    mutationFn: () => fetchJson<void>(ALL_SESSIONS, { method: 'DELETE' }),
    onSuccess: () => {
      toast.success('Signed out on every device');
      afterChange();
    },
    onError: (err) => toast.error('Could not sign out everywhere', { description: err.message }),
  });

  return { signIn, signOut, signOutEverywhere, pending: signIn.isPending || signOut.isPending || signOutEverywhere.isPending };
}
