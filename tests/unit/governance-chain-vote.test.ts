import { Account, Contract, Keypair, nativeToScVal, Networks, rpc, StrKey, TransactionBuilder } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { judgeChainVote } from '@/lib/governance/soroban/judge-vote';
import { governor, VOTE, type VoteType } from '@/lib/stellar/contracts/governor';

// An on-chain vote is believed only from RPC: real transactions built with the governor's spec
// (contracts/spec/governor.json) and signed by a real keypair, judged against the proposal's
// chain id and the voter's wallet; the weight is the one the governor returned.

const GOVERNOR = StrKey.encodeContract(Buffer.alloc(32, 7));
const OTHER = StrKey.encodeContract(Buffer.alloc(32, 9));
const voter = Keypair.random();
const chainId = Buffer.alloc(32, 0xab).toString('hex');

function envelope(opts: { contract?: string; fn?: string; id?: string; vote?: VoteType; reason?: string; as?: string } = {}) {
  const fn = opts.fn ?? 'cast_vote';
  const args = governor.encode('cast_vote', governor.args.cast_vote(opts.id ?? chainId, opts.vote ?? VOTE.for, opts.reason ?? 'Fund the jury', opts.as ?? voter.publicKey()));
  const tx = new TransactionBuilder(new Account(voter.publicKey(), '41'), { fee: '100', networkPassphrase: Networks.TESTNET })
    .addOperation(new Contract(opts.contract ?? GOVERNOR).call(fn, ...args)).setTimeout(60).build();
  tx.sign(voter);
  return tx.toEnvelope();
}
const success = (env = envelope(), weight: bigint | null = 5_000n * 10_000_000n) => ({
  status: rpc.Api.GetTransactionStatus.SUCCESS, ledger: 4242, createdAt: 1_796_000_000, envelopeXdr: env,
  returnValue: weight === null ? undefined : nativeToScVal(weight, { type: 'u128' }),
}) as unknown as rpc.Api.GetTransactionResponse;
const expectation = { governorContractId: GOVERNOR, networkPassphrase: Networks.TESTNET, chainProposalId: chainId, voter: voter.publicKey() };

describe('judgeChainVote', () => {
  it('confirms a successful cast_vote on our governor for this proposal and voter, with the weight the governor counted', () => {
    expect(judgeChainVote(success(), expectation)).toEqual({
      status: 'confirmed', support: 'for', reason: 'Fund the jury', voter: voter.publicKey(), weight: 50_000_000_000n,
      ledger: 4242, closedAt: new Date(1_796_000_000_000).toISOString() });
    expect(judgeChainVote(success(envelope({ vote: VOTE.abstain, reason: '' })), expectation)).toMatchObject({ status: 'confirmed', support: 'abstain', reason: null });
    expect(judgeChainVote(success(envelope({ vote: VOTE.against })), { ...expectation, chainProposalId: chainId.toUpperCase() })).toMatchObject({ support: 'against' });
  });

  it('waits while RPC has not seen the transaction, and reports a refused one', () => {
    expect(judgeChainVote({ status: rpc.Api.GetTransactionStatus.NOT_FOUND } as rpc.Api.GetTransactionResponse, expectation)).toEqual({ status: 'pending' });
    expect(judgeChainVote({ status: rpc.Api.GetTransactionStatus.FAILED } as rpc.Api.GetTransactionResponse, expectation)).toMatchObject({ status: 'failed' });
  });

  it.each([
    ['another contract', () => envelope({ contract: OTHER }), /not a vote on the Traqora governor/],
    ['another function', () => envelope({ fn: 'has_voted' }), /not a vote on the Traqora governor/],
    ['another proposal', () => envelope({ id: Buffer.alloc(32, 1).toString('hex') }), /another proposal/],
    ['another voter', () => envelope({ as: Keypair.random().publicKey() }), /another account/],
  ])('refuses a transaction to %s', (_, env, reason) => {
    expect(judgeChainVote(success(env()), expectation)).toMatchObject({ status: 'failed', reason });
  });

  it('refuses a result without weight', () => {
    expect(judgeChainVote(success(envelope(), null), expectation)).toMatchObject({ status: 'failed', reason: /no result/ });
    expect(judgeChainVote(success(envelope(), 0n), expectation)).toMatchObject({ status: 'failed', reason: /no voting power/ });
  });
});
