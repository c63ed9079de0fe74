import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceStorageFor } from '@/lib/disputes/evidence-storage';
import type { EvidenceStorage, StoredFile } from '@/lib/disputes/evidence-storage';
import { PostgresEvidenceStorage } from '@/lib/disputes/evidence-storage/postgres';
import { SupabaseEvidenceStorage } from '@/lib/disputes/evidence-storage/supabase';
import { parseEnv } from '@/lib/config/env';
import { JPEG, PDF, PNG, file } from '@/tests/support/dispute-fixtures';
import { startStorageStandIn, type StorageStandIn } from '@/tests/support/storage-stand-in';

// The evidence storage port's two adapters: the database row (default) and Supabase Storage
// through supabase-js against a stand-in of its REST API, with the port's limits (type by
// content, ≤ 5 MB), the content hash checked on every read, and storage failures as 503 problems.

let s: StorageStandIn;
let store: EvidenceStorage;
beforeAll(async () => {
  s = await startStorageStandIn(['dispute-evidence']);
  store = new SupabaseEvidenceStorage(s.url, s.key, 'dispute-evidence');
});
afterAll(async () => { await s?.close(); });

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ref = (f: StoredFile) => ({ sha256: f.sha256, content: f.content ?? null, storage_object: f.object ?? null });

describe('Supabase Storage adapter', () => {
  it('puts the bytes under a fresh key with the type judged from them, and reads them back', async () => {
    const stored = await store.put(file('ticket.pdf', PDF));
    expect(stored).toMatchObject({ name: 'ticket.pdf', content_type: 'application/pdf', size_bytes: PDF.length, sha256: sha(PDF) });
    expect(stored.content).toBeUndefined();
    expect(stored.object).toMatch(/^evidence\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.pdf$/);
    const object = s.objects.get(`dispute-evidence/${stored.object}`)!;
    expect(object.contentType).toBe('application/pdf');
    expect(Buffer.compare(object.bytes, PDF)).toBe(0);
    expect(Buffer.compare(Buffer.from(await store.get(ref(stored))), PDF)).toBe(0);
    // the same file twice is two objects: nothing is overwritten behind a row's hash
    const again = await store.put(file('ticket.pdf', PDF));
    expect(again.object).not.toBe(stored.object);
  });

  it('refuses what the port refuses before anything is sent: a GIF named .png, an empty file, over 5 MB', async () => {
    const before = s.requests.length;
    await expect(store.put(file('x.png', Buffer.from('GIF89a....')))).rejects.toMatchObject({ status: 422, errors: [{ field: 'files' }] });
    await expect(store.put(file('e.pdf', Buffer.alloc(0)))).rejects.toMatchObject({ status: 422 });
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    await expect(store.put(file('big.pdf', big))).rejects.toMatchObject({ status: 422 });
    expect(s.requests.length).toBe(before);
  });

  it('a signed read URL serves the object without the key, as an attachment, and only that object', async () => {
    const stored = await store.put(file('photo.jpg', JPEG));
    const url = await store.signedReadUrl(ref(stored), { expiresIn: 60, downloadName: 'photo.jpg' });
    expect(url).toMatch(new RegExp(`^${s.url}/storage/v1/object/sign/dispute-evidence/evidence/`));
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toContain('photo.jpg');
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), JPEG)).toBe(0);
    const forged = new URL(url!);
    forged.searchParams.set('token', 'not-a-token');
    expect((await fetch(forged)).status).toBe(400);
    // inline rows have no object: the app serves those itself
    expect(await store.signedReadUrl({ sha256: sha(PNG), content: PNG.toString('base64'), storage_object: null }, { expiresIn: 60, downloadName: 'a.png' })).toBeNull();
  });

  it('delete removes the objects; a read of a removed object is a 502 naming it missing', async () => {
    const a = await store.put(file('a.png', PNG));
    const b = await store.put(file('b.pdf', PDF));
    await store.delete([a, b]);
    expect(s.objects.has(`dispute-evidence/${a.object}`)).toBe(false);
    expect(s.objects.has(`dispute-evidence/${b.object}`)).toBe(false);
    await expect(store.get(ref(a))).rejects.toMatchObject({ status: 502, message: expect.stringContaining('missing') });
  });

  it('lists one month\'s folder with each object\'s time, across pages, folders left out', async () => {
    const a = await store.put(file('a.png', PNG));
    const b = await store.put(file('b.pdf', PDF));
    const folder = a.object!.split('/').slice(0, 3).join('/');
    const listed = await store.list(folder);
    expect(listed.map((o) => o.object)).toEqual(expect.arrayContaining([a.object, b.object]));
    expect(listed.every((o) => o.object.startsWith(`${folder}/`) && !Number.isNaN(Date.parse(o.created_at)))).toBe(true);
    expect((await store.list('evidence')).map((o) => o.object)).toEqual([]);   // only folders there
    s.failNext('list', 1, 503);
    await expect(store.list(folder)).rejects.toMatchObject({ status: 503 });
  });

  it('bytes changed in the bucket behind the row are never served (502)', async () => {
    const stored = await store.put(file('pass.png', PNG));
    s.objects.get(`dispute-evidence/${stored.object}`)!.bytes = Buffer.concat([PNG, Buffer.from('x')]);
    await expect(store.get(ref(stored))).rejects.toMatchObject({ status: 502, message: expect.stringContaining('hash') });
  });

  it('storage answering 5xx, a wrong key, a missing bucket or no server at all: 503 with Retry-After', async () => {
    s.failNext('upload', 1, 503);
    await expect(store.put(file('a.png', PNG))).rejects.toMatchObject({ status: 503, headers: { 'retry-after': '30' }, errors: [{ field: 'files' }] });
    const stored = await store.put(file('a.png', PNG));
    s.failNext('download', 1, 500);
    await expect(store.get(ref(stored))).rejects.toMatchObject({ status: 503 });
    s.failNext('remove', 1, 503);
    await expect(store.delete([stored])).rejects.toMatchObject({ status: 503 });
    expect(s.objects.has(`dispute-evidence/${stored.object}`)).toBe(true);

    await expect(new SupabaseEvidenceStorage(s.url, 'wrong-key-wrong-key-wrong', 'dispute-evidence').put(file('a.png', PNG))).rejects.toMatchObject({ status: 503 });
    await expect(new SupabaseEvidenceStorage(s.url, s.key, 'no-such-bucket').put(file('a.png', PNG))).rejects.toMatchObject({ status: 503 });
    await expect(new SupabaseEvidenceStorage('http://127.0.0.1:9', s.key, 'dispute-evidence').put(file('a.png', PNG))).rejects.toMatchObject({ status: 503 });
  });
});

