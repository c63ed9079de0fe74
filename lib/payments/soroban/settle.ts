import 'server-only';
import { rpc } from '@stellar/stellar-sdk';
import { db } from '@/lib/db/connect';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { tokenUnits } from '@/lib/stellar/token-units';
import { contractErrorCode, escrowErrorSentence } from '@/lib/stellar/escrow-errors';
import { readContract } from '@/lib/stellar/contracts/read';
import type { SorobanRailConfig } from './config';
import { railConfig } from './rail';
import { rpcServer } from '@/lib/stellar/rpc';
import { settlementMoved, type SettlementMoved } from './settlement-events';

// The settle-chain job: submits the settlement outbox (public.open_chain_settlements) to the
// escrow with the server signer, which holds the escrow's settler role:
//   release      → release_payment_to_airline(caller, booking_id)
//   cancellation → settle_cancellation(caller, booking_id, refund)
// Safe to re-run: a row is marked submitted with its hash before the job waits for it, a
// submitted row is checked, not resent, and an escrow booking that is already closed (someone
// settled it) counts as done — the escrow pays out each booking exactly once. A confirmed row
// records what the escrow's event says it paid (refund, airline, fee: the escrow takes its own
// fee), and a row found already closed records the state the escrow closed it in.

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

async function mark(id: number, status: string, txHash?: string | null, error?: string | null, moved?: SettlementMoved | null) {
  await (await db()).call('mark_chain_settlement', { id, status, tx_hash: txHash ?? null, error: error ?? null, moved: moved ?? null });
}

/** The escrow's BookingState, by its u32 value (contracts/common). */
const ESCROW_STATES = ['Paid', 'RefundRequested', 'Disputed', 'Released', 'Refunded', 'Expired'];

/** The state the escrow holds the booking in (Released, Refunded, Expired, …), or null if unreadable. */
async function escrowState(cfg: SorobanRailConfig, bookingId: bigint): Promise<string | null> {
  try {
    const b = await readContract(escrow, { rpcUrl: cfg.rpcUrl, networkPassphrase: cfg.networkPassphrase, contractId: cfg.escrowContractId },
      'get_booking', escrowArgs.get_booking(bookingId));
    return typeof b.state === 'number' ? (ESCROW_STATES[b.state] ?? null) : null;
  } catch {
    return null;
  }
}

async function submit(cfg: SorobanRailConfig, s: OpenSettlement): Promise<'confirmed' | 'failed' | 'pending'> {
  const caller = cfg.server.publicKey();
  const bookingId = BigInt(s.chain_booking_id);
  const target = { rpcUrl: cfg.rpcUrl, networkPassphrase: cfg.networkPassphrase, contractId: cfg.escrowContractId };
  const onSubmitted = (hash: string) => mark(s.id, 'submitted', hash);
  const sent = s.kind === 'release'
    ? await invokeContract(escrow, target, cfg.server, 'release_payment_to_airline', escrowArgs.release_payment_to_airline(caller, bookingId), { onSubmitted })
    : await invokeContract(escrow, target, cfg.server, 'settle_cancellation', escrowArgs.settle_cancellation(caller, bookingId, tokenUnits(s.refund_minor)), { onSubmitted });
  const lastTry = s.attempts + 1 >= MAX_ATTEMPTS;
  switch (sent.outcome) {
    case 'refused':
      // Already closed on chain: whoever settled it, the money moved once.
      if (contractErrorCode(sent.simulationError) === INVALID_STATE) {
        // Someone else closed it (the airline's refund, an expiry past the deadline): say how,
        // since the money may not have gone where this settlement meant it to.
        const state = await escrowState(cfg, bookingId);
        return (await mark(s.id, 'confirmed', null, state ? `already settled on chain (${state})` : 'already settled on chain'), 'confirmed');
      }
      await mark(s.id, lastTry ? 'failed' : 'pending', null, escrowErrorSentence(sent.simulationError));
      return lastTry ? 'failed' : 'pending';
    case 'success':
      await mark(s.id, 'confirmed', sent.hash, null, settlementMoved(sent.response, cfg.escrowContractId, s.chain_booking_id));
      return 'confirmed';
    case 'pending':
      return 'pending'; // marked submitted with its hash: the next run re-checks it, never resends
    case 'failed':
      await mark(s.id, lastTry ? 'failed' : 'pending', sent.hash, 'the settlement transaction failed');
      return 'pending';
  }
}

async function recheck(cfg: SorobanRailConfig, s: OpenSettlement): Promise<'confirmed' | 'failed' | 'pending'> {
  const res = await rpcServer(cfg).getTransaction(s.tx_hash!);
  if (res.status === rpc.Api.GetTransactionStatus.SUCCESS) {
    return (await mark(s.id, 'confirmed', s.tx_hash, null, settlementMoved(res, cfg.escrowContractId, s.chain_booking_id)), 'confirmed');
  }
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
