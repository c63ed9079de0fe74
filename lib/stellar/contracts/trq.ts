import { contractCalls } from './calls';
import { address, amount, u32 } from './values';

// The TRQ governance token (contracts/trq): an OpenZeppelin fungible token with votes. Voting
// power is delegated (to oneself too) and checkpointed per ledger; a governor proposal and a
// dispute read it at their snapshot ledger (get_votes_at_checkpoint).

const trqArgs = {
  balance: (account: string) => ({ account: address('account', account) }),
  transfer: (from: string, to: string, value: bigint) => ({ from: address('from', from), to: address('to', to), amount: amount('amount', value) }),
  delegate: (account: string, delegatee: string) => ({ account: address('account', account), delegatee: address('delegatee', delegatee) }),
  get_delegate: (account: string) => ({ account: address('account', account) }),
  get_votes: (account: string) => ({ account: address('account', account) }),
  /** Votes at the end of a past ledger (a proposal's or a dispute's snapshot). */
  get_votes_at_checkpoint: (account: string, ledger: number) => ({ account: address('account', account), ledger: u32('ledger', ledger) }),
  get_total_supply_at_checkpoint: (ledger: number) => ({ ledger: u32('ledger', ledger) }),
  decimals: () => ({}),
};

export interface TrqResults {
  balance: bigint;
  get_delegate: string | null;
  get_votes: bigint;
  get_votes_at_checkpoint: bigint;
  get_total_supply_at_checkpoint: bigint;
  decimals: number;
}

export const trq = contractCalls<typeof trqArgs, TrqResults>('trq', trqArgs);
