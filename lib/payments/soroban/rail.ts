import 'server-only';
import { StrKey } from '@stellar/stellar-sdk';
import { db } from '@/lib/db/connect';
import type { Booking } from '@/lib/bookings/types';
import { HttpProblem } from '@/lib/http/problem';
import { sorobanRailConfig, type SorobanRailConfig } from './config';
import { buildPaymentQuote, MAX_QUOTE_ITEMS, quoteToJson, signPaymentQuote, type ChainPaymentTerms } from './quote';
import type { ChainQuote } from './quote-json';
import { rpcServer } from '@/lib/stellar/rpc';
import { judgePayment, type PaymentVerdict } from './verify';

// The soroban rail, server side. Paying is two requests around the wallet:
//   1. quote  — the server signs the booking's payment terms for the payer's account;
//   2. submit — the browser reports the hash of the transaction its wallet signed and sent;
//      the server reads that transaction from RPC and marks the booking paid only if the
//      chain says the escrow took the full amount for every segment.

let cached: SorobanRailConfig | null | undefined;
export function railConfig(): SorobanRailConfig {
  if (cached === undefined) cached = sorobanRailConfig();
  if (!cached) throw new Error('the soroban rail is not configured');
  return cached;
}


export async function quoteChainPayment(userId: string, pnr: string, payer: string): Promise<ChainQuote> {
  if (!StrKey.isValidEd25519PublicKey(payer)) throw new HttpProblem(422, 'The paying account must be a Stellar account (G…).', [{ field: 'payer', message: 'is not a Stellar account id' }]);
  const cfg = railConfig();
  const terms = await (await db()).call<ChainPaymentTerms>('chain_payment_terms', { user_id: userId, pnr, for_payment: true });
  if (terms.items.some((i) => i.share_minor <= 0)) throw new HttpProblem(409, 'This booking has a segment with no fare and cannot be paid on chain.', [{ field: 'pnr', message: 'has a segment with no fare' }]);
  // The escrow takes at most MAX_QUOTE_ITEMS segments per quote (a larger one would cost the
  // traveller more than a tenth of a transaction's CPU); say so here instead of letting the
  // wallet sign a transaction the contract refuses with BatchTooLarge.
  if (terms.items.length > MAX_QUOTE_ITEMS) throw new HttpProblem(409, `One on-chain payment covers at most ${MAX_QUOTE_ITEMS} flights; this booking has ${terms.items.length}.`, [{ field: 'pnr', message: `has more than ${MAX_QUOTE_ITEMS} segments` }]);
  const quote = buildPaymentQuote(terms, payer, { escrow: cfg.escrowContractId, clearing: cfg.clearingAddress });
  return {
    pnr: terms.pnr,
    quote: quoteToJson(quote),
    signature: signPaymentQuote(quote, cfg.quoteSigner).toString('hex'),
    contract_id: cfg.escrowContractId,
    network_passphrase: cfg.networkPassphrase,
    rpc_url: cfg.rpcUrl,
    amount_minor: terms.total_minor,
    currency: terms.currency,
    expires_at: new Date(Number(quote.expires_at) * 1000).toISOString(),
    explorer_url: cfg.explorerUrl,
  };
}

export type ChainBooking = Booking & { payment_rail: 'ledger' | 'soroban' | null };

export interface SubmitResult {
  booking: ChainBooking;
  verdict: PaymentVerdict;
  replayed?: boolean;
}

/** Asks RPC about one recorded payment and writes what it says. */
export async function checkChainPayment(userId: string, pnr: string, txHash: string): Promise<SubmitResult> {
  const cfg = railConfig();
  const database = await db();
  const terms = await database.call<ChainPaymentTerms>('chain_payment_terms', { user_id: userId, pnr, for_payment: false });
  const res = await rpcServer(cfg).getTransaction(txHash);
  const verdict = judgePayment(res, { escrowContractId: cfg.escrowContractId, networkPassphrase: cfg.networkPassphrase, terms });
  if (verdict.status === 'confirmed') {
    const out = await database.call<{ booking: ChainBooking; replayed?: boolean }>('confirm_chain_payment',
      // quote_ref: the quote this transaction paid, whose held points are spent with it (none yet)
      { tx_hash: txHash, ledger: verdict.ledger, closed_at: verdict.closedAt, payer: verdict.payer, quote_ref: null });
    return { booking: out.booking, verdict, replayed: out.replayed };
  }
  if (verdict.status === 'failed') {
    const out = await database.call<{ booking: ChainBooking }>('fail_chain_payment', { tx_hash: txHash, error: verdict.reason });
    return { booking: out.booking, verdict };
  }
  const booking = await database.call<ChainBooking>('get_booking', { user_id: userId, pnr, admin: false });
  return { booking, verdict };
}

/** Records the traveller's transaction, then checks it. Safe to repeat with the same hash. */
export async function submitChainPayment(userId: string, pnr: string, txHash: string, payer: string): Promise<SubmitResult> {
  const { payment, booking } = await (await db()).call<{ payment: { status: string; ledger: number | null; closed_at: string | null; payer: string; error: string | null }; booking: ChainBooking }>(
    'record_chain_payment', { user_id: userId, pnr, tx_hash: txHash, payer });
  // Already decided from the chain: a retry is answered from the record, without asking RPC again
  // (a confirmed payment cannot be undone; a failed transaction cannot succeed later).
  if (payment.status === 'confirmed') {
    return { booking, replayed: true, verdict: { status: 'confirmed', ledger: payment.ledger!, closedAt: payment.closed_at!, payer: payment.payer } };
  }
  if (payment.status === 'failed') return { booking, verdict: { status: 'failed', reason: payment.error ?? 'The transaction failed.' } };
  return checkChainPayment(userId, pnr, txHash);
}

/**
 * A reported transaction RPC still has not seen after this long never reached the network: the
 * SDK gives transactions a 5-minute time bound, and this job looks every 30 seconds.
 */
export const NEVER_LANDED_MS = 10 * 60 * 1000;

/** Job: payments submitted but never confirmed (the traveller left) are checked again. */
export async function confirmSubmittedPayments(now = Date.now()): Promise<Record<string, number>> {
  const database = await db();
  const pending = await database.call<{ tx_hash: string; pnr: string; user_id: string; created_at: string }[]>('submitted_chain_payments', { limit: 50 });
  const counts: Record<string, number> = { checked: 0, confirmed: 0, failed: 0, pending: 0 };
  for (const p of pending) {
    counts.checked++;
    try {
      const { verdict } = await checkChainPayment(p.user_id, p.pnr, p.tx_hash);
      if (verdict.status === 'pending' && now - Date.parse(p.created_at) > NEVER_LANDED_MS) {
        // Frees the hold to expire and the booking to be paid again.
        await database.call('fail_chain_payment', { tx_hash: p.tx_hash, error: 'The transaction never reached the Stellar network.' });
        counts.failed++;
        continue;
      }
      counts[verdict.status === 'confirmed' ? 'confirmed' : verdict.status]++;
    } catch {
      counts.pending++; // RPC unreachable or the booking moved on: the next run tries again
    }
  }
  return counts;
}
