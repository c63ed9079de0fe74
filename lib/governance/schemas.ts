import { z } from 'zod';
import { PROPOSAL_STATES } from './types';
import { SUPPORTS } from './vote-message';

// Input shapes for the governance API and forms (the database checks the same limits again).

const cursorId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'is not a cursor from this list').transform(Number);
const limit = (max: number, dflt: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(dflt);

export const proposalIdParams = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a proposal number').transform(Number),
});

export const proposalsQuery = z.object({
  state: z.enum(PROPOSAL_STATES, { error: `must be one of ${PROPOSAL_STATES.join(', ')}` }).optional(),
  mine: z.enum(['1', 'true']).optional(),
  cursor: cursorId.optional(),
  limit: limit(100, 20),
});

export const votesQuery = z.object({
  sort: z.enum(['power', 'recent'], { error: 'must be power or recent' }).default('power'),
  cursor: z.string().regex(/^[0-9]{1,18}(:[0-9]{1,18})?$/, 'is not a cursor from this list').optional(),
  limit: limit(500, 50),
});

export const pageQuery = z.object({ cursor: cursorId.optional(), limit: limit(100, 20) });
export const delegatesQuery = z.object({
  cursor: z.string().regex(/^[0-9]{1,18}:[0-9a-f-]{36}$/, 'is not a cursor from this list').optional(),
  limit: limit(100, 20),
});

const change = z.object({
  key: z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'must be a governed parameter key'),
  value: z.coerce.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a number'),
});

const proposalFields = z.object({
  kind: z.enum(['signal', 'parameter'], { error: 'must be signal or parameter' }),
  title: z.string({ error: 'is required' }).trim().min(1, 'is required').max(256, 'must be at most 256 characters'),
  body: z.string().max(10_000, 'must be at most 10,000 characters').default(''),
  changes: z.array(change).max(10, 'at most 10 parameters').default([]),
});
const kindsAgree = (v: z.output<typeof proposalFields>, ctx: z.RefinementCtx) => {
  if (v.kind === 'parameter' && v.changes.length === 0) ctx.addIssue({ code: 'custom', path: ['changes'], message: 'a parameter proposal sets at least one parameter' });
  if (v.kind === 'signal' && v.changes.length > 0) ctx.addIssue({ code: 'custom', path: ['changes'], message: 'a signal proposal changes no parameters' });
};

export const createProposalBody = proposalFields.superRefine(kindsAgree);
export type CreateProposalInput = z.output<typeof createProposalBody>;

export const castVoteBody = z.object({
  support: z.enum(SUPPORTS, { error: 'must be for, against or abstain' }),
  reason: z.string().trim().max(5000, 'must be at most 5,000 characters').nullish().transform((r) => r || null),
  address: z.string().regex(/^G[A-Z2-7]{55}$/, 'must be a Stellar account (G…)'),
  message: z.string().min(1, 'is required').max(12_000, 'is too long'),
  signature: z.string().min(1, 'is required').max(200, 'is too long'),
});
export type CastVoteInput = z.output<typeof castVoteBody>;

export const delegateBody = z.object({
  /** A user id; null or absent: back to yourself. */
  delegate: z.uuid('must be an account id').nullish().transform((d) => d ?? null),
});

export const statementBody = z.object({
  statement: z.string().trim().max(2000, 'must be at most 2,000 characters').nullish().transform((s) => s || null),
});

export const distributeBody = z.object({
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(500, 'must be at most 500 characters'),
  recipients: z.array(z.object({
    user_id: z.uuid('must be an account id'),
    amount: z.string().regex(/^\d{1,12}(\.\d{1,7})?$/, 'must be a TRQ amount with at most 7 decimals'),
  })).min(1, 'at least one recipient').max(50, 'at most 50 recipients per batch'),
});

export const advanceClockBody = z.object({
  seconds: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(31_536_000, 'must be at most a year'),
});

export const transferBody = z.object({
  /** The recipient: an account id, or a Stellar wallet (G…) linked to one. */
  to: z.union([z.uuid(), z.string().regex(/^G[A-Z2-7]{55}$/)], { error: 'must be an account id or a linked Stellar account (G…)' }),
  amount: z.string({ error: 'is required' }).regex(/^\d{1,12}(\.\d{1,7})?$/, 'must be a TRQ amount with at most 7 decimals')
    .refine((a) => /[1-9]/.test(a), 'must be more than 0'),
  memo: z.string().trim().max(200, 'must be at most 200 characters').nullish().transform((m) => m || null),
});
export type TransferInput = z.output<typeof transferBody>;

export const chainVoteBody = z.object({
  tx_hash: z.string({ error: 'is required' }).regex(/^[0-9a-fA-F]{64}$/, 'must be a transaction hash (64 hex digits)').transform((h) => h.toLowerCase()),
  address: z.string({ error: 'is required' }).regex(/^G[A-Z2-7]{55}$/, 'must be a Stellar account (G…)'),
});
export type ChainVoteInput = z.output<typeof chainVoteBody>;

/** A proposal made on the governor from the wallet: without tx_hash a check before signing, with it the `propose` transaction to read. */
export const chainProposalBody = proposalFields.extend({
  tx_hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a transaction hash (64 hex digits)').transform((h) => h.toLowerCase()).optional(),
  address: z.string({ error: 'is required' }).regex(/^G[A-Z2-7]{55}$/, 'must be a Stellar account (G…)'),
}).superRefine(kindsAgree);
export type ChainProposalInput = z.output<typeof chainProposalBody>;

/** Cancelling a soroban-rail proposal from the proposer's wallet: without tx_hash a check before signing, with it the `cancel` transaction to read. */
export const chainCancelBody = z.object({
  tx_hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a transaction hash (64 hex digits)').transform((h) => h.toLowerCase()).optional(),
  address: z.string({ error: 'is required' }).regex(/^G[A-Z2-7]{55}$/, 'must be a Stellar account (G…)'),
});
export type ChainCancelInput = z.output<typeof chainCancelBody>;

export const chainMovementsQuery = z.object({
  address: z.string({ error: 'is required' }).regex(/^G[A-Z2-7]{55}$/, 'must be a Stellar account (G…)'),
  cursor: z.string().regex(/^[0-9]{1,10}:[0-9]{1,20}-[0-9]{1,10}$/, 'is not a cursor from this list').optional(),
  limit: limit(100, 20),
});
