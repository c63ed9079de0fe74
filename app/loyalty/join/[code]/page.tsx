import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { REFERRAL_CODE } from '@/lib/loyalty/referrals';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { JoinReferral } from '@/components/loyalty/join-referral';
import { Banner } from '@/components/ui/banner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Join Traqora Rewards' };

// A member's referral link: the invited traveller signs in (or signs up) and claims the code;
// their first flown trip then earns both of them a bonus.
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const viewer = await getViewer();
  const { mode } = config();
  const valid = REFERRAL_CODE.test(code);
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">You’re invited to Traqora Rewards</h1>
        <p className="text-sm text-muted-foreground">
          A friend shared their code <span className="font-mono font-semibold">{code.toUpperCase()}</span>. Join with it, and when you fly your first trip you both earn bonus points.
        </p>
      </div>
      {!valid ? (
        <Banner variant="error" title="This link is not a referral link">
          Referral codes are 8 letters and digits. Ask your friend to copy their link again from their Rewards page.
        </Banner>
      ) : viewer ? (
        <JoinReferral code={code.toUpperCase()} />
      ) : (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo={`/loyalty/join/${code}`} why="Sign in or create your account, then join with your friend’s code." />
      )}
    </div>
  );
}
