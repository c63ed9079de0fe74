import { Account, BASE_FEE, nativeToScVal, Operation, rpc, scValToNative, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import type { APIRequestContext } from '@playwright/test';
import { E2E_CHAIN_BACKEND, E2E_NETWORK_NAME, E2E_NETWORK_PASSPHRASE, E2E_RPC_URL, E2E_SERVER_ACCOUNT } from './server-env.mjs';
import type { StandInNetwork } from './freighter-stand-in';

// The network under the soroban-rail app, as the chain specs see it: the devnet (the real
// Soroban host running the contracts' wasm, contracts/devnet) when it is built, else the
// TypeScript stand-in (tests/support/soroban-rpc-stand-in.ts). Both answer the same questions,
// so a spec reads the escrow and asks for faults without knowing which one it talks to; only
// the devnet needs a wallet funded before it can pay, as a real network does.

export type FailStage = 'simulate' | 'send' | 'chain';

export interface EscrowBooking {
  id: string;
  passenger: string;
  /** Token base units (7 decimals). */
  amount: string;
  /** The contract's BookingState variant: Paid, Released, Refunded, … */
  state: string;
}

/** The network the app's wallet must be on. */
export const CHAIN_NETWORK: StandInNetwork = { network: E2E_NETWORK_NAME, networkPassphrase: E2E_NETWORK_PASSPHRASE };

interface Manifest {
  accounts: Record<string, { publicKey: string }>;
  contracts: Record<string, string>;
}

let manifest: Promise<Manifest> | undefined;
const devnetManifest = () => (manifest ??= fetch(`${E2E_RPC_URL}/devnet`).then((r) => r.json() as Promise<Manifest>));
const server = () => new rpc.Server(E2E_RPC_URL, { allowHttp: true });

/** The app's server signer: the settler, and the clearing account quotes name by default. */
export async function serverAccount(): Promise<string> {
  return E2E_CHAIN_BACKEND === 'devnet' ? (await devnetManifest()).accounts.server.publicKey : E2E_SERVER_ACCOUNT;
}

/** A wallet that can pay: on the devnet, an account from the friendbot and test USDC; the stand-in opens accounts on demand. */
export async function fundWallet(request: APIRequestContext, address: string, usdc = 100_000): Promise<void> {
  if (E2E_CHAIN_BACKEND !== 'devnet') return;
  const funded = await request.get(`${E2E_RPC_URL}/friendbot?addr=${address}`);
  if (!funded.ok()) throw new Error(`friendbot: ${funded.status()} ${await funded.text()}`);
  const minted = await request.post(`${E2E_RPC_URL}/devnet/mint?addr=${address}&amount=${BigInt(usdc) * 10_000_000n}`);
  if (!minted.ok()) throw new Error(`mint: ${minted.status()} ${await minted.text()}`);
}

/** The next call at `stage` fails once: the devnet's /devnet/fail-next, the stand-in's control. */
export async function failNext(request: APIRequestContext, stage: FailStage, reason?: string): Promise<void> {
  const path = E2E_CHAIN_BACKEND === 'devnet' ? '/devnet/fail-next' : '/__control/fail-next';
  const res = await request.post(`${E2E_RPC_URL}${path}`, { data: { stage, reason } });
  if (!res.ok()) throw new Error(`fail-next: ${res.status()} ${await res.text()}`);
}

// traqora_common::BookingState, a u32 enum on chain.
const STATES = ['Paid', 'RefundRequested', 'Disputed', 'Released', 'Refunded', 'Expired'];

interface StandInState {
  bookings: EscrowBooking[];
  transactions: { hash: string; status: string; function: string }[];
}
const standInState = async (request: APIRequestContext): Promise<StandInState> => (await request.get(`${E2E_RPC_URL}/__control/state`)).json();

/** What the escrow holds for these booking ids (those it knows). On the devnet: `get_booking`, simulated. */
export async function escrowBookings(request: APIRequestContext, ids: string[]): Promise<EscrowBooking[]> {
  if (E2E_CHAIN_BACKEND !== 'devnet') return (await standInState(request)).bookings.filter((b) => ids.includes(b.id));
  const escrow = (await devnetManifest()).contracts.escrow;
  const found: EscrowBooking[] = [];
  for (const id of ids) {
    const tx = new TransactionBuilder(new Account(E2E_SERVER_ACCOUNT, '0'), { fee: BASE_FEE, networkPassphrase: E2E_NETWORK_PASSPHRASE })
      .addOperation(Operation.invokeContractFunction({ contract: escrow, function: 'get_booking', args: [nativeToScVal(BigInt(id), { type: 'u64' })] }))
      .setTimeout(30)
      .build();
    const sim = await server().simulateTransaction(tx);
    if (rpc.Api.isSimulationError(sim) || !sim.result) continue; // BookingNotFound
    const b = scValToNative(sim.result.retval) as { id: bigint; passenger: string; amount: bigint; state: number };
    found.push({ id: String(b.id), passenger: b.passenger, amount: String(b.amount), state: STATES[b.state] ?? `#${b.state}` });
  }
  return found;
}

/** A transaction as the network recorded it: SUCCESS or FAILED, and the contract function it called. */
export async function chainTransaction(request: APIRequestContext, hash: string): Promise<{ status: string; function: string } | null> {
  if (E2E_CHAIN_BACKEND !== 'devnet') return (await standInState(request)).transactions.find((t) => t.hash === hash) ?? null;
  const got = await server().getTransaction(hash);
  if (got.status === rpc.Api.GetTransactionStatus.NOT_FOUND) return null;
  const [op] = (TransactionBuilder.fromXDR(got.envelopeXdr, E2E_NETWORK_PASSPHRASE) as Transaction).operations;
  // stellar-sdk 17 decodes a union as { type, value } (as lib/payments/soroban/verify.ts reads it)
  const call = op?.type === 'invokeHostFunction' ? (op.func as unknown as { type: string; value: { functionName: unknown } }) : null;
  const name = call?.type === 'hostFunctionTypeInvokeContract' ? call.value.functionName : '';
  const fn = typeof name === 'string' ? name : new TextDecoder().decode((name as { bytes?: Uint8Array }).bytes ?? (name as Uint8Array));
  return { status: got.status, function: fn };
}
