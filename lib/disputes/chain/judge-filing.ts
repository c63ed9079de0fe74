import { scValToNative } from '@stellar/stellar-sdk';
import { judgeCall, type CallExpectations } from './judge-call';

// The server's check of a filer's signed `file_dispute` transaction BEFORE it sends it (and again
// when it reads a landed one by hash): judge-call.ts's checks, on this booking's escrow id. The
// contract itself refuses a filer who is not the booking's passenger or airline.

export interface FilingExpectations extends CallExpectations {
  /** The escrow booking id the filing must name; null when the record is matched later by id. */
  chainBookingId: string | null;
}

export type FilingJudgement =
  | { ok: true; filer: string; chainBookingId: string; evidenceHash: string }
  | { ok: false; field: 'signed_xdr'; message: string };

export function judgeFiling(envelope: Parameters<typeof judgeCall>[0], expect: FilingExpectations): FilingJudgement {
  const verdict = judgeCall(envelope, expect, {
    fn: 'file_dispute', arity: 3, actor: 'filer', verb: 'files',
    decode: (a) => ({
      account: String(scValToNative(a[0])),
      bookingId: BigInt(scValToNative(a[1]) as bigint).toString(),
      evidence: Buffer.from(scValToNative(a[2]) as Uint8Array).toString('hex'),
    }),
    check: ({ bookingId }) => (expect.chainBookingId !== null && bookingId !== expect.chainBookingId ? 'files a dispute on another booking.' : null),
  });
  if (!verdict.ok) return verdict;
  return { ok: true, filer: verdict.account, chainBookingId: verdict.args.bookingId, evidenceHash: verdict.args.evidence };
}
