// The Traqora contracts by the names their events carry as first topic (contracts/README.md).

export const CONTRACT_NAMES = ['airline', 'disputes', 'escrow', 'governor', 'loyalty', 'multisig', 'oracle', 'receipts', 'trq'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export function isContractName(name: unknown): name is ContractName {
  return typeof name === 'string' && (CONTRACT_NAMES as readonly string[]).includes(name);
}
