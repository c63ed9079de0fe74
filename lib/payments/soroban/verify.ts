import { Address, rpc, TransactionBuilder, type xdr } from '@stellar/stellar-sdk';
import { contractSpec } from '@/lib/stellar/specs';
import { toTokenUnits } from '@/lib/stellar/contracts/escrow';
import type { ChainPaymentTerms } from './quote';

// The server believes a payment only when it has read it from RPC: a successful transaction
// that invoked our escrow's `pay_quoted`, whose return value (the escrow's bookings, written by
// the contract) holds every segment of this booking with its full share. The client's word —
// "it went through" — is only a hint of which hash to read.

export type PaymentVerdict =
  | { status: 'pending' }
  | { status: 'failed'; reason: string }
  | { status: 'confirmed'; ledger: number; closedAt: string; payer: string; quoteRef: string | null };

interface EscrowBooking { id: bigint; passenger: string; amount: bigint; state: unknown }

const text = (v: unknown) => (typeof v === 'string' ? v : new TextDecoder().decode((v as { bytes?: Uint8Array }).bytes ?? (v as Uint8Array)));

/** Why a transaction failed, in a sentence, from its result XDR. */
export function failureReason(result: xdr.TransactionResult | undefined): string {
  const outer = (result as unknown as { result?: { type?: string; value?: unknown } })?.result;
  const code = outer?.type ?? 'unknown';
  if (code === 'txFailed' || code === 'txFeeBumpInnerFailed') {
    const ops = (outer?.value ?? []) as { type?: string; value?: { type?: string; value?: { type?: string } } }[];
    const inner = ops[0]?.value?.value?.type ?? ops[0]?.type ?? '';
    if (inner === 'invokeHostFunctionTrapped') return 'The escrow contract refused the payment.';
    if (inner === 'invokeHostFunctionResourceLimitExceeded') return 'The transaction ran out of its resource budget.';
    if (inner === 'invokeHostFunctionInsufficientRefundableFee') return 'The transaction fee was too low.';
    if (inner === 'invokeHostFunctionEntryArchived') return 'Part of the contract state is archived and must be restored first.';
    return `The transaction failed (${inner || code}).`;
  }
  if (code === 'txTooLate') return 'The transaction was submitted after it expired.';
  if (code === 'txInsufficientBalance') return 'The paying account cannot cover the network fee.';
  if (code === 'txBadSeq') return 'The transaction was out of sequence; pay again.';
  return `The transaction failed (${code}).`;
}

/** What a transaction did, judged against one booking's payment terms. */
export function judgePayment(
  res: rpc.Api.GetTransactionResponse,
  expect: { escrowContractId: string; networkPassphrase: string; terms: ChainPaymentTerms },
): PaymentVerdict {
  if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND) return { status: 'pending' };
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) return { status: 'failed', reason: failureReason(res.resultXdr) };

  const tx = TransactionBuilder.fromXDR(res.envelopeXdr, expect.networkPassphrase);
  const inner = 'innerTransaction' in tx ? tx.innerTransaction : tx;
  const op = inner.operations[0];
  const call = op?.type === 'invokeHostFunction' ? (op.func as unknown as { type: string; value: { contractAddress: xdr.ScAddress; functionName: unknown; args?: xdr.ScVal[] } }) : null;
  if (inner.operations.length !== 1 || call?.type !== 'hostFunctionTypeInvokeContract'
      || Address.fromScAddress(call.value.contractAddress).toString() !== expect.escrowContractId
      || text(call.value.functionName) !== 'pay_quoted') {
    return { status: 'failed', reason: 'The transaction is not a payment into the Traqora escrow.' };
  }
  if (!res.returnValue) return { status: 'failed', reason: 'The transaction has no result to check.' };
  const paid = contractSpec('escrow').funcResToNative('pay_quoted', res.returnValue) as EscrowBooking[];
  const byId = new Map(paid.map((b) => [b.id.toString(), b]));
  for (const item of expect.terms.items) {
    const b = byId.get(item.chain_booking_id);
    if (!b) return { status: 'failed', reason: `The transaction did not pay segment ${item.seq} of this booking.` };
    if (b.amount !== toTokenUnits(item.share_minor)) return { status: 'failed', reason: `The transaction paid another amount for segment ${item.seq}.` };
  }
  if (paid.length !== expect.terms.items.length) return { status: 'failed', reason: 'The transaction paid for more than this booking.' };
  const payers = new Set(paid.map((b) => b.passenger));
  if (payers.size !== 1) return { status: 'failed', reason: 'The transaction was paid by more than one account.' };
  return { status: 'confirmed', ledger: res.ledger, closedAt: new Date(res.createdAt * 1000).toISOString(), payer: paid[0].passenger, quoteRef: quoteRefOf(call.value.args) };
}

/**
 * Which quote the transaction paid: the hex of the platform's signature, `pay_quoted`'s second
 * argument (the escrow verified it, since the call succeeded). Points held for that quote are
 * spent with the confirmation.
 */
function quoteRefOf(args: xdr.ScVal[] | undefined): string | null {
  const sig = args?.[1];
  if (sig?.type !== 'scvBytes') return null;
  const bytes = sig.bytes.toBytes();
  return bytes.length === 64 ? Buffer.from(bytes).toString('hex') : null;
}
