import { Account, Keypair, nativeToScVal, Networks, Operation, StrKey, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { judgeFiling } from '@/lib/disputes/chain/judge-filing';

// The server's check of a wallet-signed file_dispute before it sends it: only our contract's
// file_dispute, on this booking, from one of the caller's own accounts as the source, signed.

const passphrase = Networks.TESTNET;
const contractId = StrKey.encodeContract(Buffer.alloc(32, 7));
const otherContract = StrKey.encodeContract(Buffer.alloc(32, 9));
const filer = Keypair.random();
const stranger = Keypair.random();
const booking = '8123456789012345678';

function envelope(opts: { source?: Keypair; filer?: string; booking?: string; fn?: string; contract?: string; sign?: boolean; ops?: number; passphrase?: string } = {}): string {
  const source = opts.source ?? filer;
  const op = () => Operation.invokeContractFunction({
    contract: opts.contract ?? contractId, function: opts.fn ?? 'file_dispute',
    args: [nativeToScVal(opts.filer ?? filer.publicKey(), { type: 'address' }), nativeToScVal(BigInt(opts.booking ?? booking), { type: 'u64' }),
           xdr.ScVal.scvBytes(Buffer.alloc(32, 1))],
  });
  let b = new TransactionBuilder(new Account(source.publicKey(), '41'), { fee: '100', networkPassphrase: opts.passphrase ?? passphrase }).setTimeout(60);
  for (let i = 0; i < (opts.ops ?? 1); i++) b = b.addOperation(op());
  const tx = b.build();
  if (opts.sign !== false) tx.sign(source);
  return tx.toXDR();
}

const expectations = { contractId, networkPassphrase: passphrase, chainBookingId: booking, accounts: [filer.publicKey()] };

describe('judgeFiling', () => {
  it('accepts the filer\'s own signed file_dispute on this booking', () => {
    expect(judgeFiling(envelope(), expectations)).toEqual({ ok: true, filer: filer.publicKey(), chainBookingId: booking, evidenceHash: '01'.repeat(32) });
    // read by hash later, the booking is matched by the record
    expect(judgeFiling(envelope({ booking: '5' }), { ...expectations, chainBookingId: null })).toMatchObject({ ok: true, chainBookingId: '5' });
  });

  it.each([
    ['another booking', { booking: '42' }, 'another booking'],
    ['an account not linked to the caller', { source: stranger, filer: stranger.publicKey() }, 'not linked to you'],
    ['a source other than the filer', { source: stranger }, "filer's own account"],
    ['an unsigned transaction', { sign: false }, 'not signed'],
    ['a transaction signed for another network', { passphrase: Networks.PUBLIC }, 'not signed'],
    ['another function', { fn: 'submit_evidence' }, 'not a file_dispute call'],
    ['another contract', { contract: otherContract }, 'not a file_dispute call'],
    ['two operations', { ops: 2 }, 'not a file_dispute call'],
  ])('refuses %s, naming signed_xdr', (_what, opts, message) => {
    expect(judgeFiling(envelope(opts), expectations)).toEqual({ ok: false, field: 'signed_xdr', message: expect.stringContaining(message) });
  });

  it('refuses what is not a transaction for this network', () => {
    expect(judgeFiling(xdr.ScVal.scvU32(7).toXDR('base64'), expectations)).toMatchObject({ ok: false, field: 'signed_xdr', message: expect.stringContaining('not a transaction envelope') });
    expect(judgeFiling('not base64 at all!', expectations)).toMatchObject({ ok: false, field: 'signed_xdr' });
  });
});
