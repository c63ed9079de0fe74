import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { Dispute } from '@/lib/disputes/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop } from '@/tests/support/booking-fixtures';
import { PDF, PNG } from '@/tests/support/dispute-fixtures';
import { paidBooking } from '@/tests/support/loyalty-fixtures';

// The traveller's disputes API through its route handlers: multipart with evidence judged by its
// bytes, the Idempotency-Key, problems naming the field, and evidence only for the parties.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let owner: Viewer;
let stranger: Viewer;
let pnr: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  state.db = t.db;
  const persona = async (name: string) => ({ ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name })), source: 'dev' }) as Viewer;
  owner = await persona('Api Disputer');
  stranger = await persona('Api Stranger');
  pnr = (await paidBooking(t, owner.id, await nonstop(t, 'JFK', 'LHR'), 'basic')).pnr;
});
afterAll(async () => { await t?.close(); });

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(route: string, method: string, viewer: Viewer | null, init: { body?: BodyInit; headers?: Record<string, string>; params?: Record<string, string>; url?: string } = {}) {
  state.viewer = viewer;
  const mod = (await import(/* @vite-ignore */ `@/app/api/v1/${route}/route`)) as Record<string, Handler>;
  const req = new NextRequest(new URL(init.url ?? `/api/v1/${route}`, 'http://t.test'), { method, body: init.body, headers: init.headers });
  return mod[method](req, { params: Promise.resolve(init.params ?? {}) });
}
function form(fields: Record<string, string>, files: [string, Buffer, string][]) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, bytes, type] of files) f.append('files', new File([new Uint8Array(bytes)], name, { type }));
  return f;
}
const reason = 'The airline changed my seat class without asking and would not refund the difference.';

describe('disputes API', () => {
  it('opens a dispute from multipart once per Idempotency-Key, refusing bad input with problems naming the field', async () => {
    const good = () => form({ pnr, reason }, [['pass.png', PNG, 'image/png'], ['receipt.pdf', PDF, 'application/pdf']]);
    expect((await call('disputes', 'POST', null, { body: good(), headers: { 'idempotency-key': 'dispute-api-1' } })).status).toBe(401);
    const noKey = await call('disputes', 'POST', owner, { body: good() });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
    const json = await call('disputes', 'POST', owner, { body: JSON.stringify({ pnr, reason }), headers: { 'idempotency-key': 'dispute-api-1', 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    // the browser says image/png, the bytes say GIF
    const gif = await call('disputes', 'POST', owner, { body: form({ pnr, reason }, [['x.png', Buffer.from('GIF89a....'), 'image/png']]), headers: { 'idempotency-key': 'dispute-api-1' } });
    expect(gif.status).toBe(422);
    expect(gif.headers.get('content-type')).toBe('application/problem+json');
    expect(await gif.json()).toMatchObject({ errors: [{ field: 'files[0]' }] });
    const short = await call('disputes', 'POST', owner, { body: form({ pnr, reason: 'bad' }, []), headers: { 'idempotency-key': 'dispute-api-1' } });
    expect(await short.json()).toMatchObject({ status: 400, errors: [{ field: 'reason' }] });

    const created = await call('disputes', 'POST', owner, { body: good(), headers: { 'idempotency-key': 'dispute-api-1' } });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: Dispute };
    expect(data.evidence.map((e) => e.content_type)).toEqual(['image/png', 'application/pdf']);
    const retry = await call('disputes', 'POST', owner, { body: good(), headers: { 'idempotency-key': 'dispute-api-1' } });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { data: Dispute }).data.id).toBe(data.id);
    const second = await call('disputes', 'POST', owner, { body: good(), headers: { 'idempotency-key': 'dispute-api-2' } });
    expect(second.status).toBe(409);

    // listed for the owner only, with a cursor field
    const mine = (await (await call('disputes', 'GET', owner)).json()) as { data: { id: string }[]; nextCursor: string | null };
    expect(mine.data.map((d) => d.id)).toEqual([data.id]);
    expect(mine.nextCursor).toBeNull();
    expect(((await (await call('disputes', 'GET', stranger)).json()) as { data: unknown[] }).data).toEqual([]);

    // evidence: the bytes back, as an attachment, for the owner; 404 for anyone else
    const params = { id: data.id, evidenceId: data.evidence[0].id };
    const file = await call('disputes/[id]/evidence/[evidenceId]', 'GET', owner, { params, url: `/api/v1/disputes/${data.id}/evidence/${data.evidence[0].id}` });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    const denied = await call('disputes/[id]/evidence/[evidenceId]', 'GET', stranger, { params, url: `/api/v1/disputes/${data.id}/evidence/${data.evidence[0].id}` });
    expect(denied.status).toBe(404);
    expect((await call('disputes/[id]', 'GET', stranger, { params: { id: data.id }, url: `/api/v1/disputes/${data.id}` })).status).toBe(404);
    // a malformed id is a 404 naming the path parameter, as for every route (lib/http/guard.ts)
    expect((await call('disputes/[id]', 'GET', owner, { params: { id: 'nope' }, url: '/api/v1/disputes/nope' })).status).toBe(404);
  });
});
