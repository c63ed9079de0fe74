import type { xdr } from '@stellar/stellar-sdk';
import { contractCalls } from './calls';
import { address, bytes32, contractAddress, u32, u64 } from './values';

// The admin multisig (contracts/multisig): a signer proposes an admin action, signers approve
// it, and once the threshold is met anyone among them executes it before it lapses. It holds
// the admin role of the other contracts, so every privileged change goes through here.

/** An admin action as the contract's AdminAction union takes it. */
export type AdminAction =
  | { tag: 'Invoke'; values: [{ contract: string; function: string; args: xdr.ScVal[] }] }
  | { tag: 'AddSigner'; values: [string] }
  | { tag: 'RemoveSigner'; values: [string] }
  | { tag: 'SetThreshold'; values: [number] }
  | { tag: 'UpgradeSelf'; values: [Buffer] };

export const adminAction = {
  /** Calls `fn(args…)` on a contract whose admin is the multisig; args already encoded. */
  invoke: (contract: string, fn: string, args: xdr.ScVal[]): AdminAction => {
    if (!/^[A-Za-z0-9_]{1,32}$/.test(fn)) throw new TypeError(`function "${fn}" is not a contract function name`);
    return { tag: 'Invoke', values: [{ contract: contractAddress('contract', contract), function: fn, args }] };
  },
  addSigner: (signer: string): AdminAction => ({ tag: 'AddSigner', values: [address('signer', signer)] }),
  removeSigner: (signer: string): AdminAction => ({ tag: 'RemoveSigner', values: [address('signer', signer)] }),
  setThreshold: (threshold: number): AdminAction => {
    if (u32('threshold', threshold) < 1) throw new RangeError('threshold must be at least 1');
    return { tag: 'SetThreshold', values: [threshold] };
  },
  upgradeSelf: (wasmHash: Uint8Array | string): AdminAction => ({ tag: 'UpgradeSelf', values: [bytes32('wasm hash', wasmHash)] }),
};

const proposal = (id: bigint) => u64('proposal id', id);

const multisigArgs = {
  propose_admin_action: (proposer: string, action: AdminAction) => ({ proposer: address('proposer', proposer), action }),
  approve_admin_action: (signer: string, proposalId: bigint) => ({ signer: address('signer', signer), proposal_id: proposal(proposalId) }),
  execute_admin_action: (executor: string, proposalId: bigint) => ({ executor: address('executor', executor), proposal_id: proposal(proposalId) }),
  get_proposal: (proposalId: bigint) => ({ proposal_id: proposal(proposalId) }),
  is_executable: (proposalId: bigint) => ({ proposal_id: proposal(proposalId) }),
  get_config: () => ({}),
};

export interface MultisigResults {
  propose_admin_action: bigint;
  /** Approvals so far. */
  approve_admin_action: number;
  /** Whatever the executed action returned. */
  execute_admin_action: unknown;
  get_proposal: Record<string, unknown>;
  is_executable: boolean;
  get_config: Record<string, unknown>;
}

export const multisig = contractCalls<typeof multisigArgs, MultisigResults>('multisig', multisigArgs);
