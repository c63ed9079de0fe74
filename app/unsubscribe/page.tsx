import type { Metadata } from 'next';
import { Banner } from '@/components/ui/banner';
import { UnsubscribeConfirm } from '@/components/notifications/unsubscribe-confirm';
import { readUnsubscribeToken } from '@/lib/notifications/unsubscribe';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false } };

// The link at the foot of every email: works signed out (the signed token is the proof).
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === 'string' ? raw : '';
  const claim = token ? await readUnsubscribeToken(token).catch(() => null) : null;
  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-6 px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Unsubscribe</h1>
      {claim ? (
        <UnsubscribeConfirm token={token} label={claim.label} />
      ) : (
        <Banner variant="error" title="This link does not work">
          It may have been cut short by your mail app. Open the whole link from the email, or change what you receive in your notification settings after signing in.
        </Banner>
      )}
    </div>
  );
}
