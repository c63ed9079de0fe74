import { xdr } from '@stellar/stellar-sdk';
import { contractSpec } from '@/lib/stellar/specs';

// The governor contract as the Soroban RPC stand-in emulates it: only what on-chain voting needs
// — `cast_vote` (with its checks in OpenZeppelin's order: the proposal exists and is active, the
// vote type is known, the account has not voted; the weight is the voter's votes at the snapshot)
// and the reads `has_voted`, `proposal_state` and `proposal_eta` (always 0: queueing is not emulated). Arguments are decoded and results encoded with
// the committed spec (contracts/spec/governor.json), so the browser's contract.Client and the
// server's judge run unchanged. Proposals are set up by the test: their id and voting power.

/** stellar-governance 0.7 GovernorError numbers (the contract's interface). */
const GOVERNOR_ERRORS = { ProposalNotFound: 5000, ProposalNotActive: 5005, AlreadyVoted: 5016, InvalidVoteType: 5017 } as const;
/** OZ ProposalState as its u32: Pending, Active, Defeated, Canceled, Succeeded, Queued, Expired, Executed. */
const ACTIVE = 1;

export interface GovernorProposalSetup {
  /** The proposal id, 64 hex digits (what propose returned). */
  id: string;
  /** Each account's TRQ votes at the proposal's snapshot, base units. */
  votingPower: Record<string, bigint | string>;
  /** ProposalState number; default Active (1). */
  state?: number;
}

export interface GovernorCall { fn: string; args: xdr.ScVal[]; invoker: string }
export interface GovernorEffects { returnValue: xdr.ScVal; commit(): void }

/** A trap as the host reports it (parsed by callers for the contract error number). */
export class GovernorTrap extends Error {
  constructor(readonly error: string, detail: string, contractId: string) {
    super(`HostError: ${error}\n\nEvent log (newest first):\n   0: [Diagnostic Event] contract:${contractId}, topics:[error, ${error}], data:"${detail}"`);
    this.name = 'HostError';
  }
}

export class EmulatedGovernor {
  private readonly proposals = new Map<string, { power: Map<string, bigint>; state: number; votes: Map<string, number> }>();

  constructor(readonly contractId: string, setup: GovernorProposalSetup[]) {
    for (const p of setup) this.add(p);
  }

  add(p: GovernorProposalSetup) {
    this.proposals.set(p.id.toLowerCase(), {
      power: new Map(Object.entries(p.votingPower).map(([k, v]) => [k, BigInt(v)])), state: p.state ?? ACTIVE, votes: new Map(),
    });
  }

  /** Who voted what (vote type) on a proposal. */
  votes(id: string): Record<string, number> {
    return Object.fromEntries(this.proposals.get(id.toLowerCase())?.votes ?? []);
  }

  clear() {
    this.proposals.clear();
  }

  run(call: GovernorCall): GovernorEffects {
    const spec = contractSpec('governor');
    const fn = spec.funcs().find((f) => f.name.toString() === call.fn);
    if (!fn) throw this.trap('Error(WasmVm, MissingValue)', `trying to invoke non-existent contract function ${call.fn}`);
    if (call.args.length !== fn.inputs.length) throw this.trap('Error(WasmVm, InvalidAction)', `${call.fn} takes ${fn.inputs.length} arguments`);
    const args = Object.fromEntries(fn.inputs.map((input, i) => [input.name.toString(), spec.scValToNative(call.args[i], input.type)])) as Record<string, unknown>;
    const ret = (value: unknown) => spec.nativeToScVal(value, fn.outputs[0]);
    const proposal = () => {
      const p = this.proposals.get(Buffer.from(args.proposal_id as Uint8Array).toString('hex'));
      if (!p) throw this.fail('ProposalNotFound');
      return p;
    };
    switch (call.fn) {
      case 'proposal_state': return { returnValue: ret(proposal().state), commit: () => {} };
      case 'has_voted': return { returnValue: ret(proposal().votes.has(String(args.account))), commit: () => {} };
      // queueing is not emulated: no timelock operation, as the contract answers then
      case 'proposal_eta': return { returnValue: ret(0), commit: () => {} };
      case 'cast_vote': {
        const voter = String(args.voter);
        if (voter !== call.invoker) throw this.trap('Error(Auth, InvalidAction)', `${voter} did not authorise this call`);
        const p = proposal();
        if (p.state !== ACTIVE) throw this.fail('ProposalNotActive');
        const type = Number(args.vote_type);
        if (![0, 1, 2].includes(type)) throw this.fail('InvalidVoteType');
        if (p.votes.has(voter)) throw this.fail('AlreadyVoted');
        const weight = p.power.get(voter) ?? 0n;
        return { returnValue: ret(weight), commit: () => { p.votes.set(voter, type); } };
      }
      default: throw this.trap('Error(WasmVm, InvalidAction)', `the stand-in's governor does not emulate ${call.fn}`);
    }
  }

  private fail(name: keyof typeof GOVERNOR_ERRORS) {
    return this.trap(`Error(Contract, #${GOVERNOR_ERRORS[name]})`, `governor error ${name}`);
  }

  private trap(error: string, detail: string) {
    return new GovernorTrap(error, detail, this.contractId);
  }
}
