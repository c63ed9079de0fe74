import { Contract, xdr } from '@stellar/stellar-sdk';
import type { ContractName } from '@/lib/stellar/contract-names';
import { contractSpec } from '@/lib/stellar/specs';

// A contract's calls, built from its committed interface spec (contracts/spec/<name>.json) with
// stellar-sdk's contract.Spec — never encoded by hand. Each contract file lists the calls the
// app makes as argument builders named like the contract's functions, returning the arguments
// by the spec's parameter names after checking them (values.ts); the spec then encodes them in
// its order and types, so a change to a contract's signature fails the unit tests
// (tests/unit/contract-calls.test.ts), not a transaction.

/** Builders of a contract's call arguments, keyed by function name. */
export type ArgBuilders = Record<string, (...args: never[]) => Record<string, unknown>>;

export interface ContractCalls<B extends ArgBuilders, R> {
  readonly contract: ContractName;
  /** The checked arguments of each call, by the spec's parameter names. */
  readonly args: B;
  /** The ScVal arguments of a call, in the spec's order and types. */
  encode<F extends keyof B & string>(fn: F, args: ReturnType<B[F]>): xdr.ScVal[];
  /** The invoke-contract operation for a call on the given contract. */
  operation<F extends keyof B & string>(contractId: string, fn: F, args: ReturnType<B[F]>): xdr.Operation;
  /** A call's result (from simulation or the transaction) as native values: integers wider than 32 bits as bigint. */
  decode<F extends keyof R & string>(fn: F, result: xdr.ScVal | string): R[F];
}

export function contractCalls<B extends ArgBuilders, R = Record<never, never>>(contract: ContractName, args: B): ContractCalls<B, R> {
  const encode = (fn: string, values: Record<string, unknown>) => contractSpec(contract).funcArgsToScVals(fn, values);
  return {
    contract,
    args,
    encode,
    operation: (contractId, fn, values) => new Contract(contractId).call(fn, ...encode(fn, values)),
    decode: (fn, result) => {
      const spec = contractSpec(contract);
      const scv = typeof result === 'string' ? xdr.ScVal.fromXDR(result, 'base64') : result;
      const value = spec.funcResToNative(fn, scv);
      // funcResToNative reads whatever it is given; encoding the value back by the declared type
      // refuses a result of another shape instead of misreading it. (A Val result is any shape.)
      const declared = spec.getFunc(fn).outputs[0];
      if (declared && declared.type !== 'scSpecTypeVal' && !sameXdr(spec, value, declared, scv)) {
        throw new TypeError(`${contract}.${fn} returned a ${scv.type}, which is not what its spec declares`);
      }
      return value;
    },
  };
}

function sameXdr(spec: ReturnType<typeof contractSpec>, value: unknown, type: xdr.ScSpecTypeDef, scv: xdr.ScVal): boolean {
  try {
    return spec.nativeToScVal(value, type).toXDR('base64') === scv.toXDR('base64');
  } catch {
    return false;
  }
}
