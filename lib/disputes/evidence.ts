import { HttpProblem, type FieldError } from '@/lib/http/problem';

// Evidence files from a multipart form: at most 5, each ≤ 5 MB, PDF, PNG or JPEG judged by the
// first bytes (the name and the browser's type claim nothing). The database checks the same
// again (traqora.evidence_type); this answers early, naming files[i], before anything is sent on.

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The kinds of file evidence may be (the GET of one answers its bytes with this type). */
export const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const SIGNATURES: [EvidenceType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

export function sniffEvidence(bytes: Uint8Array): EvidenceType | null {
  for (const [type, sig] of SIGNATURES) if (sig.every((b, i) => bytes[i] === b)) return type;
  return null;
}

export interface UploadedFile {
  name: string;
  /** base64, as the database function takes it */
  content: string;
}

/** The `files` entries of a form, checked; `required` refuses an empty list. */
export async function evidenceFromForm(form: FormData, required: boolean): Promise<UploadedFile[]> {
  const entries = form.getAll('files').filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && f.size > 0);
  if (required && entries.length === 0) throw invalid([{ field: 'files', message: 'add at least one file' }]);
  if (entries.length > MAX_FILES) throw invalid([{ field: 'files', message: `at most ${MAX_FILES} files` }]);
  const out: UploadedFile[] = [];
  for (const [i, f] of entries.entries()) {
    if (f.size > MAX_FILE_BYTES) throw invalid([{ field: `files[${i}]`, message: 'is larger than 5 MB' }]);
    const bytes = new Uint8Array(await f.arrayBuffer());
    if (!sniffEvidence(bytes)) throw invalid([{ field: `files[${i}]`, message: 'is not a PDF, PNG or JPEG (judged by its content)' }]);
    out.push({ name: (f.name || `evidence-${i + 1}`).slice(0, 200), content: Buffer.from(bytes).toString('base64') });
  }
  return out;
}

const invalid = (errors: FieldError[]) => new HttpProblem(422, 'Some files cannot be accepted.', errors);

/** Reads a multipart body, or answers 415/400 problems. */
export async function multipart(req: Request): Promise<FormData> {
  if (!(req.headers.get('content-type') ?? '').includes('multipart/form-data')) {
    throw new HttpProblem(415, 'Send the dispute as multipart/form-data (reason and files).', [{ field: 'body', message: 'must be multipart/form-data' }]);
  }
  try {
    return await req.formData();
  } catch {
    throw new HttpProblem(400, 'The multipart body could not be read.', [{ field: 'body', message: 'is malformed' }]);
  }
}
