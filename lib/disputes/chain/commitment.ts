import { Address } from '@stellar/stellar-sdk';
import { commitmentOf } from '@/lib/disputes/commitment';

// A juror's hidden vote as the disputes contract checks it at reveal (contracts/disputes
// `commitment`): sha256(round (4 bytes, big-endian) ‖ vote (4 bytes, big-endian) ‖ salt (32
// bytes) ‖ the juror's address as ScVal XDR). Computed in the browser, so the vote stays there
// until the reveal; the contract's compute_commitment gives the same (simulating it would show the
// vote to the RPC node, which is why the app does not).

export function chainVoteCommitment(round: number, vote: number, saltHex: string, juror: string): Promise<string> {
  return commitmentOf(round, vote, saltHex, new Uint8Array(Address.fromString(juror).toScVal().toXDR()));
}
