'use client';
import { rpc } from '@stellar/stellar-sdk';
import type { Booking } from '@/lib/bookings/types';
import { escrowErrorSentence } from '@/lib/stellar/escrow-errors';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';
import { assemblePayment } from './assemble-payment';
import type { PaymentQuoteResponse } from './quote-json';

// Paying a booking into the escrow from the browser: the server signs the booking's terms for
// the wallet's account, the browser builds `pay_quoted` from the committed escrow spec with
// contract.Client (simulated by RPC), the wallet signs, the browser sends it and waits, then the
// server reads the transaction from RPC itself before it calls the booking paid.

export type PayStep = 'connecting' | 'quoting' | 'building' | 'signing' | 'submitted' | 'confirming' | 'confirmed';

/** A payment stopped; `step` says where, `safeToRetry` whether paying again cannot double-pay. */
export class PayError extends Error {
  constructor(
    message: string,
    public readonly step: PayStep,
    public readonly kind: 'rejected' | 'wrong_network' | 'not_installed' | 'refused' | 'failed' | 'unconfirmed',
    public readonly txHash: string | null = null,
  ) {
    super(message);
    this.name = 'PayError';
  }
  /** Nothing reached the chain, or what did failed there: a new attempt cannot pay twice. */
  get safeToRetry(): boolean {
    return this.kind !== 'unconfirmed';
  }
}


export interface PayProgress {
  step: PayStep;
  txHash?: string;
  explorerUrl?: string | null;
  /** The network fee of the built transaction in stroops (inclusion + the simulated resource fee), known from the `signing` step on. */
  networkFeeStroops?: string;
}

/** Stroops as XLM for people: 7 decimals, trailing zeros dropped ("0.0123456 XLM"). */
export function formatNetworkFee(stroops: string): string {
  const n = BigInt(stroops);
  const whole = n / 10_000_000n;
  const frac = (n % 10_000_000n).toString().padStart(7, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''} XLM`;
}

async function problemDetail(res: Response, fallback: string): Promise<string> {
  const body = await res.json().catch(() => null);
  return (body && typeof body.detail === 'string' && body.detail) || fallback;
}

/** Reports the transaction to the server until it has read it from the chain (202 = not yet). */
export async function confirmWithServer(pnr: string, txHash: string, payer: string, opts: { attempts?: number; delayMs?: number } = {}): Promise<Booking> {
  const attempts = opts.attempts ?? 10;
  for (let i = 0; i < attempts; i++) {
    const res = await fetch(`/api/v1/bookings/${encodeURIComponent(pnr)}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `chain-${txHash}` },
      body: JSON.stringify({ tx_hash: txHash, payer }),
    });
    if (res.status === 200 || res.status === 201) return (await res.json()).data as Booking;
    if (res.status !== 202) {
      throw new PayError(await problemDetail(res, 'Traqora could not confirm the payment.'), 'confirming', res.status === 409 ? 'refused' : 'unconfirmed', txHash);
    }
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 1500));
  }
  throw new PayError('The payment is on its way but not confirmed yet. Check again in a moment; you will not be charged twice.', 'confirming', 'unconfirmed', txHash);
}

/**
 * Signed quotes this tab was given, by booking, payer and points: asking again after the
 * traveller declined in the wallet (or the network refused the transaction) reuses the quote
 * while it has a minute left, rather than holding the same points a second time for a new one.
 */
const quotes = new Map<string, PaymentQuoteResponse>();
const QUOTE_REUSE_MARGIN_MS = 60_000;

async function signedQuote(pnr: string, payer: string, points: number): Promise<PaymentQuoteResponse> {
  const key = `${pnr}|${payer}|${points}`;
  const kept = quotes.get(key);
  if (kept && Date.parse(kept.expires_at) - Date.now() > QUOTE_REUSE_MARGIN_MS) return kept;
  const res = await fetch(`/api/v1/bookings/${encodeURIComponent(pnr)}/payment-quote`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(points > 0 ? { payer, points } : { payer }),
  });
  if (!res.ok) throw new PayError(await problemDetail(res, 'Traqora could not quote this payment.'), 'quoting', 'refused');
  const q = (await res.json()).data as PaymentQuoteResponse;
  quotes.set(key, q);
  return q;
}

