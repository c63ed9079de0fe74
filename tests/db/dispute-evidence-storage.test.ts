import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { EvidenceStorage } from '@/lib/disputes/evidence-storage';
import { PostgresEvidenceStorage } from '@/lib/disputes/evidence-storage/postgres';
import { SupabaseEvidenceStorage } from '@/lib/disputes/evidence-storage/supabase';
import { sweepEvidenceObjects } from '@/lib/disputes/evidence-storage/sweep';
import type { Dispute } from '@/lib/disputes/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop } from '@/tests/support/booking-fixtures';
import { JPEG, PDF, PNG, file } from '@/tests/support/dispute-fixtures';
import { paidBooking } from '@/tests/support/loyalty-fixtures';
import { startStorageStandIn, type StorageStandIn } from '@/tests/support/storage-stand-in';

// Dispute evidence in Supabase Storage, through the traveller's routes, against a stand-in of the
// Storage API at the network edge: rows keep the object's key and hash (no bytes), downloads come
// from the bucket checked against the hash, and when storage fails the answer is a 503 problem
// with nothing half-written — every evidence row has its object, and no object is left without
// a row (failed uploads, refused writes and idempotent replays remove what they put).

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown, storage: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));
vi.mock('@/lib/disputes/evidence-storage', async (original) => ({
  ...(await original<typeof import('@/lib/disputes/evidence-storage')>()),
  evidenceStorage: async () => state.storage,
}));

let t: TestDatabase;
let s: StorageStandIn;
let owner: Viewer;
let support: Viewer;
let route: Awaited<ReturnType<typeof nonstop>>;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  s = await startStorageStandIn(['dispute-evidence']);
  state.db = t.db;
  const persona = async (role: string, name: string) => ({ ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role, name })), source: 'dev' }) as Viewer;
  owner = await persona('traveller', 'Storage Disputer');
  support = await persona('support', 'Storage Support');
  route = await nonstop(t, 'JFK', 'LHR');
});
afterAll(async () => { await s?.close(); await t?.close(); });
beforeEach(() => { state.storage = new SupabaseEvidenceStorage(s.url, s.key, 'dispute-evidence') satisfies EvidenceStorage; });

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(path: string, method: string, viewer: Viewer | null, init: { body?: BodyInit; headers?: Record<string, string>; params?: Record<string, string>; url: string }) {
  state.viewer = viewer;
  const mod = (await import(/* @vite-ignore */ `@/app/api/v1/${path}/route`)) as Record<string, Handler>;
  const req = new NextRequest(new URL(init.url, 'http://t.test'), { method, body: init.body, headers: init.headers });
  return mod[method](req, { params: Promise.resolve(init.params ?? {}) });
}
function form(fields: Record<string, string>, files: [string, Buffer][]) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, bytes] of files) f.append('files', new File([new Uint8Array(bytes)], name));
  return f;
}
const reason = 'The airline sold me a seat that did not exist and refused boarding at the gate.';
const open = (pnr: string, key: string, files: [string, Buffer][]) =>
  call('disputes', 'POST', owner, { body: form({ pnr, reason }, files), headers: { 'idempotency-key': key }, url: '/api/v1/disputes' });
const download = (viewer: Viewer, d: Dispute, i: number) => call('disputes/[id]/evidence/[evidenceId]', 'GET', viewer, {
  params: { id: d.id, evidenceId: d.evidence[i].id }, url: `/api/v1/disputes/${d.id}/evidence/${d.evidence[i].id}` });
const addFiles = (d: Dispute, files: [string, Buffer][]) => call('disputes/[id]/evidence', 'POST', owner, {
  body: form({}, files), params: { id: d.id }, url: `/api/v1/disputes/${d.id}/evidence` });

