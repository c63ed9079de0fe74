// What a Traqora proposal is on the governor contract (soroban rail), computed the same way by
// the browser that proposes it, the server that checks the `propose` transaction, and the keeper
// that queues and executes it (queue/execute take the same calls and the description's hash).
//
// The description carries everything the app applies: the title, the body and, for a parameter
// change, each key and value in a fixed form. The proposal id is keccak256 of the calls and of
// the description's hash (governor-hash.ts), so the id the governor votes on commits to exactly
// the parameters Traqora sets once the governor says Executed.
//
// The calls: Traqora's parameters live in its database, not in a contract, and the governor
// refuses a proposal without calls, so each proposal makes one harmless read when executed —
// `decimals()` on the TRQ contract. Its only effect is to let the governor run its lifecycle.

export interface ProposalDraft {
  kind: 'signal' | 'parameter';
  title: string;
  body: string;
  changes: Array<{ key: string; value: number }>;
}

/** The governor's call list for a Traqora proposal: targets, function names (args are all empty). */
export interface ChainCallList { targets: string[]; functions: string[] }

export const MARKER_FUNCTION = 'decimals';

export function chainCallList(trqContractId: string): ChainCallList {
  return { targets: [trqContractId], functions: [MARKER_FUNCTION] };
}

/** The description text the governor stores and hashes (the same input gives the same text). */
export function chainDescription(d: ProposalDraft): string {
  const changes = d.kind === 'parameter'
    ? [...d.changes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((c) => `set ${c.key} = ${String(c.value)}`)
    : [];
  return [d.title.trim(), '', d.body, '', '---', 'traqora-proposal: 1', `kind: ${d.kind}`, ...changes].join('\n');
}
