import { Keypair } from '@stellar/stellar-sdk';
import type { TestDatabase } from './database';

// Governance set-up for database tests: holders with TRQ from a treasury distribution, the test
// clock, and votes signed with SEP-53 by a real keypair (the server's check is lib/governance).

export const TRQ = 10_000_000n;   // base units per TRQ

export const adminCtx = (actor: string) => ({ actor, role: 'admin', reason: null, ip: '127.0.0.1', request_id: 'test' });

export async function admin(t: TestDatabase, name = 'Gov Admin'): Promise<string> {
  return (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name })).id;
}

export async function holder(t: TestDatabase, name: string): Promise<string> {
  return (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name })).id;
}

export async function distribute(t: TestDatabase, by: string, recipients: Array<[string, bigint]>, reason = 'test airdrop') {
  return t.db.call<{ batch_id: string; total: string }>('trq_distribute', {
    ctx: adminCtx(by), reason, recipients: recipients.map(([user_id, trq]) => ({ user_id, amount: (trq * TRQ).toString() })),
  });
}

export const advance = (t: TestDatabase, seconds: number) => t.db.call('governance_advance_clock', { seconds });

export interface Account { balance: string; votes: string; delegate: { id: string } | null; delegates_to_self: boolean; delegators: number }
export const account = (t: TestDatabase, id: string) => t.db.call<Account>('trq_account', { holder: id });

export const DAY = 86_400;

/** A SEP-53 signed vote for the database call (the message's content is the server's business). */
export function signedVote(kp: Keypair, proposal: number, support: string, reason: string | null = null) {
  const message = JSON.stringify({ app: 'traqora', type: 'vote', proposal, support, reason, voter: kp.publicKey(), nonce: Math.random() });
  return { address: kp.publicKey(), message, signature: Buffer.from(kp.signMessage(message)).toString('base64') };
}

export async function vote(t: TestDatabase, voter: string, proposal: number, support: string, kp = Keypair.random(), reason: string | null = null) {
  const s = signedVote(kp, proposal, support, reason);
  return t.db.call<{ weight: string; support: string }>('governance_cast_vote', { voter, id: proposal, support, reason, ...s });
}
