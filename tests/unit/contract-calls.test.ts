import { Address, Keypair, StrKey, nativeToScVal, scValToNative, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import type { ContractCalls } from '@/lib/stellar/contracts/calls';
import { disputes, DISPUTE_VOTE } from '@/lib/stellar/contracts/disputes';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { governor, VOTE, type ProposalCalls } from '@/lib/stellar/contracts/governor';
import { loyalty, MAX_SYNC_BATCH, TIER, type MemberSync } from '@/lib/stellar/contracts/loyalty';
import { adminAction, multisig } from '@/lib/stellar/contracts/multisig';
import { receipts } from '@/lib/stellar/contracts/receipts';
import { trq } from '@/lib/stellar/contracts/trq';
import { contractSpec, specEnum } from '@/lib/stellar/specs';

// Every call of the spec-built clients, checked against the committed contract specs
// (contracts/spec/*.json): the function exists, the builder names exactly its parameters, the
// encoded arguments carry the declared types in the declared order and decode back to what went
// in; bad values are refused before encoding, and wrong types by the spec itself.

const account = Keypair.random().publicKey();
const other = Keypair.random().publicKey();
const contractId = StrKey.encodeContract(Buffer.alloc(32, 9));
const hash = Buffer.alloc(32, 0xab);
const hex = 'cd'.repeat(32);

const proposal: ProposalCalls = {
  targets: [contractId],
  functions: ['set_params'],
  args: [[nativeToScVal(250, { type: 'u32' }), nativeToScVal(account, { type: 'address' })]],
};
const sync: MemberSync = { member: account, points: 1_250n, tier: 'gold', syncSeq: 7n };

type AnyCalls = ContractCalls<Record<string, (...a: never[]) => Record<string, unknown>>, Record<string, unknown>>;
const samples: [AnyCalls, string, Record<string, unknown>][] = [];
const add = <B extends Record<string, (...a: never[]) => Record<string, unknown>>>(calls: ContractCalls<B, unknown>, list: { [F in keyof B]: ReturnType<B[F]> }) => {
  for (const [fn, args] of Object.entries(list)) samples.push([calls as unknown as AnyCalls, fn, args as Record<string, unknown>]);
};

add(trq, {
  balance: trq.args.balance(account),
  transfer: trq.args.transfer(account, other, 5_000_000n),
  delegate: trq.args.delegate(account, other),
  get_delegate: trq.args.get_delegate(account),
  get_votes: trq.args.get_votes(account),
  get_votes_at_checkpoint: trq.args.get_votes_at_checkpoint(account, 123_456),
  get_total_supply_at_checkpoint: trq.args.get_total_supply_at_checkpoint(123_456),
  decimals: trq.args.decimals(),
});
add(governor, {
  propose: governor.args.propose(proposal, 'Lower the platform fee to 2.5%', account),
  cast_vote: governor.args.cast_vote(hash, VOTE.abstain, 'not sure yet', account),
  queue: governor.args.queue(proposal, hex, 9_000, account),
  execute: governor.args.execute(proposal, hash, account),
  cancel: governor.args.cancel(proposal, hash, account),
  get_proposal_id: governor.args.get_proposal_id(proposal, hash),
  proposal_state: governor.args.proposal_state(hex),
  proposal_snapshot: governor.args.proposal_snapshot(hash),
  proposal_deadline: governor.args.proposal_deadline(hash),
  proposal_eta: governor.args.proposal_eta(hash),
  proposal_proposer: governor.args.proposal_proposer(hash),
  has_voted: governor.args.has_voted(hash, account),
  quorum: governor.args.quorum(100),
});
add(disputes, {
  file_dispute: disputes.args.file_dispute(account, 77n, hash),
  submit_evidence: disputes.args.submit_evidence(account, 3n, hex),
  commit_vote: disputes.args.commit_vote(account, 3n, hash),
  reveal_vote: disputes.args.reveal_vote(account, 3n, DISPUTE_VOTE.release, hash),
  tally_votes: disputes.args.tally_votes(3n),
  appeal: disputes.args.appeal(account, 3n),
  execute_verdict: disputes.args.execute_verdict(3n),
  claim_reward: disputes.args.claim_reward(account, 3n, 1),
  get_dispute: disputes.args.get_dispute(3n),
  dispute_of_booking: disputes.args.dispute_of_booking(2n ** 63n),
  get_evidence: disputes.args.get_evidence(3n, 0, 10),
  get_juror_vote: disputes.args.get_juror_vote(3n, 1, account),
  get_round_result: disputes.args.get_round_result(3n, 2),
  get_config: disputes.args.get_config(),
});
add(loyalty, {
  sync_member: loyalty.args.sync_member(account, sync),
  batch_sync_members: loyalty.args.batch_sync_members(account, [sync, { ...sync, member: other, tier: 'member', points: 0n }]),
  get_member: loyalty.args.get_member(account),
  tier_of: loyalty.args.tier_of(account),
  balance: loyalty.args.balance(account),
});
add(receipts, {
  get_receipt: receipts.args.get_receipt(4),
  receipt_of_booking: receipts.args.receipt_of_booking(77n),
  get_passenger_receipts: receipts.args.get_passenger_receipts(account, 0, 20),
  verify_receipt: receipts.args.verify_receipt(account, 4),
  owner_of: receipts.args.owner_of(4),
  balance: receipts.args.balance(account),
  token_uri: receipts.args.token_uri(4),
  total_receipts: receipts.args.total_receipts(),
});
add(multisig, {
  propose_admin_action: multisig.args.propose_admin_action(account, adminAction.invoke(contractId, 'pause', [nativeToScVal(contractId, { type: 'address' })])),
  approve_admin_action: multisig.args.approve_admin_action(other, 12n),
  execute_admin_action: multisig.args.execute_admin_action(other, 12n),
  get_proposal: multisig.args.get_proposal(12n),
  is_executable: multisig.args.is_executable(12n),
  get_config: multisig.args.get_config(),
});
add(escrow, {
  pay_for_booking: escrowArgs.pay_for_booking({ passenger: account, bookingId: 77n, flightId: 42n, amount: 1_586_000_000n, seat: '12A' }),
  release_payment_to_airline: escrowArgs.release_payment_to_airline(account, 77n),
  refund_passenger: escrowArgs.refund_passenger(account, 77n),
  settle_cancellation: escrowArgs.settle_cancellation(account, 77n, 0n),
  expire: escrowArgs.expire(77n),
  get_booking: escrowArgs.get_booking(77n),
  get_config: escrowArgs.get_config(),
});

interface SpecType { type: string; udt?: { name: { toString(): string } } }
interface SpecFunc { inputs: { name: { toString(): string }; type: SpecType }[]; outputs: SpecType[] }
const func = (calls: AnyCalls, fn: string) => contractSpec(calls.contract).getFunc(fn) as unknown as SpecFunc;

/** The ScVal type a value of a declared spec type encodes as. */
function scvTypeOf(calls: AnyCalls, t: SpecType): string {
  const simple: Record<string, string> = {
    scSpecTypeAddress: 'scvAddress', scSpecTypeMuxedAddress: 'scvAddress', scSpecTypeU32: 'scvU32', scSpecTypeU64: 'scvU64',
    scSpecTypeI128: 'scvI128', scSpecTypeU128: 'scvU128', scSpecTypeString: 'scvString', scSpecTypeBytesN: 'scvBytes',
    scSpecTypeVec: 'scvVec', scSpecTypeSymbol: 'scvSymbol', scSpecTypeBool: 'scvBool',
  };
  if (simple[t.type]) return simple[t.type];
  if (t.type === 'scSpecTypeUdt') {
    const entry = contractSpec(calls.contract).findEntry(t.udt!.name.toString());
    return { scSpecEntryUdtStructV0: 'scvMap', scSpecEntryUdtUnionV0: 'scvVec', scSpecEntryUdtEnumV0: 'scvU32' }[entry.type as string] ?? entry.type;
  }
  throw new Error(`no ScVal type for ${t.type}`);
}

/** Values compared as the spec decodes them: ScVals (Val arguments) by their native value, bytes as hex. */
function native(v: unknown): unknown {
  if (v instanceof xdr.ScVal) return native(scValToNative(v as xdr.ScVal));
  if (v instanceof Uint8Array) return `0x${Buffer.from(v).toString('hex')}`;
  if (Array.isArray(v)) return v.map(native);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, native(x)]));
  return v;
}

