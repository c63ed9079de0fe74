import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { admin, advance, DAY, distribute, holder, TRQ, vote } from '@/tests/support/governance-fixtures';

// On-chain votes (governance_record_chain_vote): the server records what it read from RPC with
// the governor's weight, once per transaction and once per account, only on a soroban-rail
// proposal; the receipt names the transaction; the tally and its recount agree.

let t: TestDatabase;
let boss: string;
beforeAll(async () => {
  t = await openTestDatabase();
  boss = await admin(t, 'Chain Admin');
});
afterAll(async () => { await t?.close(); });

const CHAIN_ID = 'ab'.repeat(32);
const tx = (n: number) => n.toString(16).padStart(64, '0');
async function sorobanProposal(proposer: string) {
  const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer, kind: 'signal', title: 'On chain', body: '', changes: null });
  await t.sql("update traqora.proposals set rail = 'soroban', chain_proposal_id = $2 where id = $1", [id, CHAIN_ID]);
  return id;
}
const record = (voter: string, id: number, hash: string, extra: Record<string, unknown> = {}) => t.db.call<{ scheme: string; tx_hash: string; weight: string; support: string; chain_proposal_id: string }>(
  'governance_record_chain_vote', { voter, id, support: 'for', reason: 'on chain', address: Keypair.random().publicKey(), weight: (30n * TRQ).toString(), tx_hash: hash, ...extra });

describe('on-chain votes', () => {
  it('count the governor\'s weight once per transaction and per account, with a receipt naming the transaction', async () => {
    const [p, a, b] = [await holder(t, 'Chain Proposer'), await holder(t, 'Chain A'), await holder(t, 'Chain B')];
    await distribute(t, boss, [[p, 2000n], [a, 10n]]);
    const id = await sorobanProposal(p);
    await advance(t, DAY + 1);
    const receipt = await record(a, id, tx(1));
    expect(receipt).toMatchObject({ scheme: 'soroban', tx_hash: tx(1), weight: (30n * TRQ).toString(), support: 'for', chain_proposal_id: CHAIN_ID });
    expect(await record(a, id, tx(1))).toMatchObject({ tx_hash: tx(1) });                        // the same transaction again: same vote
    await expect(record(a, id, tx(2))).rejects.toMatchObject({ status: 409, field: 'voter' });    // a second vote by the account
    await expect(record(b, id, tx(1))).rejects.toMatchObject({ status: 409, field: 'tx_hash' });  // another's transaction
    await expect(record(b, id, 'XYZ')).rejects.toMatchObject({ status: 422, field: 'tx_hash' });
    await expect(record(b, id, tx(3), { weight: '0' })).rejects.toMatchObject({ status: 422, field: 'weight' });
    await record(b, id, tx(4), { support: 'against', weight: (5n * TRQ).toString() });
    const tally = await t.db.call<{ running: Record<string, unknown>; recount: Record<string, unknown> }>('governance_tally_check', { id });
    expect(tally.running).toEqual(tally.recount);
    expect(tally.running).toMatchObject({ for: (30n * TRQ).toString(), against: (5n * TRQ).toString(), voters: 2 });
    const events = await t.sql<{ n: string }>("select count(*) n from traqora.domain_events where type = 'proposal.voted' and payload ->> 'tx_hash' is not null and aggregate_id = $1", [String(id)]);
    expect(Number(events[0].n)).toBe(2);
    await advance(t, 7 * DAY);
    await expect(record(p, id, tx(5))).resolves.toBeDefined();   // a late confirmation of a vote the chain accepted still counts until queued
  });

  it('are refused on a ledger-rail proposal, and SEP-53 votes cannot be recorded without their signature', async () => {
    const [p, a] = [await holder(t, 'Ledger Proposer'), await holder(t, 'Ledger Voter')];
    await distribute(t, boss, [[p, 2000n], [a, 10n]]);
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'signal', title: 'Off chain', body: '', changes: null });
    await advance(t, DAY + 1);
    await expect(record(a, id, tx(10))).rejects.toMatchObject({ status: 409, field: 'id' });
    await vote(t, a, id, 'for');
    await expect(t.sql("update traqora.proposal_votes set signature = null where proposal_id = $1", [id])).rejects.toThrow(/proposal_votes_one_proof/);
    await advance(t, 7 * DAY);
  });
});
