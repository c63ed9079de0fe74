import type { Metadata } from 'next';
import { getViewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { governedParameters } from '@/lib/parameters/read';
import { trqAccount } from '@/lib/governance/trq';
import { governorChain } from '@/lib/governance/soroban/governor-target';
import { formatTrq } from '@/lib/governance/trq-amount';
import { SignInPrompt } from '@/components/booking/sign-in-prompt';
import { CreateProposalForm } from '@/components/governance/create-proposal-form';
import { GovernanceNav } from '@/components/governance/governance-nav';
import { Banner } from '@/components/ui/banner';
import { createProposalAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New proposal' };

export default async function NewProposalPage() {
  const viewer = await getViewer();
  const { mode } = config();
  const parameters = await governedParameters();
  const threshold = parameters.find((p) => p.key === 'governance.proposal_threshold_trq')?.value ?? 0;
  const account = viewer ? await trqAccount(viewer.id) : null;
  // on the soroban rail the governor contract checks its own threshold on the wallet's TRQ votes
  const onChain = governorChain() !== null;
  const short = !onChain && account && BigInt(account.votes) < BigInt(threshold) * 10_000_000n;
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">New proposal</h1>
      <GovernanceNav current="/governance/new" />
      {!viewer ? (
        <SignInPrompt devPersonas={mode.devPersonas} clerk={mode.clerk} returnTo="/governance/new" why="Sign in to make a proposal." />
      ) : (
        <>
          {onChain ? (
            <p className="text-sm text-muted-foreground">
              Proposals go to the Traqora governor contract: your wallet proposes, and the governor checks its own threshold on your wallet&apos;s TRQ votes (delegate your TRQ, to yourself too). Voting, the timelock and execution follow the governor&apos;s ledgers; Traqora applies a parameter change once the governor has executed it.
            </p>
          ) : (<p className="text-sm text-muted-foreground">
            Proposing needs {threshold.toLocaleString('en-US')} TRQ of voting power (you have {formatTrq(account!.votes)}). Voting opens after the voting delay; a passed parameter change waits in the timelock before it applies. At most {parameters.find((p) => p.key === 'governance.max_active_proposals')?.value ?? 3} pending or active proposals per account.
          </p>)}
          {short && <Banner variant="warning" title="Not enough voting power to propose">Ask holders to delegate to you on the Delegates page.</Banner>}
          {onChain && viewer.wallets.length === 0
            ? <Banner variant="warning" title="Link a wallet to propose">Proposals on chain are signed by your wallet: link one on the Wallet page.</Banner>
            : <CreateProposalForm action={createProposalAction} parameters={parameters} chain={onChain ? { wallets: viewer.wallets } : undefined} />}
        </>
      )}
    </div>
  );
}
