import 'server-only';
import { StrKey } from '@stellar/stellar-sdk';
import { db } from '@/lib/db/connect';
import type { Booking } from '@/lib/bookings/types';
import { HttpProblem } from '@/lib/http/problem';
import { sorobanRailConfig, type SorobanRailConfig } from './config';
import type { QuoteLoyalty } from '@/lib/payments/rail';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { readContract } from '@/lib/stellar/contracts/read';
import { buildPaymentQuote, MAX_QUOTE_ITEMS, quoteToJson, signPaymentQuote, splitDiscount, type ChainPaymentTerms } from './quote';
import type { ChainQuote } from './quote-json';
import { rpcServer } from '@/lib/stellar/rpc';
import { signSponsorAuth } from './sponsor-auth';
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


/** The escrow's payment token (its config's `token`), read once per process: it never changes. */
const tokens = new Map<string, Promise<string>>();
function escrowToken(cfg: SorobanRailConfig): Promise<string> {
  let token = tokens.get(cfg.escrowContractId);
  if (!token) {
    token = readContract(escrow, { rpcUrl: cfg.rpcUrl, networkPassphrase: cfg.networkPassphrase, contractId: cfg.escrowContractId }, 'get_config', escrowArgs.get_config())
      .then((c) => String(c.token));
    token.catch(() => tokens.delete(cfg.escrowContractId));
    tokens.set(cfg.escrowContractId, token);
  }
  return token;
}

/**
 * Ledgers the sponsor's authorisation stays valid for, past the current one: the seconds until
 * the quote expires at one ledger a second (no Stellar network closes them faster), plus an
 * hour's margin at testnet's pace. Beyond the quote's expiry the escrow refuses it anyway.
 */
export function sponsorAuthLedgers(expiresAt: bigint, now = new Date()): number {
  const left = Number(expiresAt) - Math.floor(now.getTime() / 1000);
  return Math.max(left, 0) + 720;
}

export async function quoteChainPayment(userId: string, pnr: string, payer: string, points = 0): Promise<ChainQuote> {
  if (!StrKey.isValidEd25519PublicKey(payer)) throw new HttpProblem(422, 'The paying account must be a Stellar account (G…).', [{ field: 'payer', message: 'is not a Stellar account id' }]);
  const cfg = railConfig();
  const database = await db();
  const terms = await database.call<ChainPaymentTerms>('chain_payment_terms', { user_id: userId, pnr, for_payment: true });
  if (terms.items.some((i) => i.share_minor <= 0)) throw new HttpProblem(409, 'This booking has a segment with no fare and cannot be paid on chain.', [{ field: 'pnr', message: 'has a segment with no fare' }]);
  // The escrow takes at most MAX_QUOTE_ITEMS segments per quote (a larger one would cost the
  // traveller more than a tenth of a transaction's CPU); say so here instead of letting the
  // wallet sign a transaction the contract refuses with BatchTooLarge.
  if (terms.items.length > MAX_QUOTE_ITEMS) throw new HttpProblem(409, `One on-chain payment covers at most ${MAX_QUOTE_ITEMS} flights; this booking has ${terms.items.length}.`, [{ field: 'pnr', message: `has more than ${MAX_QUOTE_ITEMS} segments` }]);
  const to = { escrow: cfg.escrowContractId, clearing: cfg.clearingAddress };
  const common = { contract_id: cfg.escrowContractId, network_passphrase: cfg.networkPassphrase, rpc_url: cfg.rpcUrl, explorer_url: cfg.explorerUrl, currency: terms.currency };
  if (!points) {
    const quote = buildPaymentQuote(terms, payer, to);
    return {
      ...common, pnr: terms.pnr, quote: quoteToJson(quote), signature: signPaymentQuote(quote, cfg.quoteSigner).toString('hex'),
      amount_minor: terms.total_minor, expires_at: new Date(Number(quote.expires_at) * 1000).toISOString(), sponsor_auth: null,
    };
  }

  // Points pay part of the fare: the loyalty-liability account pays that part into the escrow
  // (the quote's sponsor), so the airline still receives the whole fare (docs/loyalty.md).
  const liability = cfg.loyaltyLiability;
  if (!liability) throw new HttpProblem(409, 'Points can’t pay part of a payment from a Stellar wallet here.', [{ field: 'points', message: 'are not taken on this rail' }]);
  // What the points take off, by the ledger rail's rule (100 points = $1, the fare only, USD).
  const preview = await database.call<QuoteLoyalty>('loyalty_redemption_quote', { user_id: userId, base_minor: terms.base_minor, currency: terms.currency, points });
  if (preview.discount_minor === 0) throw new HttpProblem(422, `${points} points buy less than a cent.`, [{ field: 'points', message: 'buy less than a cent' }]);
  const sponsoredMinor = splitDiscount(preview.discount_minor, terms.items.map((i) => i.share_minor));
  const quote = buildPaymentQuote(terms, payer, to, new Date(), { sponsor: liability.publicKey(), sponsoredMinor });
  const signature = signPaymentQuote(quote, cfg.quoteSigner);
  const [token, latest] = await Promise.all([escrowToken(cfg), rpcServer(cfg).getLatestLedger()]);
  const sponsorAuth = await signSponsorAuth(liability, {
    escrow: cfg.escrowContractId, token, quote, signature, networkPassphrase: cfg.networkPassphrase,
    validUntilLedger: latest.sequence + sponsorAuthLedgers(quote.expires_at),
  });
  const expiresAt = new Date(Number(quote.expires_at) * 1000).toISOString();
  // Held last, once nothing else can fail: the points are the member's again when this quote
  // lapses unpaid. The database re-reads the balance under lock and refuses a changed discount.
  const held = await database.call<QuoteLoyalty>('hold_chain_payment_points', {
    user_id: userId, pnr, points, quote_ref: signature.toString('hex'), expires_at: expiresAt, discount_minor: preview.discount_minor,
  });
  return {
    ...common, pnr: terms.pnr, quote: quoteToJson(quote), signature: signature.toString('hex'),
    amount_minor: terms.total_minor - held.discount_minor, expires_at: expiresAt, sponsor_auth: sponsorAuth,
    loyalty: { points: held.points, discount_minor: held.discount_minor, currency: held.currency, balance: held.balance, max_points: held.max_points, points_per_usd: held.points_per_usd },
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
      // quote_ref: the quote this transaction paid (its signature), whose held points are spent with it
      { tx_hash: txHash, ledger: verdict.ledger, closed_at: verdict.closedAt, payer: verdict.payer, quote_ref: verdict.quoteRef });
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
    return { booking, replayed: true, verdict: { status: 'confirmed', ledger: payment.ledger!, closedAt: payment.closed_at!, payer: payment.payer, quoteRef: null } };
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
