import { keccak_256 } from '@noble/hashes/sha3.js';
import { governor, type ProposalCalls } from './governor';

// The governor's ids, computed as its OpenZeppelin base does on chain (stellar-governance 0.7,
// governor/storage.rs): the description hash is keccak256 of the description's raw UTF-8 bytes
// (not its XDR, not SHA-256), and a proposal id is keccak256 of the XDR of the targets, function
// names and argument lists (each a Soroban Vec ScVal) followed by the 32 description-hash bytes.
// queue, execute and cancel take the hash instead of the text, so the app must agree exactly:
// tests/unit/governor-hash.test.ts checks both against events the real contract emitted.

/** keccak256 of the description's UTF-8 bytes. */
export function descriptionHash(description: string): Buffer {
  return Buffer.from(keccak_256(new TextEncoder().encode(description)));
}

/** The id `propose` returns for these calls and description (what `get_proposal_id` computes). */
export function proposalIdOf(proposal: ProposalCalls, description: string): Buffer {
  const hash = descriptionHash(description);
  // the spec encodes targets, functions and args as the contract's Vec<Address>, Vec<Symbol>, Vec<Vec<Val>>
  const [targets, functions, args] = governor.encode('get_proposal_id', governor.args.get_proposal_id(proposal, hash));
  return Buffer.from(keccak_256(Buffer.concat([targets.toXDR(), functions.toXDR(), args.toXDR(), hash])));
}
