import { HttpProblem } from '@/lib/http/problem';
import type { UploadedFile } from '@/lib/disputes/evidence';
import { checkedBytes, checkedRead, type EvidenceRef, type EvidenceStorage, type StoredFile } from './port';

// The default: the bytes travel to the database function and live in the evidence row, written
// in the row's own transaction (nothing to clean up when it rolls back).
export class PostgresEvidenceStorage implements EvidenceStorage {
  readonly backend = 'postgres' as const;

  async put(file: UploadedFile): Promise<StoredFile> {
    const { bytes, content_type, sha256 } = checkedBytes(file);
    return { name: file.name, content_type, size_bytes: bytes.length, sha256, content: file.content };
  }

  async get(ref: EvidenceRef): Promise<Uint8Array> {
    if (ref.content === null) {
      // a file put in Supabase Storage while it was configured, read after it was switched off
      throw new HttpProblem(503, 'This evidence file is in Supabase Storage, which this deployment no longer has configured (EVIDENCE_STORAGE).',
        [{ field: 'evidenceId', message: 'stored in Supabase Storage' }]);
    }
    return checkedRead(ref, new Uint8Array(Buffer.from(ref.content, 'base64')));
  }

  async signedReadUrl(): Promise<string | null> {
    return null;
  }

  async delete(): Promise<void> {}

  async list(): Promise<{ object: string; created_at: string }[]> {
    return [];
  }
}
