'use server';

import { validatedAction } from '@/lib/http/action';
import { createProposal } from '@/lib/governance/proposals';
import { createProposalBody } from '@/lib/governance/schemas';

// The create-proposal form's server action: the same schema and database checks as the API.
export const createProposalAction = validatedAction({ name: 'governance.propose', auth: 'signed-in', schema: createProposalBody }, async (input, viewer) => {
  const p = await createProposal(viewer.id, input);
  return { id: p.id };
});
