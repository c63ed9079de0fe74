import { FileTextIcon, ImageIcon } from 'lucide-react';
import type { EvidenceFile } from '@/lib/disputes/types';

const KB = 1024;
const size = (n: number) => (n >= KB * KB ? `${(n / KB / KB).toFixed(1)} MB` : `${Math.max(1, Math.round(n / KB))} KB`);
const KIND: Record<EvidenceFile['content_type'], string> = { 'application/pdf': 'PDF', 'image/png': 'PNG image', 'image/jpeg': 'JPEG image' };

/** A dispute's evidence files as download links (the API serves them to its parties, jurors and support). */
export function EvidenceList({ disputeId, files }: { disputeId: string; files: EvidenceFile[] }) {
  if (files.length === 0) return <p className="text-sm text-muted-foreground">No files.</p>;
  return (
    <ul className="flex flex-col gap-2" aria-label="Evidence files">
      {files.map((f) => {
        const Icon = f.content_type === 'application/pdf' ? FileTextIcon : ImageIcon;
        return (
          <li key={f.id} className="flex items-center gap-2 text-sm">
            <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <a href={`/api/v1/disputes/${disputeId}/evidence/${f.id}`} className="truncate text-primary underline-offset-4 hover:underline" download={f.file_name}>
              {f.file_name}
            </a>
            <span className="shrink-0 text-xs text-muted-foreground">
              {KIND[f.content_type]} · {size(f.size_bytes)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
