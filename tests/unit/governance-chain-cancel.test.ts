import { Account, Contract, Keypair, Networks, rpc, StrKey, TransactionBuilder } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { judgeChainCancel } from '@/lib/governance/soroban/judge-cancel';
import { cancelErrorSentence } from '@/lib/governance/soroban/cancel-with-wallet';
import { chainCallList, chainDescription, type ProposalDraft } from '@/lib/governance/soroban/proposal-calls';
import { governor } from '@/lib/stellar/contracts/governor';
import { descriptionHash } from '@/lib/stellar/contracts/governor-hash';

// A cancellation on the governor is believed only from RPC: a real `cancel` transaction built
// with the governor's spec and signed by a real keypair, judged against the calls and the
// description hash Traqora computes from the proposal's row, by the proposer's wallet.

const GOVERNOR = StrKey.encodeContract(Buffer.alloc(32, 7));
const TRQ = StrKey.encodeContract(Buffer.alloc(32, 8));
const proposer = Keypair.random();
const draft: ProposalDraft = { kind: 'parameter', title: 'Lower the fee', body: 'Because.', changes: [{ key: 'platform.fee_bps', value: 240 }] };
const calls = { ...chainCallList(TRQ), args: [[]] };
const hash = descriptionHash(chainDescription(draft));

function envelope(opts: { contract?: string; fn?: string; hash?: Buffer; as?: string } = {}) {
  const args = governor.encode('cancel', governor.args.cancel(calls, opts.hash ?? hash, opts.as ?? proposer.publicKey()));
  const tx = new TransactionBuilder(new Account(proposer.publicKey(), '41'), { fee: '100', networkPassphrase: Networks.TESTNET })
    .addOperation(new Contract(opts.contract ?? GOVERNOR).call(opts.fn ?? 'cancel', ...args)).setTimeout(60).build();
  tx.sign(proposer);
  return tx.toEnvelope();
}
const success = (env = envelope()) => ({ status: rpc.Api.GetTransactionStatus.SUCCESS, ledger: 6000, createdAt: 1_796_000_000, envelopeXdr: env }) as unknown as rpc.Api.GetTransactionResponse;
const expectation = { governorContractId: GOVERNOR, networkPassphrase: Networks.TESTNET, calls, descriptionHash: hash, operator: proposer.publicKey() };

describe('a cancellation on chain', () => {
  it('confirms the cancel transaction of exactly this proposal by the proposer', () => {
    expect(judgeChainCancel(success(), expectation)).toEqual({ status: 'confirmed', ledger: 6000, closedAt: new Date(1_796_000_000_000).toISOString() });
  });

  it('refuses another proposal, another operator, another contract or function; waits while unseen; a failed one is refused', () => {
    const otherHash = descriptionHash(chainDescription({ ...draft, title: 'Another' }));
    expect(judgeChainCancel(success(envelope({ hash: otherHash })), expectation)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/another proposal/) });
    expect(judgeChainCancel(success(envelope({ as: Keypair.random().publicKey() })), expectation)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/another account/) });
    expect(judgeChainCancel(success(envelope({ contract: TRQ })), expectation)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/not a cancellation/) });
    expect(judgeChainCancel(success(envelope({ fn: 'execute' })), expectation)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/not a cancellation/) });
    expect(judgeChainCancel({ status: rpc.Api.GetTransactionStatus.NOT_FOUND } as rpc.Api.GetTransactionResponse, expectation)).toEqual({ status: 'pending' });
    expect(judgeChainCancel({ status: rpc.Api.GetTransactionStatus.FAILED } as rpc.Api.GetTransactionResponse, expectation)).toMatchObject({ status: 'failed' });
  });

  it('says the governor\'s refusals in a sentence', () => {
    expect(cancelErrorSentence('HostError: Error(Contract, #1)')).toMatch(/did not make the proposal/);
    expect(cancelErrorSentence('HostError: Error(Contract, #5009)')).toMatch(/can no longer be cancelled/);
    expect(cancelErrorSentence('HostError: Error(Auth, InvalidAction)')).toMatch(/did not authorise the cancellation/);
  });
});
