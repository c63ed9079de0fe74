import { Account, BASE_FEE, rpc, TransactionBuilder } from '@stellar/stellar-sdk';
import { rpcServer } from '@/lib/stellar/rpc';
import type { ArgBuilders, ContractCalls } from './calls';

// Reading a contract: simulate the call and decode what it returns. Nothing is signed or sent,
// so any account can be the transaction's source; stellar-sdk's contract.Client uses the same
// all-zero account for its read calls.

const READER = 'GAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWHF';

/** A read the contract refused (its simulation error, e.g. "Error(Contract, #1)"). */
export class ContractReadError extends Error {
  constructor(readonly call: string, readonly simulationError: string) {
    super(`${call} failed: ${simulationError.split('\n')[0]}`);
    this.name = 'ContractReadError';
  }
}

export interface ReadTarget {
  rpcUrl: string;
  networkPassphrase: string;
  contractId: string;
}

export async function readContract<B extends ArgBuilders, R, F extends keyof B & keyof R & string>(
  calls: ContractCalls<B, R>, target: ReadTarget, fn: F, args: ReturnType<B[F]>,
): Promise<R[F]> {
  const tx = new TransactionBuilder(new Account(READER, '0'), { fee: BASE_FEE, networkPassphrase: target.networkPassphrase })
    .addOperation(calls.operation(target.contractId, fn, args))
    .setTimeout(30)
    .build();
  const sim = await rpcServer(target).simulateTransaction(tx);
  if (rpc.Api.isSimulationError(sim)) throw new ContractReadError(`${calls.contract}.${fn}`, sim.error);
  if (!sim.result) throw new ContractReadError(`${calls.contract}.${fn}`, 'the simulation returned no result');
  return calls.decode(fn, sim.result.retval);
}
