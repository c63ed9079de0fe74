import { createHash } from 'node:crypto';
import { HttpProblem } from '@/lib/http/problem';
import { MAX_FILE_BYTES, sniffEvidence, type EvidenceType, type UploadedFile } from '@/lib/disputes/evidence';

// Where dispute evidence bytes live: a narrow port with two adapters, chosen by configuration
// (./index.ts). `postgres` keeps the bytes in the evidence row, written in the same transaction
// as the row (today's behaviour on PGlite, PostgreSQL and Supabase's database); `supabase` puts
// them in a Supabase Storage bucket before the row is written, and the row keeps the object's
// key. Either way the row keeps the type judged from the bytes, the size and the sha256, and a
// read checks the bytes against that hash.

/** A checked file as the database function takes it: inline bytes or a stored object. */
export interface StoredFile {
  name: string;
  content_type: EvidenceType;
  size_bytes: number;
  sha256: string;
  /** base64 bytes, kept in the row (postgres) */
  content?: string;
  /** the object's key in the bucket (supabase) */
  object?: string;
}

/** What a read needs from the row. */
export interface EvidenceRef {
  sha256: string;
  content: string | null;
  storage_object: string | null;
}

export interface EvidenceStorage {
  readonly backend: 'postgres' | 'supabase';
  /** Judges the bytes (type, size), hashes them, and stores them where this backend keeps them. */
  put(file: UploadedFile): Promise<StoredFile>;
  /** The bytes of a stored file, checked against its recorded sha256. */
  get(ref: EvidenceRef): Promise<Uint8Array>;
  /** A short-lived URL that reads the object directly, or null when the app itself serves the bytes. */
  signedReadUrl(ref: EvidenceRef, opts: { expiresIn: number; downloadName: string }): Promise<string | null>;
  /** Removes stored objects that no row refers to (an upload whose row was not written). */
  delete(files: Pick<StoredFile, 'object'>[]): Promise<void>;
  /** The objects under a folder (`evidence/2026/12`), with when each was written; [] for postgres. */
  list(prefix: string): Promise<{ object: string; created_at: string }[]>;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The port's limits, for every adapter: ≤ 5 MB, not empty, PDF/PNG/JPEG by content. */
export function checkedBytes(file: UploadedFile): { bytes: Uint8Array; content_type: EvidenceType; sha256: string } {
  const bytes = new Uint8Array(Buffer.from(file.content, 'base64'));
  if (bytes.length === 0) throw new HttpProblem(422, 'An evidence file is empty.', [{ field: 'files', message: `${file.name} is empty` }]);
  if (bytes.length > MAX_FILE_BYTES) throw new HttpProblem(422, 'An evidence file is larger than 5 MB.', [{ field: 'files', message: `${file.name} is larger than 5 MB` }]);
  const content_type = sniffEvidence(bytes);
  if (!content_type) throw new HttpProblem(422, 'An evidence file is not a PDF, PNG or JPEG.', [{ field: 'files', message: `${file.name} is not a PDF, PNG or JPEG (judged by its content)` }]);
  return { bytes, content_type, sha256: sha256Hex(bytes) };
}

/** Storage did not answer (or refused): the request can be retried; nothing was written. */
export function storageUnavailable(what: string): HttpProblem {
  return new HttpProblem(503, `Evidence storage is unavailable (${what}); nothing was saved. Try again shortly.`,
    [{ field: 'files', message: 'evidence storage is unavailable: nothing was saved, try again in a moment' }], {}, { 'retry-after': '30' });
}

/** The bytes read back are not the bytes recorded: never serve them. */
export function checkedRead(ref: EvidenceRef, bytes: Uint8Array): Uint8Array {
  if (sha256Hex(bytes) !== ref.sha256) {
    throw new HttpProblem(502, 'The stored evidence file does not match its recorded hash; it was not served.', [{ field: 'evidenceId', message: 'stored bytes differ from the recorded sha256' }]);
  }
  return bytes;
}