/** Every evidence row stored in the bucket has its object, and every object has its row. */
async function rowsAndObjectsAgree() {
  const rows = await t.sql<{ storage_object: string; sha256: string }>('select storage_object, sha256 from traqora.dispute_evidence where storage_object is not null');
  const objects = [...s.objects.keys()].map((k) => k.replace(/^dispute-evidence\//, '')).sort();
  expect(rows.map((r) => r.storage_object).sort()).toEqual(objects);
  const { createHash } = await import('node:crypto');
  for (const r of rows) expect(createHash('sha256').update(s.objects.get(`dispute-evidence/${r.storage_object}`)!.bytes).digest('hex')).toBe(r.sha256);
  return rows.length;
}
const disputesOn = async (pnr: string) =>
  Number((await t.sql<{ n: string }>('select count(*) as n from traqora.disputes d join traqora.bookings b on b.id = d.booking_id where b.pnr = $1', [pnr]))[0].n);

describe('dispute evidence in Supabase Storage', () => {
  it('opens a dispute with files in the bucket (no bytes in the row), serves them back to the parties, and a replay leaves no stray object', async () => {
    const { pnr } = await paidBooking(t, owner.id, route, 'basic');
    const res = await open(pnr, 'storage-open-1', [['pass.png', PNG], ['receipt.pdf', PDF]]);
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: Dispute };
    expect(data.evidence.map((e) => [e.file_name, e.content_type])).toEqual([['pass.png', 'image/png'], ['receipt.pdf', 'application/pdf']]);
    const rows = await t.sql<{ content: unknown; storage_object: string }>('select content, storage_object from traqora.dispute_evidence where dispute_id = $1 order by seq', [data.id]);
    expect(rows.map((r) => r.content)).toEqual([null, null]);
    expect(rows.every((r) => /^evidence\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.(png|pdf)$/.test(r.storage_object))).toBe(true);
    expect(await rowsAndObjectsAgree()).toBe(2);

    for (const viewer of [owner, support]) {
      const got = await download(viewer, data, 1);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toBe('attachment; filename="receipt.pdf"');
      expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    }

    // the retry uploads again before the database says "replayed": those objects are removed
    const retry = await open(pnr, 'storage-open-1', [['pass.png', PNG], ['receipt.pdf', PDF]]);
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { data: Dispute }).data.id).toBe(data.id);
    expect(await rowsAndObjectsAgree()).toBe(2);

    // more evidence goes to the bucket too
    const added = await addFiles(data, [['photo.jpg', JPEG]]);
    expect(added.status).toBe(201);
    const after = ((await added.json()) as { data: Dispute }).data;
    expect(after.evidence).toHaveLength(3);
    expect(Buffer.from(await (await download(owner, after, 2)).arrayBuffer()).equals(JPEG)).toBe(true);
    expect(await rowsAndObjectsAgree()).toBe(3);
  });

  it('storage down while opening: 503 problem naming files, no dispute and no object; the retry then succeeds', async () => {
    const { pnr } = await paidBooking(t, owner.id, route, 'basic');
    const before = await rowsAndObjectsAgree();
    s.failNext('upload', 1, 503);   // one of the two parallel uploads fails; the other's object is removed
    const res = await open(pnr, 'storage-down-1', [['pass.png', PNG], ['receipt.pdf', PDF]]);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toMatchObject({ status: 503, errors: [{ field: 'files' }] });
    expect(await disputesOn(pnr)).toBe(0);
    expect(await rowsAndObjectsAgree()).toBe(before);

    const again = await open(pnr, 'storage-down-1', [['pass.png', PNG], ['receipt.pdf', PDF]]);
    expect(again.status).toBe(201);
    expect(await disputesOn(pnr)).toBe(1);
    expect(await rowsAndObjectsAgree()).toBe(before + 2);
  });

  it('a write the database refuses after the upload removes the objects (unknown booking, sixth file)', async () => {
    const before = await rowsAndObjectsAgree();
    const unknown = await open('ZZZZZZ', 'storage-refused-1', [['pass.png', PNG]]);
    expect(unknown.status).toBe(404);
    expect(await rowsAndObjectsAgree()).toBe(before);

    const { pnr } = await paidBooking(t, owner.id, route, 'basic');
    const created = await open(pnr, 'storage-refused-2', [['1.png', PNG], ['2.png', PNG], ['3.png', PNG], ['4.png', PNG]]);
    const d = ((await created.json()) as { data: Dispute }).data;
    const sixth = await addFiles(d, [['5.png', PNG], ['6.png', PNG]]);
    expect(sixth.status).toBe(422);
    expect(await sixth.json()).toMatchObject({ errors: [{ field: 'files' }] });
    expect(await rowsAndObjectsAgree()).toBe(before + 4);
  });

  it('adding evidence while storage is down: 503, the dispute unchanged', async () => {
    const { pnr } = await paidBooking(t, owner.id, route, 'basic');
    const d = ((await (await open(pnr, 'storage-add-1', [['1.png', PNG]])).json()) as { data: Dispute }).data;
    await t.db.call('request_dispute_evidence', { ctx: { actor: support.id, role: 'support', reason: null, ip: null, request_id: 'storage' }, id: d.id, message: 'Please add the receipt.' });
    const before = await rowsAndObjectsAgree();
    s.failNext(null, 1, 502);
    const res = await addFiles(d, [['receipt.pdf', PDF]]);
    expect(res.status).toBe(503);
    const now = await t.db.call<Dispute>('get_dispute', { user_id: owner.id, id: d.id });
    expect(now.evidence).toHaveLength(1);
    expect(now.status).toBe('awaiting_evidence');
    expect(await rowsAndObjectsAgree()).toBe(before);
  });

  it('downloads: storage down is a 503, bytes changed in the bucket a 502, never the wrong bytes', async () => {
    const { pnr } = await paidBooking(t, owner.id, route, 'basic');
    const d = ((await (await open(pnr, 'storage-read-1', [['1.png', PNG]])).json()) as { data: Dispute }).data;
    s.failNext('download', 1, 503);
    const down = await download(owner, d, 0);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toBe('application/problem+json');
    const [row] = await t.sql<{ storage_object: string }>('select storage_object from traqora.dispute_evidence where id = $1', [d.evidence[0].id]);
    const stored = s.objects.get(`dispute-evidence/${row.storage_object}`)!;
    const original = stored.bytes;
    stored.bytes = JPEG;
    const tampered = await download(owner, d, 0);
    expect(tampered.status).toBe(502);
    expect(await tampered.json()).toMatchObject({ errors: [{ field: 'evidenceId' }] });
    stored.bytes = original;
    expect((await download(owner, d, 0)).status).toBe(200);
  });

  it('the sweep removes objects older than an hour that no row refers to, and nothing else', async () => {
    const store = state.storage as SupabaseEvidenceStorage;
    const { pnr } = await paidBooking(t, owner.id, route, 'basic');
    expect((await open(pnr, 'storage-sweep-1', [['kept.png', PNG]])).status).toBe(201);
    const before = await rowsAndObjectsAgree();
    // orphans: an upload whose row was never written (e.g. the database failed after it)
    const oldOrphan = await store.put(file('old.png', PNG));
    const youngOrphan = await store.put(file('young.png', PNG));
    const key = (o: string | undefined) => `dispute-evidence/${o}`;
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    s.objects.get(key(oldOrphan.object))!.createdAt = hoursAgo(2);
    // every referenced object made old too: the sweep must keep them
    const [{ storage_object: referenced }] = await t.sql<{ storage_object: string }>('select storage_object from traqora.dispute_evidence where storage_object is not null limit 1');
    s.objects.get(key(referenced))!.createdAt = hoursAgo(3);
    const result = await sweepEvidenceObjects(new Date(), store);
    expect(result.removed).toBe(1);
    expect(result.checked).toBeGreaterThanOrEqual(2);
    expect(s.objects.has(key(oldOrphan.object))).toBe(false);
    expect(s.objects.has(key(youngOrphan.object))).toBe(true);
    expect(s.objects.has(key(referenced))).toBe(true);
    // once it is old, the young orphan goes too, and the rows and objects agree again
    s.objects.get(key(youngOrphan.object))!.createdAt = hoursAgo(2);
    expect((await sweepEvidenceObjects(new Date(), store)).removed).toBe(1);
    expect(await rowsAndObjectsAgree()).toBe(before);
    // storage down: the sweep fails loudly (the job retries next hour) and removes nothing
    s.failNext('list', 2, 503);
    await expect(sweepEvidenceObjects(new Date(), store)).rejects.toMatchObject({ status: 503 });
    expect(await sweepEvidenceObjects(new Date(), new PostgresEvidenceStorage())).toEqual({ checked: 0, removed: 0 });
  });

  it('files kept in the database before storage was configured stay readable, and the database refuses a malformed object reference', async () => {
    const { pnr } = await paidBooking(t, owner.id, route, 'basic');
    state.storage = new PostgresEvidenceStorage();
    const inline = ((await (await open(pnr, 'storage-mixed-1', [['old.png', PNG]])).json()) as { data: Dispute }).data;
    expect((await t.sql<{ storage_object: unknown }>('select storage_object from traqora.dispute_evidence where dispute_id = $1', [inline.id]))[0].storage_object).toBeNull();
    state.storage = new SupabaseEvidenceStorage(s.url, s.key, 'dispute-evidence');
    const got = await download(support, inline, 0);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);

    const stored = { name: 'x.png', object: 'evidence/2026/12/0b7e2a4c-5d1f-4c38-9a6e-2f1d3c4b5a69.png', content_type: 'image/png', size_bytes: 10, sha256: 'a'.repeat(64) };
    for (const bad of [{ ...stored, object: 'evidence/../../etc/passwd.png' }, { ...stored, object: 'other/2026/12/0b7e2a4c-5d1f-4c38-9a6e-2f1d3c4b5a69.png' }, { ...stored, content_type: 'image/gif' }, { ...stored, size_bytes: 6_000_000 }, { ...stored, sha256: 'nope' }, { ...stored, size_bytes: '10' }]) {
      await expect(t.db.call('add_dispute_evidence', { user_id: owner.id, dispute_id: inline.id, files: [bad] })).rejects.toMatchObject({ status: 422, field: 'files[0]' });
    }
    await expect(t.sql("update traqora.dispute_evidence set storage_object = 'evidence/2026/12/0b7e2a4c-5d1f-4c38-9a6e-2f1d3c4b5a69.png' where dispute_id = $1", [inline.id])).rejects.toThrow(/dispute_evidence_one_home/);
  });
});