export async function payWithWallet(
  wallet: WalletAdapter, pnr: string, onProgress: (p: PayProgress) => void = () => {}, opts: { points?: number } = {},
): Promise<{ booking: Booking; txHash: string; explorerUrl: string | null }> {
  let step: PayStep = 'connecting';
  let txHash = '';
  let fee: string | undefined;
  // Later steps keep the fee the building step learned.
  const report = (p: PayProgress) => { step = p.step; fee = p.networkFeeStroops ?? fee; onProgress({ ...p, networkFeeStroops: fee }); };
  try {
    report({ step: 'connecting' });
    if (!(await wallet.isAvailable())) throw new WalletError(`${wallet.name} is not installed in this browser.`, 'not_installed');
    const payer = await wallet.getAddress();
    const network = await wallet.getNetwork();

    report({ step: 'quoting' });
    const q = await signedQuote(pnr, payer, opts.points ?? 0);
    if (network.networkPassphrase !== q.network_passphrase) {
      throw new WalletError(`${wallet.name} is on ${network.network}; switch it to the network Traqora uses.`, 'wrong_network');
    }

    report({ step: 'building' });
    const tx = await assemblePayment(q, payer, (envelope, o) =>
      wallet.signTransaction(envelope, { networkPassphrase: o?.networkPassphrase ?? q.network_passphrase, address: payer }));
    if (tx.simulation && rpc.Api.isSimulationError(tx.simulation)) throw new PayError(escrowErrorSentence(tx.simulation.error), 'building', 'refused');

    // The fee the wallet will be asked to approve: what the network charges for this call (its
    // metered CPU, memory, ledger entries and events, from the simulation) plus the inclusion fee.
    const networkFeeStroops = tx.built?.fee;
    report({ step: 'signing', networkFeeStroops });
    await tx.sign();

    const sent = await tx.send({
      onSubmitted: (r) => {
        if (!r?.hash) return;
        txHash = r.hash;
        report({ step: 'submitted', txHash, explorerUrl: q.explorer_url && `${q.explorer_url}/tx/${txHash}` });
        // Tell the server at once, so the booking is confirmed even if this tab closes now.
        void confirmWithServer(pnr, txHash, payer, { attempts: 1 }).catch(() => {});
      },
    });
    txHash ||= sent.sendTransactionResponse?.hash ?? '';
    const explorerUrl = q.explorer_url && `${q.explorer_url}/tx/${txHash}`;
    // Succeeded or failed on chain, the server reads it and records which: its answer is the verdict.
    report({ step: 'confirming', txHash, explorerUrl });
    const booking = await confirmWithServer(pnr, txHash, payer);
    quotes.clear(); // paid: no quote of this tab is worth sending again
    report({ step: 'confirmed', txHash, explorerUrl });
    return { booking, txHash, explorerUrl };
  } catch (err) {
    throw toPayError(err, step, txHash || null);
  }
}

function toPayError(err: unknown, step: PayStep, txHash: string | null): PayError {
  if (err instanceof PayError) return err;
  if (err instanceof WalletError) {
    const kind = err.code === 'failed' ? 'failed' : err.code;
    return new PayError(err.message, step, kind);
  }
  const message = err instanceof Error ? err.message : String(err);
  // The SDK's own wording for a signature the wallet refused.
  if (step === 'signing' && /reject|declin|denied|cancel/i.test(message)) return new PayError('You declined to sign the payment in your wallet.', step, 'rejected');
  if (step === 'signing' || step === 'building') return new PayError(escrowErrorSentence(message), step, 'failed');
  return new PayError(escrowErrorSentence(message), step, txHash ? 'unconfirmed' : 'failed', txHash);
}
