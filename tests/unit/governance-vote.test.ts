import { Keypair, Networks } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { checkSignedVote } from '@/lib/governance/votes';
import { parseVoteMessage, signatureBytes, verifyVoteSignature, voteMessage, type VoteFields } from '@/lib/governance/vote-message';
import { formatTrq, parseTrq, share } from '@/lib/governance/trq-amount';

// The server's check of an off-chain vote: SEP-53 by a real keypair (stellar-sdk), and every way
// a signature could be tampered with, borrowed from another account or replayed elsewhere.

const site = { network: Networks.TESTNET, origin: 'https://traqora.example', now: Date.parse('2026-12-06T10:00:00Z') };
const kp = Keypair.random();
const fields = (over: Partial<VoteFields> = {}): VoteFields => ({
  network: site.network, origin: site.origin, proposal: 7, support: 'for', reason: 'Lower fees bring travellers',
  voter: kp.publicKey(), issued_at: '2026-12-06T09:58:00.000Z', ...over });
const sign = (message: string, key = kp) => Buffer.from(key.signMessage(message)).toString('base64');
const input = (f = fields(), key = kp) => {
  const message = voteMessage(f);
  return { support: f.support, reason: f.reason, address: f.voter, message, signature: sign(message, key) };
};
const viewer = { wallets: [kp.publicKey()] };
const refusal = (fn: () => unknown) => { try { fn(); } catch (e) { return e as { status: number; errors: Array<{ field: string }> }; } throw new Error('accepted'); };

describe('SEP-53 vote messages', () => {
  it('round-trip exactly and verify with stellar-sdk; the raw message without the SEP-53 prefix does not', () => {
    const m = voteMessage(fields());
    expect(parseVoteMessage(m)).toEqual(fields());
    const sig = signatureBytes(sign(m))!;
    expect(verifyVoteSignature(m, sig, kp.publicKey())).toBe(true);
    expect(kp.verify(Buffer.from(m), Buffer.from(sig))).toBe(false);   // SEP-53 signs sha256(prefix ‖ message)
    expect(signatureBytes(Buffer.from(sig).toString('hex'))).toEqual(sig);
    expect(signatureBytes('short')).toBeNull();
  });

  it('refuse a message with extra fields, other spacing or another header', () => {
    const m = voteMessage(fields());
    expect(parseVoteMessage(m.replace('"app":"traqora"', '"app":"traqora","extra":1'))).toBeNull();
    expect(parseVoteMessage(m.replace('{"app"', '{ "app"'))).toBeNull();
    expect(parseVoteMessage(m.replace('Traqora governance vote', 'Traqora vote'))).toBeNull();
    expect(parseVoteMessage(m.replace('"support":"for"', '"support":"maybe"'))).toBeNull();
  });
});

describe('checkSignedVote', () => {
  it('accepts the wallet-signed vote and answers the signature as base64', () => {
    const i = input();
    expect(checkSignedVote(viewer, 7, i, site)).toBe(i.signature);
  });

  it('refuses a tampered message, choice or reason', () => {
    const i = input();
    const tampered = i.message.replace('"support":"for"', '"support":"against"');
    expect(refusal(() => checkSignedVote(viewer, 7, { ...i, message: tampered, support: 'against' }, site))).toMatchObject({ status: 422, errors: [{ field: 'signature' }] });
    expect(refusal(() => checkSignedVote(viewer, 7, { ...i, support: 'against' }, site))).toMatchObject({ status: 422, errors: [{ field: 'message' }] });
    expect(refusal(() => checkSignedVote(viewer, 7, { ...i, reason: null }, site))).toMatchObject({ status: 422, errors: [{ field: 'message' }] });
    const flipped = Buffer.from(i.signature, 'base64');
    flipped[10] ^= 1;
    expect(refusal(() => checkSignedVote(viewer, 7, { ...i, signature: flipped.toString('base64') }, site))).toMatchObject({ status: 422, errors: [{ field: 'signature' }] });
  });

  it('refuses a foreign signature: another key signing for this account, or an account not linked to the voter', () => {
    const other = Keypair.random();
    expect(refusal(() => checkSignedVote(viewer, 7, input(fields(), other), site))).toMatchObject({ status: 422, errors: [{ field: 'signature' }] });
    const theirs = input(fields({ voter: other.publicKey() }), other);
    expect(refusal(() => checkSignedVote(viewer, 7, theirs, site))).toMatchObject({ status: 403, errors: [{ field: 'address' }] });
  });

  it('refuses a replay on another proposal, network or site, or outside ten minutes', () => {
    expect(refusal(() => checkSignedVote(viewer, 8, input(), site))).toMatchObject({ status: 422, errors: [{ field: 'message' }] });
    expect(refusal(() => checkSignedVote(viewer, 7, input(fields({ network: Networks.PUBLIC })), site))).toMatchObject({ status: 422 });
    expect(refusal(() => checkSignedVote(viewer, 7, input(fields({ origin: 'https://evil.example' })), site))).toMatchObject({ status: 422 });
    expect(refusal(() => checkSignedVote(viewer, 7, input(fields({ issued_at: '2026-12-06T09:49:59.000Z' })), site))).toMatchObject({ status: 422 });
    expect(refusal(() => checkSignedVote(viewer, 7, input(fields({ issued_at: '2026-12-06T10:10:01.000Z' })), site))).toMatchObject({ status: 422 });
  });
});

describe('TRQ amounts', () => {
  it('parse and format base units exactly', () => {
    expect(parseTrq('1234.5')).toBe(12_345_000_000n);
    expect(parseTrq('0.0000001')).toBe(1n);
    expect(parseTrq('1.00000001')).toBeNull();
    expect(parseTrq('-1')).toBeNull();
    expect(formatTrq('12345000000')).toBe('1,234.5 TRQ');
    expect(formatTrq(10_000_000n, { unit: false })).toBe('1');
    expect(share('1', '4')).toBe(0.25);
    expect(share('1', '0')).toBe(0);
  });
});
