import { scValToNative } from '@stellar/stellar-sdk';
import { soleContractCall } from '@/lib/stellar/contracts/sole-call';

// The server's check of a filer's signed `file_dispute` transaction BEFORE it sends it (and again
// when it reads a landed one by hash): one operation, our disputes contract's file_dispute, on
// this booking's escrow id, filed by one of the caller's own linked accounts, which is also the
// transaction's source and has signed it. The contract itself refuses a filer who is not the
// booking's passenger or airline; this refuses a transaction that would make the app record a
// dispute for someone else, or one the caller did not mean to send.

export interface FilingExpectations {
  contractId: string;
  networkPassphrase: string;
  /** The escrow booking id the filing must name; null when the record is matched later by id. */
  chainBookingId: string | null;
  /** The caller's linked wallets. */
  accounts: readonly string[];
}

export type FilingJudgement =
  | { ok: true; filer: string; chainBookingId: string; evidenceHash: string }
  | { ok: false; field: 'signed_xdr'; message: string };

const refuse = (message: string): FilingJudgement => ({ ok: false, field: 'signed_xdr', message });

export function judgeFiling(envelope: Parameters<typeof soleContractCall>[0], expect: FilingExpectations): FilingJudgement {
  let call;
  try {
    call = soleContractCall(envelope, expect.networkPassphrase, expect.contractId, 'file_dispute');
  } catch {
    return refuse('is not a transaction envelope for this network.');
  }
  if (!call || call.args.length !== 3) return refuse('is not a file_dispute call on the Traqora disputes contract.');
  let filer: string;
  let bookingId: string;
  let evidence: string;
  try {
    filer = String(scValToNative(call.args[0]));
    bookingId = BigInt(scValToNative(call.args[1]) as bigint).toString();
    evidence = Buffer.from(scValToNative(call.args[2]) as Uint8Array).toString('hex');
  } catch {
    return refuse('carries arguments file_dispute does not take.');
  }
  if (expect.chainBookingId !== null && bookingId !== expect.chainBookingId) return refuse('files a dispute on another booking.');
  if (!expect.accounts.includes(filer)) return refuse('files from an account that is not linked to you.');
  if (call.source !== filer) return refuse("must be sent from the filer's own account.");
  if (!call.signedBy(filer)) return refuse("is not signed by the filer's account for this network.");
  return { ok: true, filer, chainBookingId: bookingId, evidenceHash: evidence };
}
