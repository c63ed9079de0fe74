import 'server-only';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import type { CastVoteInput } from './schemas';
import type { VoteReceipt } from './types';
import { FRESH_MS, parseVoteMessage, signatureBytes, verifyVoteSignature } from './vote-message';

// A signed vote is accepted only when the message is exactly the one Traqora's vote dialog builds,
// for this proposal, choice and reason, on this network and origin, signed by a wallet linked to
// the voter's account within FRESH_MS, and the SEP-53 signature verifies (stellar-sdk). The
// database then weighs it at the snapshot, once per account and once per signature.

export interface VoteSite { network: string; origin: string; now?: number }

const refuse = (status: number, field: string, message: string) => new HttpProblem(status, message, [{ field, message }]);

export function checkSignedVote(viewer: Pick<Viewer, 'wallets'>, proposal: number, input: CastVoteInput, site: VoteSite): string {
  const bytes = signatureBytes(input.signature);
  if (!bytes) throw refuse(422, 'signature', 'The signature must be 64 bytes, base64 or hex.');
  const fields = parseVoteMessage(input.message);
  if (!fields) throw refuse(422, 'message', 'The message is not a Traqora vote.');
  if (fields.proposal !== proposal) throw refuse(422, 'message', 'The message is a vote on another proposal.');
  if (fields.support !== input.support || fields.reason !== input.reason) throw refuse(422, 'message', 'The message does not say the choice and reason sent with it.');
  if (fields.voter !== input.address) throw refuse(422, 'address', 'The message names another voter.');
  if (fields.network !== site.network) throw refuse(422, 'message', 'The message was signed for another Stellar network.');
  if (fields.origin !== site.origin) throw refuse(422, 'message', 'The message was signed for another site.');
  const issued = Date.parse(fields.issued_at);
  if (!Number.isFinite(issued) || Math.abs((site.now ?? Date.now()) - issued) > FRESH_MS) {
    throw refuse(422, 'message', 'The signed vote is stale or from the future; sign it again.');
  }
  if (!viewer.wallets.includes(input.address)) throw refuse(403, 'address', 'This wallet is not linked to your account.');
  if (!verifyVoteSignature(input.message, bytes, input.address)) throw refuse(422, 'signature', 'The signature does not verify for this message and account.');
  return Buffer.from(bytes).toString('base64');
}

export async function castVote(viewer: Viewer, proposal: number, input: CastVoteInput, site: VoteSite): Promise<VoteReceipt> {
  const signature = checkSignedVote(viewer, proposal, input, site);
  return (await db()).call<VoteReceipt>('governance_cast_vote', {
    voter: viewer.id, id: proposal, support: input.support, reason: input.reason, address: input.address, message: input.message, signature,
  });
}
