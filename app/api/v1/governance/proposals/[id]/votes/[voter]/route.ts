import { z } from 'zod';
import { voteReceipt as voteReceiptAnswer } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { voteReceipt } from '@/lib/governance/proposals';

export const dynamic = 'force-dynamic';

const params = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a proposal number').transform(Number),
  voter: z.uuid('must be an account id'),
});

// A vote's receipt: the signed message, signature and account, for anyone to verify
// (docs/governance.md). ?download=1 answers it as a file.
export const GET = handler({ name: 'governance.receipt', params, query: z.object({ download: z.enum(['1']).optional() }), response: voteReceiptAnswer }, async ({ params: p, query }) => {
  const receipt = await voteReceipt(p.id, p.voter);
  const headers: Record<string, string> = {};
  if (query.download) headers['content-disposition'] = `attachment; filename="traqora-vote-${p.id}-${receipt.address.slice(0, 8)}.json"`;
  return Response.json(receipt, { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
