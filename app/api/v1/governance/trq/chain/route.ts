import { chainTrq } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainTrqAccounts } from '@/lib/governance/soroban/trq-chain';

export const dynamic = 'force-dynamic';

// The viewer's linked wallets' TRQ on the soroban rail, read from the trq contract by simulation.
export const GET = handler({ name: 'governance.trq_chain', auth: 'signed-in', response: chainTrq }, async ({ viewer }) => chainTrqAccounts(viewer.wallets));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
