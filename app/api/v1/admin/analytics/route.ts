import { analytics } from '@/lib/admin/analytics';
import { analytics as analyticsAnswer } from '@/lib/admin/answers';
import { requirePermission } from '@/lib/admin/permissions';
import { analyticsQuery } from '@/lib/admin/query';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';

export const dynamic = 'force-dynamic';

// The overview's time series (?from&to&interval=day|week|month) with the previous period's totals.
export const GET = handler({ name: 'admin.analytics', auth: 'signed-in', query: analyticsQuery, response: dataOf(analyticsAnswer) }, async ({ viewer, query }) => {
  requirePermission(viewer, 'analytics.read');
  return { data: await analytics(query) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
