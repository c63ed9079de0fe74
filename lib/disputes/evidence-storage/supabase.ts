import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { HttpProblem } from '@/lib/http/problem';
import { logger } from '@/lib/log/logger';
import type { UploadedFile } from '@/lib/disputes/evidence';
import { checkedBytes, checkedRead, storageUnavailable, type EvidenceRef, type EvidenceStorage, type StoredFile } from './port';

// Supabase Storage through supabase-js's storage client (its REST API: upload, download, sign,
// remove), as service_role, in a private bucket. Objects are written once (no upsert) under a
// fresh key, so an object is never replaced behind its row's hash.

type StorageError = { status?: number; statusCode?: string | number; message: string };

const LIST_PAGE = 1000;
const EXTENSIONS = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' } as const;

export class SupabaseEvidenceStorage implements EvidenceStorage {
  readonly backend = 'supabase' as const;
  private readonly bucket: ReturnType<SupabaseClient['storage']['from']>;

  constructor(url: string, serviceRoleKey: string, private readonly bucketName: string, fetchImpl?: typeof fetch) {
    this.bucket = createClient(url, serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: fetchImpl ? { fetch: fetchImpl } : undefined,
    }).storage.from(bucketName);
  }

  async put(file: UploadedFile): Promise<StoredFile> {
    const { bytes, content_type, sha256 } = checkedBytes(file);
    const now = new Date();
    const object = `evidence/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}.${EXTENSIONS[content_type]}`;
    const { error } = await this.bucket.upload(object, bytes, { contentType: content_type, upsert: false, cacheControl: '0' });
    if (error) throw this.unavailable('upload', error);
    return { name: file.name, content_type, size_bytes: bytes.length, sha256, object };
  }

  async get(ref: EvidenceRef): Promise<Uint8Array> {
    // rows written before storage was configured keep their bytes inline
    if (ref.storage_object === null) return checkedRead(ref, new Uint8Array(Buffer.from(ref.content ?? '', 'base64')));
    const { data, error } = await this.bucket.download(ref.storage_object);
    if (error) {
      if (notFound(error)) {
        throw new HttpProblem(502, 'This evidence file is missing from storage; it was recorded but cannot be read.', [{ field: 'evidenceId', message: 'the stored object is missing' }]);
      }
      throw this.unavailable('download', error);
    }
    return checkedRead(ref, new Uint8Array(await data.arrayBuffer()));
  }

  async signedReadUrl(ref: EvidenceRef, opts: { expiresIn: number; downloadName: string }): Promise<string | null> {
    if (ref.storage_object === null) return null;
    const { data, error } = await this.bucket.createSignedUrl(ref.storage_object, opts.expiresIn, { download: opts.downloadName });
    if (error) throw this.unavailable('signing a URL', error);
    return data.signedUrl;
  }

  async delete(files: Pick<StoredFile, 'object'>[]): Promise<void> {
    const objects = files.map((f) => f.object).filter((o): o is string => !!o);
    if (objects.length === 0) return;
    const { error } = await this.bucket.remove(objects);
    if (error) throw this.unavailable('delete', error);
  }

  async list(prefix: string): Promise<{ object: string; created_at: string }[]> {
    const out: { object: string; created_at: string }[] = [];
    for (let offset = 0; ; offset += LIST_PAGE) {
      const { data, error } = await this.bucket.list(prefix, { limit: LIST_PAGE, offset, sortBy: { column: 'name', order: 'asc' } });
      if (error) throw this.unavailable('list', error);
      // folders come back as entries without an id
      for (const e of data) if (e.id && e.created_at) out.push({ object: `${prefix}/${e.name}`, created_at: e.created_at });
      if (data.length < LIST_PAGE) return out;
    }
  }

  private unavailable(operation: string, error: StorageError): HttpProblem {
    logger.warn({ bucket: this.bucketName, operation, status: error.status ?? error.statusCode, err: error.message }, 'evidence storage failed');
    return storageUnavailable(operation);
  }
}

const notFound = (e: StorageError) => e.status === 404 || String(e.statusCode) === '404' || /not.?found/i.test(e.message);
