import { FileTextIcon } from 'lucide-react';
import type { EvidenceFile } from '@/lib/disputes/types';

/**
 * Support's evidence viewer: images shown inline (an <img> renders the bytes whatever the
 * attachment disposition says, and cannot run script), PDFs as download links with their hash.
 */
export function EvidenceViewer({ disputeId, files }: { disputeId: string; files: EvidenceFile[] }) {
  if (files.length === 0) return <p className="text-sm text-muted-foreground">The traveller sent no files.</p>;
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {files.map((f) => {
        const url = `/api/v1/disputes/${disputeId}/evidence/${f.id}`;
        return (
          <li key={f.id} className="flex flex-col gap-2 rounded-xl border bg-card p-3 text-sm">
            {f.content_type === 'application/pdf' ? (
              <div className="flex h-40 items-center justify-center rounded-lg bg-muted">
                <FileTextIcon className="size-10 text-muted-foreground" aria-hidden="true" />
              </div>
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- private, per-request bytes: nothing for the image optimiser to cache
              <img src={url} alt={`Evidence: ${f.file_name}`} className="h-40 w-full rounded-lg bg-muted object-contain" />
            )}
            <a href={url} download={f.file_name} className="truncate font-medium text-primary underline-offset-4 hover:underline">{f.file_name}</a>
            <span className="text-xs text-muted-foreground">
              {f.content_type} · {Math.max(1, Math.round(f.size_bytes / 1024))} KB · sha256 <span className="font-mono">{f.sha256.slice(0, 12)}…</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
