import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { historyQuerySchema, loyaltyHistory, loyaltyHistoryRows } from '@/lib/loyalty/account';
import { historyPage } from '@/lib/loyalty/answers';
import { historyCsv } from '@/lib/loyalty/history-csv';

export const dynamic = 'force-dynamic';

// The viewer's points history, newest first, with cursor paging and a kind filter; format=csv
// answers every row (of the kind) as a download.
export const GET = handler({ name: 'loyalty.history', auth: 'signed-in', query: historyQuerySchema, response: historyPage, produces: ['text/csv'] }, async ({ viewer, query }) => {
  if (query.format === 'csv') {
    return new Response(historyCsv(await loyaltyHistoryRows(viewer.id, query.kind)), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="traqora-points${query.kind ? `-${query.kind}` : ''}.csv"` },
    });
  }
  return loyaltyHistory(viewer.id, query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
