import { Account, Contract, Keypair, nativeToScVal, Networks, rpc, StrKey, TransactionBuilder } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { judgeChainProposal } from '@/lib/governance/soroban/judge-propose';
import { chainCallList, chainDescription, type ProposalDraft } from '@/lib/governance/soroban/proposal-calls';
import { governor } from '@/lib/stellar/contracts/governor';
import { proposalIdOf } from '@/lib/stellar/contracts/governor-hash';

// A proposal on the governor is believed only from RPC: a real `propose` transaction built with
// the governor's spec and signed by a real keypair, judged against the calls and description
// Traqora computes from the proposal's fields, and the id those hash to.

const GOVERNOR = StrKey.encodeContract(Buffer.alloc(32, 7));
const TRQ = StrKey.encodeContract(Buffer.alloc(32, 8));
const proposer = Keypair.random();
const draft: ProposalDraft = { kind: 'parameter', title: 'Lower the fee', body: 'Because.', changes: [{ key: 'platform.fee_bps', value: 240 }, { key: 'governance.quorum_bps', value: 500 }] };
const list = chainCallList(TRQ);
const calls = { ...list, args: [[]] };

function envelope(opts: { contract?: string; description?: string; as?: string } = {}) {
  const args = governor.encode('propose', governor.args.propose(calls, opts.description ?? chainDescription(draft), opts.as ?? proposer.publicKey()));
  const tx = new TransactionBuilder(new Account(proposer.publicKey(), '41'), { fee: '100', networkPassphrase: Networks.TESTNET })
    .addOperation(new Contract(opts.contract ?? GOVERNOR).call('propose', ...args)).setTimeout(60).build();
  tx.sign(proposer);
  return tx.toEnvelope();
}
const idOf = (description: string) => proposalIdOf(calls, description);
const success = (env = envelope(), id: Buffer = idOf(chainDescription(draft))) => ({
  status: rpc.Api.GetTransactionStatus.SUCCESS, ledger: 5000, createdAt: 1_796_000_000, envelopeXdr: env,
  returnValue: nativeToScVal(id, { type: 'bytes' }),
}) as unknown as rpc.Api.GetTransactionResponse;
const expectation = { governorContractId: GOVERNOR, networkPassphrase: Networks.TESTNET, proposer: proposer.publicKey(), calls: list, description: chainDescription(draft) };

describe('the proposal on chain', () => {
  it('describes the parameters in a fixed form, whatever order the form listed them in', () => {
    const text = chainDescription(draft);
    expect(text).toBe('Lower the fee\n\nBecause.\n\n---\ntraqora-proposal: 1\nkind: parameter\nset governance.quorum_bps = 500\nset platform.fee_bps = 240');
    expect(chainDescription({ ...draft, changes: [...draft.changes].reverse() })).toBe(text);
    expect(chainDescription({ kind: 'signal', title: ' Ask ', body: '', changes: [] })).toBe('Ask\n\n\n\n---\ntraqora-proposal: 1\nkind: signal');
    expect(list).toEqual({ targets: [TRQ], functions: ['decimals'] });
  });

  it('confirms the propose transaction with exactly these calls and description, by the proposer, returning their id', () => {
    expect(judgeChainProposal(success(), expectation)).toEqual({
      status: 'confirmed', chainProposalId: idOf(chainDescription(draft)).toString('hex'), ledger: 5000, closedAt: new Date(1_796_000_000_000).toISOString() });
  });

  it('refuses another description (other parameters), another proposer, another contract, another id; waits while unseen', () => {
    const other = chainDescription({ ...draft, changes: [{ key: 'platform.fee_bps', value: 10 }] });
    expect(judgeChainProposal(success(envelope({ description: other }), idOf(other)), expectation)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/calls or description differ/) });
    expect(judgeChainProposal(success(envelope({ as: Keypair.random().publicKey() })), expectation)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/another account/) });
    expect(judgeChainProposal(success(envelope({ contract: TRQ })), expectation)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/not a proposal/) });
    expect(judgeChainProposal(success(envelope(), Buffer.alloc(32, 1)), expectation)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/another proposal id/) });
    expect(judgeChainProposal({ status: rpc.Api.GetTransactionStatus.NOT_FOUND } as rpc.Api.GetTransactionResponse, expectation)).toEqual({ status: 'pending' });
    expect(judgeChainProposal({ status: rpc.Api.GetTransactionStatus.FAILED } as rpc.Api.GetTransactionResponse, expectation)).toMatchObject({ status: 'failed' });
  });
});
