import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { NotificationSettingsForm } from '@/components/notifications/notification-settings-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notification settings' };

export default async function NotificationSettingsPage() {
  const viewer = await getViewer();
  const { mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Notification settings</h1>
        <p className="text-sm text-muted-foreground">How Traqora tells you about holds, payments, refunds and your flights.</p>
      </div>
      {viewer ? (
        <NotificationSettingsForm suggestedEmail={viewer.email} />
      ) : (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/settings/notifications" why="Sign in to choose how you hear from us." />
      )}
    </div>
  );
}
