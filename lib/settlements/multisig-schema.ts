import { z } from 'zod';

// POST /api/v1/admin/multisig/proposals/{id}/steps: which signed transaction to read.
export const multisigProposalParams = z.object({
  id: z.string().regex(/^\d{1,20}$/, 'must be a proposal number').refine((v) => !/^\d{1,20}$/.test(v) || BigInt(v) < 2n ** 64n, 'must be a proposal number'),
});

export const multisigStepBody = z.object({
  step: z.enum(['approve', 'execute'], { error: 'must be approve or execute' }),
  tx_hash: z.string({ error: 'is required' }).regex(/^[0-9a-fA-F]{64}$/, 'must be a transaction hash (64 hex digits)').transform((h) => h.toLowerCase()),
  signer: z.string({ error: 'is required' }).regex(/^G[A-Z2-7]{55}$/, 'must be a Stellar account (G…)'),
});
