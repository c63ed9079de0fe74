import { Account, Keypair, nativeToScVal, Networks, Operation, StrKey, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { judgeAppeal, judgeClaim } from '@/lib/disputes/chain/judge-round';

// The server's checks of a wallet-signed appeal and claim_reward before it sends them: only our
// contract's function, on this dispute (and round), from one of the caller's own accounts as the
// source, signed for this network.

const passphrase = Networks.TESTNET;
const contractId = StrKey.encodeContract(Buffer.alloc(32, 7));
const otherContract = StrKey.encodeContract(Buffer.alloc(32, 9));
const party = Keypair.random();
const stranger = Keypair.random();
const dispute = '17';

interface Opts { source?: Keypair; account?: string; dispute?: string; round?: number | bigint; fn?: 'appeal' | 'claim_reward' | 'tally_votes'; contract?: string; sign?: boolean; ops?: number; passphrase?: string }

function envelope(fn: 'appeal' | 'claim_reward', opts: Opts = {}): string {
  const source = opts.source ?? party;
  const args = [nativeToScVal(opts.account ?? party.publicKey(), { type: 'address' }), nativeToScVal(BigInt(opts.dispute ?? dispute), { type: 'u64' })];
  if (fn === 'claim_reward') args.push(typeof opts.round === 'bigint' ? nativeToScVal(opts.round, { type: 'u64' }) : nativeToScVal(opts.round ?? 1, { type: 'u32' }));
  const op = () => Operation.invokeContractFunction({ contract: opts.contract ?? contractId, function: opts.fn ?? fn, args });
  let b = new TransactionBuilder(new Account(source.publicKey(), '41'), { fee: '100', networkPassphrase: opts.passphrase ?? passphrase }).setTimeout(60);
  for (let i = 0; i < (opts.ops ?? 1); i++) b = b.addOperation(op());
  const tx = b.build();
  if (opts.sign !== false) tx.sign(source);
  return tx.toXDR();
}

const expectations = { contractId, networkPassphrase: passphrase, chainDisputeId: dispute, accounts: [party.publicKey()] };

const common: [string, Opts, string][] = [
  ['another dispute', { dispute: '18' }, 'another dispute'],
  ['an account not linked to the caller', { source: stranger, account: stranger.publicKey() }, 'not linked to you'],
  ['a source other than the acting account', { source: stranger }, 'own account'],
  ['an unsigned transaction', { sign: false }, 'not signed'],
  ['a transaction signed for another network', { passphrase: Networks.PUBLIC }, 'not signed'],
  ['another function', { fn: 'tally_votes' }, 'is not a'],
  ['another contract', { contract: otherContract }, 'is not a'],
  ['two operations', { ops: 2 }, 'is not a'],
];

describe('judgeAppeal', () => {
  it("accepts the party's own signed appeal on this dispute", () => {
    expect(judgeAppeal(envelope('appeal'), expectations)).toEqual({ ok: true, account: party.publicKey(), args: { disputeId: dispute } });
  });
  it.each(common)('refuses %s, naming signed_xdr', (_what, opts, message) => {
    expect(judgeAppeal(envelope('appeal', opts), expectations)).toEqual({ ok: false, field: 'signed_xdr', message: expect.stringContaining(message) });
  });
  it('refuses a claim_reward offered as an appeal, and what is not a transaction', () => {
    expect(judgeAppeal(envelope('claim_reward'), expectations)).toMatchObject({ ok: false, message: expect.stringContaining('not an appeal call') });
    expect(judgeAppeal(xdr.ScVal.scvU32(7).toXDR('base64'), expectations)).toMatchObject({ ok: false, field: 'signed_xdr', message: expect.stringContaining('not a transaction envelope') });
  });
});

describe('judgeClaim', () => {
  const claimExpect = { ...expectations, round: 1 };
  it("accepts the juror's own signed claim on this dispute and round", () => {
    expect(judgeClaim(envelope('claim_reward'), claimExpect)).toEqual({ ok: true, account: party.publicKey(), args: { disputeId: dispute, round: 1 } });
    expect(judgeClaim(envelope('claim_reward', { round: 2 }), { ...claimExpect, round: 2 })).toMatchObject({ ok: true, args: { round: 2 } });
  });
  it.each([...common, ['another round', { round: 2 }, 'another round'] as [string, Opts, string]])('refuses %s, naming signed_xdr', (_what, opts, message) => {
    expect(judgeClaim(envelope('claim_reward', opts), claimExpect)).toEqual({ ok: false, field: 'signed_xdr', message: expect.stringContaining(message) });
  });
  it('refuses a round argument of another type', () => {
    expect(judgeClaim(envelope('claim_reward', { round: 1n }), claimExpect)).toMatchObject({ ok: false, message: expect.stringContaining('arguments claim_reward does not take') });
  });
});

describe('disputesErrorSentence', () => {
  it("names the contract's own refusals of appeal and claim_reward, and tells the stake token's apart", async () => {
    const { disputesErrorSentence } = await import('@/lib/disputes/chain/wallet');
    const sim = (n: number) => `HostError: Error(Contract, #${n})\n\nEvent log (newest first): ...`;
    expect(disputesErrorSentence(sim(21), 'appeal')).toBe('Only the side that lost the round may appeal.');
    expect(disputesErrorSentence(sim(18), 'appeal')).toBe('The appeal window is closed.');
    expect(disputesErrorSentence(sim(22), 'claim_reward')).toMatch(/no reward in this round/);
    expect(disputesErrorSentence(sim(23), 'claim_reward')).toBe('This reward is already claimed.');
    // the same number from the token's transfer (a Stellar asset contract's #13: no trustline) is not the contract's #13
    expect(disputesErrorSentence(sim(13), 'claim_reward')).toMatch(/stake token cannot pay this account/);
    expect(disputesErrorSentence(sim(10), 'appeal')).toMatch(/stake token refused the transfer/);
    expect(disputesErrorSentence(sim(13), 'reveal_vote')).toBe('The vote and salt do not match the commitment.');
  });
});