describe('Postgres adapter (the default)', () => {
  it('keeps the bytes inline for the row, checks the same limits, and reads inline bytes against their hash', async () => {
    const pg = new PostgresEvidenceStorage();
    const stored = await pg.put(file('p.png', PNG));
    expect(stored).toEqual({ name: 'p.png', content_type: 'image/png', size_bytes: PNG.length, sha256: sha(PNG), content: PNG.toString('base64') });
    expect(Buffer.compare(Buffer.from(await pg.get(ref(stored))), PNG)).toBe(0);
    await expect(pg.get({ ...ref(stored), sha256: sha(PDF) })).rejects.toMatchObject({ status: 502 });
    await expect(pg.put(file('x.pdf', Buffer.from('GIF89a')))).rejects.toMatchObject({ status: 422 });
    // a row whose bytes are in a bucket, after storage was switched off
    await expect(pg.get({ sha256: sha(PNG), content: null, storage_object: 'evidence/2026/12/x.png' })).rejects.toMatchObject({ status: 503 });
    expect(await pg.signedReadUrl()).toBeNull();
  });
});

describe('configuration', () => {
  it('EVIDENCE_STORAGE chooses the adapter; supabase needs the Supabase URL and key', async () => {
    expect((await evidenceStorageFor(parseEnv({}))).backend).toBe('postgres');
    const env = parseEnv({ EVIDENCE_STORAGE: 'supabase', SUPABASE_URL: s.url, SUPABASE_SERVICE_ROLE_KEY: s.key, EVIDENCE_STORAGE_BUCKET: 'dispute-evidence' });
    const chosen = await evidenceStorageFor(env);
    expect(chosen.backend).toBe('supabase');
    const stored = await chosen.put(file('c.png', PNG));
    expect(s.objects.has(`dispute-evidence/${stored.object}`)).toBe(true);
    expect(() => parseEnv({ EVIDENCE_STORAGE: 'supabase' })).toThrow(/EVIDENCE_STORAGE/);
    expect(() => parseEnv({ EVIDENCE_STORAGE: 's3' })).toThrow(/EVIDENCE_STORAGE must be postgres or supabase/);
    expect(() => parseEnv({ EVIDENCE_STORAGE_BUCKET: 'Bad Bucket' })).toThrow(/EVIDENCE_STORAGE_BUCKET/);
  });
});
