import { Keypair } from '@stellar/stellar-sdk';

// The off-chain vote a wallet signs with SEP-53 ("Stellar Signed Message:\n" ‖ message, SHA-256,
// ed25519). Snapshot's vote fields (from, proposal, choice, reason, timestamp, app) plus what
// pins it to one Traqora deployment: the network passphrase and the origin. One header line a
// wallet shows the user, then one JSON object in a fixed key order — the server rebuilds the
// message from its parsed fields and requires the exact same text, so nothing can ride along.
// Independent verification: docs/governance.md.

export const VOTE_HEADER = 'Traqora governance vote';
export const SUPPORTS = ['for', 'against', 'abstain'] as const;
export type Support = (typeof SUPPORTS)[number];

export interface VoteFields {
  network: string;
  origin: string;
  proposal: number;
  support: Support;
  reason: string | null;
  voter: string;
  /** ISO 8601, when the voter signed: the server accepts it for FRESH_MS either way. */
  issued_at: string;
}

/** How far a signed vote's issued_at may be from the server's clock. */
export const FRESH_MS = 10 * 60 * 1000;

export function voteMessage(f: VoteFields): string {
  const body = { app: 'traqora', version: 1, network: f.network, origin: f.origin, proposal: f.proposal,
    support: f.support, reason: f.reason, voter: f.voter, issued_at: f.issued_at };
  return `${VOTE_HEADER}\n${JSON.stringify(body)}`;
}

/** The fields of a message voteMessage() built, or null when it is anything else. */
export function parseVoteMessage(message: string): VoteFields | null {
  if (!message.startsWith(`${VOTE_HEADER}\n`)) return null;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(message.slice(VOTE_HEADER.length + 1));
  } catch {
    return null;
  }
  if (!o || typeof o !== 'object' || o.app !== 'traqora' || o.version !== 1) return null;
  const f = o as unknown as VoteFields;
  if (typeof f.network !== 'string' || typeof f.origin !== 'string' || !Number.isSafeInteger(f.proposal)
      || !SUPPORTS.includes(f.support) || (f.reason !== null && typeof f.reason !== 'string')
      || typeof f.voter !== 'string' || typeof f.issued_at !== 'string') return null;
  const fields: VoteFields = { network: f.network, origin: f.origin, proposal: f.proposal, support: f.support,
    reason: f.reason, voter: f.voter, issued_at: f.issued_at };
  return voteMessage(fields) === message ? fields : null;
}

/** Base64 (what wallets return) or hex signature bytes; null when neither is 64 bytes. */
export function signatureBytes(signature: string): Uint8Array | null {
  const s = signature.trim();
  const bytes = /^[0-9a-fA-F]{128}$/.test(s) ? Buffer.from(s, 'hex')
    : /^[A-Za-z0-9+/]{86}==$/.test(s) ? Buffer.from(s, 'base64') : null;
  return bytes && bytes.length === 64 ? new Uint8Array(bytes) : null;
}

/** True when `signature` is `address`'s SEP-53 signature of exactly `message`. */
export function verifyVoteSignature(message: string, signature: Uint8Array, address: string): boolean {
  try {
    return Keypair.fromPublicKey(address).verifyMessage(message, signature);
  } catch {
    return false;   // not an account id
  }
}
