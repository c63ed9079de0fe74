import { z } from 'zod';
import { dataOf, describes, timestamp } from '@/lib/openapi/answers';
import type { MultisigProposal, MultisigState } from './multisig';
import type { MultisigStepReceipt } from './multisig-confirm';
import { SETTLEMENT_STATUSES, type listSettlements, type OutboxRow, type SettlementRow } from './outbox';

// What the console's money-on-chain routes answer (the settlement outbox, its retry, the admin
// multisig's proposals and a signer's step), as schemas for the OpenAPI document
// (lib/openapi/answers.ts); the SQL is routines/37_airline_portal.sql and 90_soroban_rail.sql.

const int = () => z.number().int();
const status = z.enum(SETTLEMENT_STATUSES);

// Token base units as decimal strings (i128), from the escrow's own event (lib/payments/soroban/settlement-events.ts).
const moved = z.object({
  event: z.enum(['CancellationSettled', 'PaymentReleased']),
  refund: z.string(),
  to_airline: z.string(),
  fee: z.string(),
  to_sponsor: z.string().optional(),
});

const outboxFields = {
  id: int(),
  seq: int(),
  chain_booking_id: z.string(),
  kind: z.enum(['release', 'cancellation']),
  refund_minor: int(),
  status,
  tx_hash: z.string().nullable(),
  attempts: int(),
  error: z.string().nullable(),
  moved: moved.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
};

export const settlementRow = describes<SettlementRow>()(z.object({
  ...outboxFields, pnr: z.string(), airline: z.string(), share_minor: int(), currency: z.string(),
}));

export const settlementsPage = describes<Awaited<ReturnType<typeof listSettlements>>>()(z.object({
  data: z.array(settlementRow),
  // rows per status over the whole outbox; a status with none is absent
  counts: z.object({ pending: int().optional(), submitted: int().optional(), confirmed: int().optional(), failed: int().optional() }),
  nextCursor: z.string().nullable(),
}));

export const outboxRow = describes<OutboxRow>()(z.object({ ...outboxFields, booking_id: z.string() }));

const multisigProposal = describes<MultisigProposal>()(z.object({
  id: z.string(),
  contract_id: z.string(),
  proposer: z.string(),
  // the AdminAction as the indexer decoded it: { tag, values } (or [tag, value])
  action: z.unknown(),
  expires_at: timestamp,
  proposed_at: timestamp,
  tx_hash: z.string(),
  approvals: int(),
  approved_by: z.array(z.string()),
  executable: z.boolean(),
}));

export const multisigState = describes<MultisigState>()(z.object({
  threshold: int().nullable(),
  signers: z.array(z.string()).nullable(),
  proposals: z.array(multisigProposal),
}));

const multisigStepReceipt = describes<MultisigStepReceipt>()(z.object({
  proposal_id: z.string(),
  step: z.enum(['approve', 'execute']),
  signer: z.string(),
  tx_hash: z.string(),
  approvals: int().nullable(),
  audit_id: int(),
  replayed: z.boolean(),
}));

export const multisigPage = z.object({ data: multisigState, nextCursor: z.string().nullable() });
export const outboxRowAnswer = dataOf(outboxRow);

/** 201/200 with the receipt once RPC has the transaction; 202 `pending` until then (report it again). */
export const multisigStepAnswer = z.union([
  dataOf(multisigStepReceipt),
  z.object({ status: z.literal('pending'), detail: z.string() }),
]);
