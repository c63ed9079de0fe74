import { z } from 'zod';
import { DISPUTE_STATUSES } from './types';

// Input for the disputes API and the console's forms.

const minor = (field: string) => z.coerce.number({ error: `${field} must be an amount in minor units` }).int('must be whole minor units')
  .min(0, 'must be 0 or more').max(Number.MAX_SAFE_INTEGER, 'is too large');

export const reasonText = z.string({ error: 'is required' }).trim().min(10, 'must be 10 to 2000 characters').max(2000, 'must be 10 to 2000 characters');
export const pnrText = z.string({ error: 'is required' }).trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'must be a 6-character booking reference');

export const listQuery = z.object({
  status: z.enum(DISPUTE_STATUSES, { error: `must be one of ${DISPUTE_STATUSES.join(', ')}` }).optional(),
  pnr: pnrText.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
});

export const idParams = z.object({ id: z.uuid('must be a dispute id') });
export const evidenceParams = z.object({ id: z.uuid('must be a dispute id'), evidenceId: z.uuid('must be an evidence id') });

export const splitBody = z.object({
  refund_minor: minor('refund_minor'),
  airline_minor: minor('airline_minor'),
  fee_minor: minor('fee_minor'),
  reason: z.string({ error: 'is required' }).trim().min(3, 'must be 3 to 1000 characters').max(1000, 'must be 3 to 1000 characters'),
});

export const escalationBody = z.object({
  refund_minor: minor('refund_minor').optional(),
  airline_minor: minor('airline_minor').optional(),
  fee_minor: minor('fee_minor').optional(),
  reason: z.string().trim().min(3, 'must be 3 to 1000 characters').max(1000, 'must be 3 to 1000 characters').optional(),
}).refine((b) => [b.refund_minor, b.airline_minor, b.fee_minor].every((v) => v === undefined) || [b.refund_minor, b.airline_minor, b.fee_minor].every((v) => v !== undefined),
  { path: ['refund_minor'], message: 'a proposed split needs refund_minor, airline_minor and fee_minor' });

export const evidenceRequestBody = z.object({
  message: z.string({ error: 'is required' }).trim().min(3, 'must be 3 to 1000 characters').max(1000, 'must be 3 to 1000 characters'),
});

export const commitBody = z.object({ commitment: z.string({ error: 'is required' }).regex(/^[0-9a-fA-F]{64}$/, 'must be a sha256 hash (64 hex characters)') });
export const revealBody = z.object({
  option: z.coerce.number({ error: 'must be an option number' }).int('must be an option number').min(0, 'must be an option number').max(10, 'must be an option number'),
  salt: z.string({ error: 'is required' }).regex(/^[0-9a-fA-F]{64}$/, 'must be 32 bytes as 64 hex characters'),
});

export const stakeBody = z.object({
  amount: z.string({ error: 'is required' }).regex(/^[1-9][0-9]{0,17}$/, 'must be a positive whole number of TRQ base units'),
});

/** Console forms: amounts as a person types them ("50" or "50.25"). */
const amount = z.string().trim().regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be an amount such as 50 or 50.25').transform((a) => Math.round(Number(a) * 100));
export const splitForm = z.object({
  id: z.uuid('must be a dispute id'),
  refund: amount,
  airline: amount,
  fee: amount,
  reason: splitBody.shape.reason,
});
export const escalationForm = z.object({
  id: z.uuid('must be a dispute id'),
  reason: z.string().trim().max(1000).optional().transform((r) => r || undefined),
});
export const evidenceRequestForm = z.object({ id: z.uuid('must be a dispute id'), message: evidenceRequestBody.shape.message });
export const disputeIdForm = z.object({ id: z.uuid('must be a dispute id') });

/** A wallet-signed disputes call (checked, then sent by the server), or the hash of one sent, to confirm it. */
const signedCall = {
  signed_xdr: z.string().trim().min(1, 'must be a signed transaction (base64 XDR)').max(20_000, 'is too long').regex(/^[A-Za-z0-9+/=]+$/, 'must be a signed transaction (base64 XDR)').optional(),
  tx_hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a transaction hash (64 hex digits)').transform((h) => h.toLowerCase()).optional(),
};
const oneOfSignedOrHash = (what: string): [(b: { signed_xdr?: string; tx_hash?: string }) => boolean, { path: string[]; message: string }] => [
  (b) => (b.signed_xdr === undefined) !== (b.tx_hash === undefined),
  { path: ['signed_xdr'], message: `give signed_xdr (to ${what}) or tx_hash (to confirm it), not both` },
];

/** Filing with the on-chain jury: the signed file_dispute transaction, or the hash of one sent. */
export const chainFilingBody = z.object({ pnr: pnrText, reason: reasonText, ...signedCall })
  .refine(...oneOfSignedOrHash('file'));

/** Appealing an on-chain verdict: the signed appeal transaction, or the hash of one sent. */
export const chainAppealBody = z.object({ id: z.uuid('must be a dispute id'), ...signedCall }).refine(...oneOfSignedOrHash('appeal'));
export const chainAppealQuery = z.object({ id: z.uuid('must be a dispute id') });

/** Claiming a juror's reward of a tallied round: the signed claim_reward transaction, or the hash of one sent. */
export const chainClaimBody = z.object({
  chain_dispute_id: z.string().regex(/^[1-9][0-9]{0,19}$/, 'must be the contract\'s dispute id (a positive integer)'),
  round: z.number({ error: 'must be 1 or 2' }).int('must be 1 or 2').min(1, 'must be 1 or 2').max(2, 'must be 1 or 2'),
  ...signedCall,
}).refine(...oneOfSignedOrHash('claim'));

export const chainTermsQuery = z.object({ pnr: pnrText });
