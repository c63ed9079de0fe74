import type { Metadata } from 'next';
import { ApiKeysView } from '@/components/api-keys/api-keys-view';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { apiPlans } from '@/lib/rate-limit/plans';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const viewer = await getViewer();
  const { env, mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="text-sm text-muted-foreground">
          Keys let your own systems search, book and manage trips as you through the{' '}
          <a href="/docs/api" className="font-medium text-primary underline-offset-4 hover:underline">Traqora API</a>. Treat them like passwords.
        </p>
      </div>
      {viewer ? (
        <ApiKeysView plans={apiPlans(env)} />
      ) : (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/settings/api-keys" why="Sign in to create and manage your API keys." />
      )}
    </div>
  );
}
