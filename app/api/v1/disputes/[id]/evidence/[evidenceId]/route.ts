import { can } from '@/lib/admin/permissions';
import { readEvidence } from '@/lib/disputes/desk';
import { EVIDENCE_TYPES } from '@/lib/disputes/evidence';
import { evidenceParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// One evidence file's bytes, for the dispute's traveller, its jurors and support only. Served as
// an attachment with its detected type and nosniff, never rendered inline from our origin. The
// bytes come from the row or from Supabase Storage, and are checked against the recorded sha256.
export const GET = handler({ name: 'disputes.evidence.get', auth: 'signed-in', params: evidenceParams, produces: EVIDENCE_TYPES }, async ({ viewer, params }) => {
  const { file, bytes } = await readEvidence(viewer.id, params.id, params.evidenceId, can(viewer, 'disputes.manage'));
  return new Response(Buffer.from(bytes), {
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
