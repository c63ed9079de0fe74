import 'server-only';
import { contract, rpc } from '@stellar/stellar-sdk';
import { db } from '@/lib/db/connect';
import { contractSpec } from '@/lib/stellar/specs';
import { escrowArgs } from '@/lib/stellar/contracts/escrow';
import { tokenUnits } from '@/lib/stellar/token-units';
import { contractErrorCode, escrowErrorSentence } from '@/lib/stellar/escrow-errors';
import type { SorobanRailConfig } from './config';
import { railConfig } from './rail';
import { rpcServer } from '@/lib/stellar/rpc';

// The settle-chain job: submits the settlement outbox (public.open_chain_settlements) to the
// escrow with the server signer, which holds the escrow's settler role:
//   release      → release_payment_to_airline(caller, booking_id)
//   cancellation → settle_cancellation(caller, booking_id, refund)
// Safe to re-run: a row is marked submitted with its hash before the job waits for it, a
// submitted row is checked, not resent, and an escrow booking that is already closed (someone
// settled it) counts as done — the escrow pays out each booking exactly once.

const MAX_ATTEMPTS = 5;
/** Escrow error: the booking is not open (already released/refunded). */
const INVALID_STATE = 6;

interface OpenSettlement {
  id: number;
  pnr: string;
  seq: number;
  chain_booking_id: string;
  kind: 'release' | 'cancellation';
  refund_minor: number;
  status: 'pending' | 'submitted';
  tx_hash: string | null;
  attempts: number;
}

function escrowClient(cfg: SorobanRailConfig) {
  const signer = contract.basicNodeSigner(cfg.server, cfg.networkPassphrase);
  return new contract.Client(contractSpec('escrow'), {
    contractId: cfg.escrowContractId, networkPassphrase: cfg.networkPassphrase, rpcUrl: cfg.rpcUrl, allowHttp: cfg.allowHttp,
    publicKey: cfg.server.publicKey(), signTransaction: signer.signTransaction,
  }) as unknown as Record<string, (args: Record<string, unknown>) => Promise<contract.AssembledTransaction<unknown>>>;
}

async function mark(id: number, status: string, txHash?: string | null, error?: string | null) {
  await (await db()).call('mark_chain_settlement', { id, status, tx_hash: txHash ?? null, error: error ?? null });
}

async function submit(cfg: SorobanRailConfig, s: OpenSettlement): Promise<'confirmed' | 'failed' | 'pending'> {
  const client = escrowClient(cfg);
  const caller = cfg.server.publicKey();
  const bookingId = BigInt(s.chain_booking_id);
  const at = s.kind === 'release'
    ? await client.release_payment_to_airline(escrowArgs.release_payment_to_airline(caller, bookingId))
    : await client.settle_cancellation(escrowArgs.settle_cancellation(caller, bookingId, tokenUnits(s.refund_minor)));
  const simError = at.simulation && rpc.Api.isSimulationError(at.simulation) ? at.simulation.error : null;
  if (simError) {
    // Already closed on chain: whoever settled it, the money moved once.
    if (contractErrorCode(simError) === INVALID_STATE) return (await mark(s.id, 'confirmed', null, 'already settled on chain'), 'confirmed');
    const status = s.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending';
    await mark(s.id, status, null, escrowErrorSentence(simError));
    return status;
  }
  await at.sign();
  const sent = await at.send({ onSubmitted: (r) => { if (r?.hash) void mark(s.id, 'submitted', r.hash); } });
  const res = sent.getTransactionResponse;
  if (res?.status === rpc.Api.GetTransactionStatus.SUCCESS) {
    await mark(s.id, 'confirmed', sent.sendTransactionResponse?.hash);
    return 'confirmed';
  }
  await mark(s.id, s.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending', sent.sendTransactionResponse?.hash, 'the settlement transaction failed');
  return 'pending';
}

async function recheck(cfg: SorobanRailConfig, s: OpenSettlement): Promise<'confirmed' | 'failed' | 'pending'> {
  const res = await rpcServer(cfg).getTransaction(s.tx_hash!);
  if (res.status === rpc.Api.GetTransactionStatus.SUCCESS) return (await mark(s.id, 'confirmed', s.tx_hash), 'confirmed');
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) return (await mark(s.id, 'pending', null, 'the settlement transaction failed; retrying'), 'pending');
  return 'pending';
}

export async function settleChainBookings(limit = 20): Promise<Record<string, number>> {
  const cfg = railConfig();
  const open = await (await db()).call<OpenSettlement[]>('open_chain_settlements', { limit });
  const counts: Record<string, number> = { confirmed: 0, failed: 0, pending: 0 };
  for (const s of open) {
    try {
      counts[s.status === 'submitted' && s.tx_hash ? await recheck(cfg, s) : await submit(cfg, s)]++;
    } catch {
      counts.pending++; // RPC down: the row stays as it was and the next run tries again
    }
  }
  return counts;
}
