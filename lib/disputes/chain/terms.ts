import 'server-only';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { disputes } from '@/lib/stellar/contracts/disputes';
import { readContract } from '@/lib/stellar/contracts/read';
import { disputesChain } from './target';

// What the booking page's "File with the on-chain jury" needs before the wallet signs: the
// escrow booking id the filing names, the contract and its network, and the contract's own
// stake and windows (get_config), so the party sees what they put at stake.

export interface ChainFilingTerms {
  pnr: string;
  chain_booking_id: string;
  contract_id: string;
  rpc_url: string;
  network_passphrase: string;
  /** The stake token's base units the filing takes; the windows in seconds. */
  filing_stake: string;
  stake_token: string;
  commit_period: number;
  reveal_period: number;
  appeal_window: number;
}

export async function chainFilingTerms(viewer: Viewer, pnr: string): Promise<ChainFilingTerms> {
  const chain = disputesChain();
  if (!chain) throw new HttpProblem(409, 'On-chain disputes are not configured on this server.', [{ field: 'pnr', message: 'On-chain disputes are not configured on this server.' }]);
  const airline = viewer.roles.find((r) => r.role === 'operator' && r.airline)?.airline ?? null;
  const terms = await (await db()).call<{ pnr: string; chain_booking_id: string }>('chain_dispute_terms', { user_id: viewer.id, pnr, airline });
  const cfg = await readContract(disputes, chain, 'get_config', disputes.args.get_config());
  return {
    pnr: terms.pnr, chain_booking_id: terms.chain_booking_id, contract_id: chain.contractId, rpc_url: chain.rpcUrl, network_passphrase: chain.networkPassphrase,
    filing_stake: String(cfg.filing_stake), stake_token: String(cfg.stake_token),
    commit_period: Number(cfg.commit_period), reveal_period: Number(cfg.reveal_period), appeal_window: Number(cfg.appeal_window),
  };
}
