import { can } from '@/lib/admin/permissions';
import { getEvidence } from '@/lib/disputes/desk';
import { evidenceParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';

export const dynamic = 'force-dynamic';

// One evidence file's bytes, for the dispute's traveller, its jurors and support only. Served as
// an attachment with its detected type and nosniff, never rendered inline from our origin.
export const GET = handler({ name: 'disputes.evidence.get', auth: 'signed-in', params: evidenceParams }, async ({ viewer, params }) => {
  const file = await getEvidence(viewer.id, params.evidenceId, can(viewer, 'disputes.manage'));
  if (file.dispute_id !== params.id) throw new HttpProblem(404, 'No evidence you can see with that id.', [{ field: 'evidenceId', message: 'not found' }]);
  return new Response(Buffer.from(file.content, 'base64'), {
    headers: {
      'content-type': file.content_type,
      'content-length': String(file.size_bytes),
      'content-disposition': `attachment; filename="${file.file_name.replace(/[^\w.\- ]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      etag: `"${file.sha256}"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
