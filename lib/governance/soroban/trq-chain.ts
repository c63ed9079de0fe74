import 'server-only';
import { db } from '@/lib/db/connect';
import type { Page } from '@/lib/governance/types';
import { chainConfig } from '@/lib/stellar/chain-config';
import { trq } from '@/lib/stellar/contracts/trq';
import { readContract } from '@/lib/stellar/contracts/read';

// TRQ on the soroban rail, read from the `trq` contract by simulation (nothing signed or sent):
// a wallet's balance, its current voting power and its delegate (null: none yet — OpenZeppelin's
// votes count only once delegated, to oneself too), and when it delegates to another account,
// that account's voting power, so the holder sees where their votes went. Amounts are base units
// as strings.

export interface ChainTrqAccount {
  address: string;
  balance: string;
  votes: string;
  delegate: string | null;
  /** The delegate's current voting power when it is another account; null otherwise. */
  delegate_votes: string | null;
}
export type ChainTrq = { configured: false; reason: string } | { configured: true; contract_id: string; data: ChainTrqAccount[] };

export async function chainTrqAccounts(addresses: string[]): Promise<ChainTrq> {
  const chain = chainConfig();
  if (!chain.configured) return { configured: false, reason: chain.reason };
  const contractId = chain.contractId('trq');
  if (!contractId) return { configured: false, reason: 'TRAQORA_CONTRACT_IDS names no trq contract' };
  const target = { rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId };
  const data = await Promise.all(addresses.map(async (address) => {
    const [balance, votes, delegate] = await Promise.all([
      readContract(trq, target, 'balance', trq.args.balance(address)),
      readContract(trq, target, 'get_votes', trq.args.get_votes(address)),
      readContract(trq, target, 'get_delegate', trq.args.get_delegate(address)),
    ]);
    const other = delegate && delegate !== address ? delegate : null;
    const delegateVotes = other ? await readContract(trq, target, 'get_votes', trq.args.get_votes(other)) : null;
    return { address, balance: balance.toString(), votes: votes.toString(), delegate: delegate ?? null, delegate_votes: delegateVotes?.toString() ?? null };
  }));
  return { configured: true, contract_id: contractId, data };
}

/** A TRQ movement of a Stellar account, from the indexed trq contract events (trq_chain_movements). */
export interface ChainTrqMovement {
  id: string;
  ledger: number;
  at: string;
  tx_hash: string;
  action: 'transfer' | 'mint' | 'burn';
  direction: 'in' | 'out';
  /** The other account of a transfer; null for a mint or burn. */
  counterparty: string | null;
  amount: string;
  cursor: string;
}

export async function chainTrqMovements(address: string, q: { cursor?: string; limit: number }): Promise<Page<ChainTrqMovement>> {
  return (await db()).call<Page<ChainTrqMovement>>('trq_chain_movements', { address, cursor: q.cursor ?? null, limit: q.limit });
}
