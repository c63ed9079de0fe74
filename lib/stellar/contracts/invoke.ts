import { BASE_FEE, type Keypair, rpc, TransactionBuilder } from '@stellar/stellar-sdk';
import { rpcServer } from '@/lib/stellar/rpc';
import type { ArgBuilders, ContractCalls } from './calls';

// Invoking a contract as one of the server's own accounts (the settler, later the loyalty syncer
// or the governor's executor): build the call from the spec, simulate it, assemble the
// simulation's footprint and fees, sign with the server key, send, and wait a bounded time.
// Everything goes through the one RPC client (lib/stellar/rpc.ts), so every request has a
// timeout; a transaction still unseen when the wait ends is reported as pending with its hash,
// and the caller re-checks it later instead of sending it again.

export interface InvokeTarget {
  rpcUrl: string;
  networkPassphrase: string;
  contractId: string;
}

export type InvokeOutcome<T> =
  /** The simulation refused the call: nothing was sent. */
  | { outcome: 'refused'; simulationError: string }
  /** `response`: the confirmed transaction as RPC returned it (its events, ledger, meta). */
  | { outcome: 'success'; hash: string; result: T | undefined; response: rpc.Api.GetSuccessfulTransactionResponse }
  | { outcome: 'failed'; hash: string }
  /** Sent, but not seen in a ledger within the wait: check `hash` again later. */
  | { outcome: 'pending'; hash: string };

export interface InvokeOptions {
  /** Called once the network has accepted the transaction, before waiting for it. */
  onSubmitted?: (hash: string) => Promise<void> | void;
  /** How long to wait for the transaction to land (default 30 s). */
  waitMs?: number;
  /** Between getTransaction polls (default 1 s). */
  pollMs?: number;
}

/**
 * Every transaction is valid for this long after it is built (its time bound): one still unseen
 * after it, with a margin for clocks, can no longer land, so sending its call anew is safe.
 */
export const TX_TIMEOUT_SECONDS = 300;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function invokeContract<B extends ArgBuilders, R, F extends keyof B & string>(
  calls: ContractCalls<B, R>, target: InvokeTarget, signer: Keypair, fn: F, args: ReturnType<B[F]>,
  opts: InvokeOptions = {},
): Promise<InvokeOutcome<F extends keyof R ? R[F] : unknown>> {
  const server = rpcServer(target);
  const source = await server.getAccount(signer.publicKey());
  const tx = new TransactionBuilder(source, { fee: BASE_FEE, networkPassphrase: target.networkPassphrase })
    .addOperation(calls.operation(target.contractId, fn, args))
    .setTimeout(TX_TIMEOUT_SECONDS)
    .build();
  const sim = await server.simulateTransaction(tx);
  if (rpc.Api.isSimulationError(sim)) return { outcome: 'refused', simulationError: sim.error };
  const prepared = rpc.assembleTransaction(tx, sim).build();
  prepared.sign(signer);

  const sent = await server.sendTransaction(prepared);
  if (sent.status === 'ERROR' || sent.status === 'TRY_AGAIN_LATER') {
    // Refused at the door: nothing is on chain under this hash, so the caller may send anew.
    return { outcome: 'failed', hash: sent.hash };
  }
  await opts.onSubmitted?.(sent.hash);

  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  for (;;) {
    const res = await server.getTransaction(sent.hash);
    if (res.status === rpc.Api.GetTransactionStatus.SUCCESS) {
      const decode = (v: Parameters<typeof calls.decode>[1]) => calls.decode(fn as never, v) as F extends keyof R ? R[F] : unknown;
      return { outcome: 'success', hash: sent.hash, result: res.returnValue ? decode(res.returnValue) : undefined, response: res };
    }
    if (res.status === rpc.Api.GetTransactionStatus.FAILED) return { outcome: 'failed', hash: sent.hash };
    if (Date.now() >= deadline) return { outcome: 'pending', hash: sent.hash };
    await sleep(opts.pollMs ?? 1_000);
  }
}
