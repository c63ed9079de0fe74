import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { JuryDesk } from '@/components/disputes/jury-desk';
import { ChainCases } from '@/components/disputes/chain-cases';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Jury duty' };

// A juror's cases: stake to join the pool, then for each case drawn: the evidence, the options,
// and the commit and reveal steps with their deadlines.
export default async function JuryPage() {
  const viewer = await getViewer();
  const { mode } = config();
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Jury duty</h1>
        <p className="text-sm text-muted-foreground">
          TRQ holders who stake join the dispute jury. Jurors are drawn by stake from a seed committed in advance, vote in secret, then reveal; the
          majority decides how the escrow is split and shares what non-revealers lose.
        </p>
      </div>
      {viewer ? (
        <>
          <JuryDesk viewerId={viewer.id} />
          <ChainCases />
        </>
      ) : (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/disputes" why="Sign in to stake TRQ and see your jury cases." />
      )}
    </div>
  );
}