type InvokeContract = { contractAddress: xdr.ScAddress; functionName: { toString(): string }; args: xdr.ScVal[] };
const invocation = (op: xdr.Operation) =>
  (op as unknown as { body: { value: { hostFunction: { value: InvokeContract } } } }).body.value.hostFunction.value;

describe('spec-built contract calls', () => {
  it('cover every call each client builds', () => {
    for (const calls of [trq, governor, disputes, loyalty, receipts, multisig, escrow] as unknown as AnyCalls[]) {
      const sampled = samples.filter(([c]) => c === calls).map(([, fn]) => fn).sort();
      expect(sampled, calls.contract).toEqual(Object.keys(calls.args).sort());
    }
  });

  for (const [calls, fn, args] of samples) {
    it(`${calls.contract}.${fn}: the spec's parameters, types and order; values round-trip`, () => {
      const f = func(calls, fn);
      expect(Object.keys(args)).toEqual(f.inputs.map((i) => i.name.toString()));
      const vals = calls.encode(fn, args);
      expect(vals.map((v) => v.type)).toEqual(f.inputs.map((i) => scvTypeOf(calls, i.type)));
      const decoded = vals.map((v, i) => contractSpec(calls.contract).scValToNative(v, f.inputs[i].type as never));
      expect(decoded.map(native)).toEqual(Object.values(args).map(native));
      const invoke = invocation(calls.operation(contractId, fn, args));
      expect(invoke.functionName.toString()).toBe(fn);
      expect(Address.fromScAddress(invoke.contractAddress).toString()).toBe(contractId);
      expect(invoke.args.map((a) => a.toXDR('base64'))).toEqual(vals.map((v) => v.toXDR('base64')));
    });
  }

  it('decodes read results by the spec', () => {
    expect(trq.decode('get_votes', nativeToScVal(4_000n, { type: 'u128' }))).toBe(4_000n);
    expect(trq.decode('get_votes_at_checkpoint', nativeToScVal(10n ** 20n, { type: 'u128' }))).toBe(10n ** 20n);
    expect(trq.decode('get_delegate', xdr.ScVal.scvVoid())).toBeNull();
    expect(trq.decode('get_delegate', nativeToScVal(other, { type: 'address' }))).toBe(other);
    expect(governor.decode('proposal_state', nativeToScVal(4, { type: 'u32' }))).toBe(4);
    expect(governor.decode('has_voted', xdr.ScVal.scvBool(true))).toBe(true);
    expect(disputes.decode('dispute_of_booking', nativeToScVal(3n, { type: 'u64' }))).toBe(3n);
    expect(loyalty.decode('get_member', xdr.ScVal.scvVoid())).toBeNull();
    expect(receipts.decode('verify_receipt', xdr.ScVal.scvBool(false)).valueOf()).toBe(false);
    // A result of another type is refused, not misread.
    expect(() => trq.decode('get_votes', xdr.ScVal.scvBool(true))).toThrow(/trq.get_votes returned a scvBool/);
    expect(() => governor.decode('proposal_state', nativeToScVal(4n, { type: 'u64' }))).toThrow();
    expect(() => loyalty.decode('get_member', nativeToScVal({ points: 1n }))).toThrow();
    const member = contractSpec('loyalty').nativeToScVal({ points: 5n, tier: 1, sync_seq: 2n, updated_at: 1_800_000_000n }, (contractSpec('loyalty').getFunc('get_member').outputs[0]));
    expect(loyalty.decode('get_member', member.toXDR('base64'))).toEqual({ points: 5n, tier: 1, sync_seq: 2n, updated_at: 1_800_000_000n });
  });

  it('name enum values as the contracts number them', () => {
    expect(specEnum('governor', 'ProposalState')).toEqual(['Pending', 'Active', 'Defeated', 'Canceled', 'Succeeded', 'Queued', 'Expired', 'Executed']);
    expect(specEnum('loyalty', 'Tier').map((t) => t.toLowerCase())).toEqual(Object.keys(TIER));
    expect(Object.values(TIER)).toEqual([0, 1, 2, 3]);
    expect(() => specEnum('loyalty', 'Nope')).toThrow(/no enum Nope/);
  });

  it('refuse bad values with a sentence naming the argument', () => {
    expect(() => trq.args.balance('GNOPE')).toThrow(/account must be a Stellar address/);
    expect(() => trq.args.transfer(account, other, 0n)).toThrow(/amount must be positive/);
    expect(() => trq.args.transfer(account, other, 2n ** 127n)).toThrow(/i128/);
    expect(() => trq.args.get_votes_at_checkpoint(account, -1)).toThrow(/ledger must be a u32/);
    expect(() => trq.args.get_votes_at_checkpoint(account, 1.5)).toThrow(/u32/);
    expect(() => governor.args.cast_vote(hash, 3 as never, '', account)).toThrow(/vote type must be one of 0, 1, 2/);
    expect(() => governor.args.cast_vote(Buffer.alloc(31), VOTE.for, '', account)).toThrow(/proposal id must be 32 bytes/);
    expect(() => governor.args.proposal_state('zz'.repeat(32))).toThrow(/32 bytes/);
    expect(() => governor.args.propose({ ...proposal, targets: [account] }, 'x', account)).toThrow(/target 1 must be a contract address/);
    expect(() => governor.args.propose({ ...proposal, functions: [] }, 'x', account)).toThrow(/one entry per call/);
    expect(() => governor.args.propose({ targets: [], functions: [], args: [] }, 'x', account)).toThrow(/at least one call/);
    expect(() => governor.args.propose(proposal, '  ', account)).toThrow(/description/);
    expect(() => disputes.args.reveal_vote(account, 3n, 0 as never, hash)).toThrow(/vote must be one of 1, 2/);
    expect(() => disputes.args.tally_votes(-1n)).toThrow(/dispute id must fit in a u64/);
    expect(() => loyalty.args.sync_member(account, { ...sync, points: -1n })).toThrow(/points must not be negative/);
    expect(() => loyalty.args.sync_member(account, { ...sync, tier: 'diamond' as never })).toThrow(/tier must be one of/);
    expect(() => loyalty.args.batch_sync_members(account, [])).toThrow(/1 to 20/);
    expect(() => loyalty.args.batch_sync_members(account, Array(MAX_SYNC_BATCH + 1).fill(sync))).toThrow(/1 to 20/);
    expect(() => receipts.args.get_receipt(2 ** 32)).toThrow(/token id must be a u32/);
    expect(() => adminAction.setThreshold(0)).toThrow(/at least 1/);
    expect(() => adminAction.invoke(contractId, 'not a fn', [])).toThrow(/not a contract function name/);
    expect(() => escrowArgs.settle_cancellation(account, 1n, -1n)).toThrow(/refund must not be negative/);
  });

  it('are refused by the spec when the types are wrong (a builder bypassed)', () => {
    expect(() => trq.encode('balance', { account: 42 } as never)).toThrow();
    expect(() => trq.encode('get_votes_at_checkpoint', { account, ledger: 'x' } as never)).toThrow();
    expect(() => governor.encode('proposal_state', { proposal_id: Buffer.alloc(8) } as never)).toThrow();
    expect(() => loyalty.encode('sync_member', { syncer: account, update: { member: account, points: 1n } } as never)).toThrow();
    expect(() => multisig.encode('propose_admin_action', { proposer: account, action: { tag: 'Explode', values: [] } } as never)).toThrow();
  });
});
