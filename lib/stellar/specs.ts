import { contract } from '@stellar/stellar-sdk';
import airline from '@/contracts/spec/airline.json';
import disputes from '@/contracts/spec/disputes.json';
import escrow from '@/contracts/spec/escrow.json';
import governor from '@/contracts/spec/governor.json';
import loyalty from '@/contracts/spec/loyalty.json';
import multisig from '@/contracts/spec/multisig.json';
import oracle from '@/contracts/spec/oracle.json';
import receipts from '@/contracts/spec/receipts.json';
import trq from '@/contracts/spec/trq.json';
import type { ContractName } from './contract-names';

// The contracts' committed interface specs (contracts/spec, exported from the contract tests),
// so the decoder reads exactly what the Rust side emits. Kept apart from the names so that
// reading the configuration does not load ~200 KB of spec XDR.

const SPEC_ENTRIES: Record<ContractName, string[]> = { airline, disputes, escrow, governor, loyalty, multisig, oracle, receipts, trq };

const specs = new Map<ContractName, contract.Spec>();

/** The contract's spec, built once (decoding the XDR entries is not free). */
export function contractSpec(name: ContractName): contract.Spec {
  let spec = specs.get(name);
  if (!spec) {
    spec = new contract.Spec(SPEC_ENTRIES[name]);
    specs.set(name, spec);
  }
  return spec;
}

/** The case names of an integer enum the spec declares (ProposalState, Tier, …), indexed by value. */
export function specEnum(name: ContractName, udt: string): readonly string[] {
  const entry = contractSpec(name).entries.find((e) => e.type === 'scSpecEntryUdtEnumV0' && e.value.name.toString() === udt);
  if (!entry || entry.type !== 'scSpecEntryUdtEnumV0') throw new Error(`the ${name} spec declares no enum ${udt}`);
  const cases: string[] = [];
  for (const c of entry.value.cases) cases[c.value] = c.name.toString();
  return cases;
}
