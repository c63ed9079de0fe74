import { disputes } from '@/lib/stellar/contracts/disputes';
import { readContract, type ReadTarget } from '@/lib/stellar/contracts/read';

// The contract's view of one dispute (get_dispute, read by simulation), in the shape
// public.sync_chain_dispute stores: integers as decimal strings, times as unix seconds.

export type ChainDisputeState = {
  id: string;
  booking_id: string;
  filer: string;
  /** 0 voting, 1 decided, 2 executed (the contract's DisputeStatus). */
  status: number;
  round: number;
  claim: number;
  stake: string;
  commit_end: string;
  reveal_end: string;
  refund_weight: string;
  release_weight: string;
  /** 0 until the round is tallied; then 1 refund or 2 release. */
  verdict: number;
  appeal_deadline: string;
};

const text = (v: unknown) => (typeof v === 'bigint' || typeof v === 'number' ? v.toString() : String(v));

export async function readChainDispute(target: ReadTarget, chainDisputeId: bigint): Promise<ChainDisputeState> {
  const d = await readContract(disputes, target, 'get_dispute', disputes.args.get_dispute(chainDisputeId));
  return {
    id: text(d.id), booking_id: text(d.booking_id), filer: String(d.filer), status: Number(d.status), round: Number(d.round),
    claim: Number(d.round_claim), stake: text(d.round_stake), commit_end: text(d.commit_end), reveal_end: text(d.reveal_end),
    refund_weight: text(d.refund_weight), release_weight: text(d.release_weight), verdict: Number(d.verdict), appeal_deadline: text(d.appeal_deadline),
  };
}

/** The DisputeFiled fields public.record_chain_dispute_filing takes, from the contract's state. */
export function filedFields(s: ChainDisputeState) {
  return { dispute_id: s.id, booking_id: s.booking_id, filer: s.filer, claim: s.claim, stake: s.stake, commit_end: s.commit_end, reveal_end: s.reveal_end };
}
