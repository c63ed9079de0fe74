import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseProblem } from '@/lib/db/port';
import { SupabaseDatabase } from '@/lib/db/supabase-driver';

// A local stand-in for Supabase's PostgREST at the network edge: it records what supabase-js
// sends and answers the way PostgREST does (JSON body; errors as {code, message, details}).
let server: Server;
let url: string;
const seen: { method: string; path: string; headers: IncomingMessage['headers']; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    seen.push({ method: req.method!, path: req.url!, headers: req.headers, body: raw ? JSON.parse(raw) : null });
    if (req.url === '/rest/v1/rpc/search_airports') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ iata: 'LHR' }]));
    } else if (req.url === '/rest/v1/rpc/upsert_dev_persona') {
      res.writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 'TQ400', message: 'role must be traveller, operator or admin', details: 'role', hint: null }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'PGRST202', message: 'Could not find the function', details: null }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('SupabaseDatabase', () => {
  const key = 'service-role-key-for-tests-000000';

  it('POSTs named p_ arguments to /rest/v1/rpc/<fn> with the service key', async () => {
    const db = new SupabaseDatabase(url, key);
    expect(await db.call('search_airports', { query: 'lon', limit: 5, skipped: undefined })).toEqual([{ iata: 'LHR' }]);
    const req = seen.at(-1)!;
    expect(req).toMatchObject({ method: 'POST', path: '/rest/v1/rpc/search_airports', body: { p_query: 'lon', p_limit: 5 } });
    expect(req.headers.apikey).toBe(key);
    expect(req.headers.authorization).toBe(`Bearer ${key}`);
  });

  it('maps a function’s problem to the same DatabaseProblem the SQL driver raises', async () => {
    const db = new SupabaseDatabase(url, key);
    const err = await db.call('upsert_dev_persona', { role: 'pilot', name: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseProblem);
    expect(err).toMatchObject({ status: 400, field: 'role' });
  });

  it('surfaces other failures as plain errors (a 500, not a 4xx)', async () => {
    const db = new SupabaseDatabase(url, key);
    const err = (await db.call('missing_fn' as never).catch((e: Error) => e)) as Error;
    expect(err).not.toBeInstanceOf(DatabaseProblem);
    expect(String(err.message)).toMatch(/missing_fn/);
  });
});
