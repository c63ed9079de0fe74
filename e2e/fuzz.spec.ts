import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { apiRoutePatterns } from '@/lib/http/route-table';
import { mintClerkToken } from './support/clerk';
import { E2E_ADMIN_CLERK_ID, E2E_BASE_URL, E2E_CHAIN_BASE_URL } from './support/server-env.mjs';
import { expect, test } from './support/test';

// Bad input never gets a 5xx, and under /api/v1 every 4xx is an application/problem+json.
// Every route under app/api (read from the tree now, so new routes are covered) is sent
// generated requests: path params that look valid, random unicode and malformed percent-
// encodings; odd query strings; JSON of the wrong shape, invalid JSON, huge and empty bodies
// under every content type; garbage or real session credentials; every method.
// A failure prints the request to replay and fast-check's seed and path; rerun one with
// FUZZ_SEED=<seed> (and FUZZ_RUNS) to get the same requests.

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const appDir = path.join(process.cwd(), 'app');

interface Route { pattern: string; methods: string[] }

/** Each route pattern and the methods its file really implements (the rest answer 405). */
function routes(): Route[] {
  return apiRoutePatterns(appDir).map((pattern) => {
    const source = readFileSync(path.join(appDir, pattern, 'route.ts'), 'utf8');
    const own = [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b|\bas (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? m[2]);
    return { pattern, methods: own.length ? own : ['GET'] };
  });
}

interface FuzzRequest { method: string; path: string; headers: Record<string, string>; body?: string }

const malformedPercent = fc.constantFrom('%', '%E0%A4%A', '%ED%A0%80', '%ZZ', '%C0%AF', '%FF', '%00', '%2', '%%', '%u0041');
// Well formed (no lone surrogates), so encodeURIComponent can encode it.
const unicode = fc.string({ unit: 'binary', maxLength: 24 }).map((s) => s.toWellFormed());
const segment = fc.oneof(
  fc.constantFrom('ABC123', 'TQ7XK2', 'BA', 'ZZ', 'x', '0', '-1', 'null', 'undefined', '..', '.', 'offer.v1.abc', '0f8c6d1e-4b7a-4c2e-9d3f-5a6b7c8d9e0f', 'extend-schedule', 'nope'),
  fc.stringMatching(/^[A-Z0-9]{6}$/),
  unicode.filter((s) => s.length > 0).map(encodeURIComponent),
  fc.tuple(unicode.map(encodeURIComponent), malformedPercent, unicode.map(encodeURIComponent)).map(([a, b, c]) => a + b + c),
  fc.string({ minLength: 300, maxLength: 2500, unit: 'grapheme-ascii' }).map(encodeURIComponent),
);

function pathFor(pattern: string): fc.Arbitrary<string> {
  const parts = pattern.split('/').slice(1).map((p) =>
    /^\[\.\.\./.test(p) ? fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'))
      : /^\[/.test(p) ? segment
        : fc.constant(p));
  return fc.tuple(...parts).map((s) => '/' + s.join('/'));
}

const queryKeys = fc.constantFrom('q', 'limit', 'from', 'to', 'date', 'return_date', 'adults', 'children', 'infants', 'cabin', 'cursor', 'sort', 'stops', 'account', 'home_domain', 'client_domain', 'memo', 'max_price', 'airlines');
// Edges of the types behind the fields: dates PostgreSQL or Date cannot hold, integers past int4.
const edgeDate = fc.constantFrom('0000-01-01', '0001-01-01', '1970-01-01', '1999-02-30', '2024-02-29', '2030-01-01', '9999-12-31', '+275760-09-13', '-000001-01-01', '2030-13-01', '2030-1-1');
const edgeNumber = fc.constantFrom('0', '-1', '1.5', '1e999', 'NaN', 'Infinity', '2147483648', '9007199254740993', '99999999999999999999999', '0x10', ' 1 ');
const queryValue = fc.oneof(unicode, fc.integer().map(String), edgeDate, edgeNumber, fc.constantFrom('', 'LHR', 'JFK', 'economy', 'GAAAA'), malformedPercent);
const query = fc.option(fc.array(fc.tuple(fc.oneof(queryKeys, unicode), queryValue), { maxLength: 5 }).map((pairs) =>
  '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v.startsWith('%') ? v : encodeURIComponent(v)}`).join('&')), { nil: '' });

const fieldNames = fc.constantFrom('offer_id', 'passengers', 'contact', 'transaction', 'payer', 'quote_id', 'account', 'role', 'reason', 'fare_family', 'seats', 'email', 'destination', 'tx_hash', 'signed_xdr');
// Roughly the shape of a booking, a payment or a cancellation, with edge values inside.
const edgeValue = fc.oneof(edgeDate, edgeNumber, unicode, fc.jsonValue({ maxDepth: 1 }), edgeNumber.map(Number));
const nearlyValid = fc.record({
  offer_id: fc.oneof(fc.constant('offer.v1.abc'), unicode),
  fare_family: fc.constantFrom('basic', 'standard', 'flex', 'first', ''),
  passengers: fc.array(fc.record({
    type: fc.constantFrom('adult', 'child', 'infant', 'alien'), given_name: edgeValue, family_name: edgeValue, date_of_birth: edgeValue,
    document: fc.record({ type: fc.constantFrom('passport', 'id'), number: edgeValue, issuing_country: edgeValue, expires_on: edgeValue }),
  }, { requiredKeys: [] }), { maxLength: 3 }),
  contact: fc.record({ email: edgeValue, phone: edgeValue }, { requiredKeys: [] }),
  quote_id: fc.oneof(fc.uuid(), edgeValue), tx_hash: edgeValue, payer: edgeValue, address: edgeValue, role: edgeValue, transaction: edgeValue,
}, { requiredKeys: [] }).map((o) => JSON.stringify(o));
const jsonBody = fc.oneof(
  fc.json({ maxDepth: 3 }),
  nearlyValid,
  fc.dictionary(fieldNames, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }).map((o) => JSON.stringify(o)),
  fc.constantFrom('', '{', '[', 'null', '""', '{"__proto__":{"x":1}}', '{"passengers":[{}],"contact":{}}', 'true'),
  unicode,
  fc.constant('{"a":"' + 'x'.repeat(300 * 1024) + '"}'),
);
const contentType = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'application/problem+json', 'application/x-www-form-urlencoded',
  'multipart/form-data', 'multipart/form-data; boundary=fuzz', 'text/plain', 'application/xml', 'garbage/;;', undefined,
);

const token = () => mintClerkToken('user_fuzz');
const adminToken = () => mintClerkToken(E2E_ADMIN_CLERK_ID);
const credentials = fc.constantFrom<Record<string, string>>(
  {},
  { cookie: '__session=garbage; __client_uat=1' },
  { cookie: '__session=a.b.c; __client_uat=9999999999' },
  { cookie: 'tq_session=garbage' },
  { cookie: 'tq_session=eyJhbGciOiJIUzI1NiJ9.e30.AAAA' },
  { cookie: `__session=${'x'.repeat(3000)}` },
  { authorization: 'Bearer garbage' },
  { authorization: 'Basic Zm9vOmJhcg==' },
  { authorization: `Bearer ${token()}` },
  { authorization: `Bearer ${adminToken()}` },
);

function request(all: Route[]): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...all).chain((route) => fc.record({
    method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...route.methods) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
    path: pathFor(route.pattern),
    query,
    type: contentType,
    body: fc.option(jsonBody, { nil: undefined }),
    credentials,
    idempotency: fc.option(fc.oneof(fc.uuid(), fc.constantFrom('short', 'x'.repeat(300), 'key with spaces')), { nil: undefined }),
  })).map(({ method, path: p, query: q, type, body, credentials: c, idempotency }) => {
    const headers: Record<string, string> = { ...c };
    if (type) headers['content-type'] = type;
    if (idempotency) headers['idempotency-key'] = idempotency;
    const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
    const r: FuzzRequest = { method, path: p + q, headers, body: hasBody ? body : undefined };
    // fast-check prints counterexamples with this: a replayable line, not a 300 kB body.
    return Object.assign(r, { [fc.toStringMethod]: () => curl('', r) });
  });
}

/** The request as a curl command line, to replay a failure by hand. */
function curl(base: string, r: FuzzRequest): string {
  const h = Object.entries(r.headers).map(([k, v]) => `-H '${k}: ${v.length > 80 ? v.slice(0, 80) + '…' : v}'`).join(' ');
  const body = r.body === undefined ? '' : ` --data-binary '${r.body.length > 200 ? r.body.slice(0, 200) + `…(${r.body.length} chars)` : r.body}'`;
  return `curl -X ${r.method} ${h}${body} '${base}${r.path}'`;
}

async function send(base: string, r: FuzzRequest): Promise<string | null> {
  const res = await fetch(base + r.path, {
    method: r.method, headers: r.headers, redirect: 'manual',
    body: r.body === undefined ? undefined : new TextEncoder().encode(r.body),
    signal: AbortSignal.timeout(30_000),
  });
  const type = res.headers.get('content-type');
  // A live stream (GET /api/v1/events) never ends by itself: its headers are the answer.
  if (type?.startsWith('text/event-stream')) await res.body?.cancel();
  else await res.arrayBuffer();
  if (res.status >= 500) return `answered ${res.status} (${type}): ${curl(base, r)}`;
  if (r.path.startsWith('/api/v1') && res.status >= 400 && type !== 'application/problem+json') {
    return `answered ${res.status} with content-type ${type}, not application/problem+json: ${curl(base, r)}`;
  }
  return null;
}

async function fuzz(base: string, numRuns: number) {
  const all = routes();
  expect(all.length).toBeGreaterThan(20);
  let sent = 0;
  const started = Date.now();
  // Batches of concurrent requests: the server sees parallel traffic, and the run stays short.
  await fc.assert(
    fc.asyncProperty(fc.array(request(all), { minLength: 6, maxLength: 6 }), async (batch) => {
      const failures = (await Promise.all(batch.map((r) => send(base, r)))).filter(Boolean);
      sent += batch.length;
      if (failures.length) throw new Error(failures.join('\n'));
    }),
    { numRuns, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: true },
  );
  console.log(`fuzz ${base}: ${sent} requests over ${all.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const runs = Number(process.env.FUZZ_RUNS ?? 400);

test.describe('fuzzing the API', () => {
  test.setTimeout(240_000);

  // The home page answers once the schedule is seeded; until then every request waits for it.
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    for (const base of [E2E_BASE_URL, E2E_CHAIN_BASE_URL]) await fetch(base + '/', { signal: AbortSignal.timeout(170_000) });
  });

  test('the ledger app never answers bad input with a 5xx', async () => {
    await fuzz(E2E_BASE_URL, runs);
  });

  test('the soroban-rail app never answers bad input with a 5xx', async () => {
    await fuzz(E2E_CHAIN_BASE_URL, Math.ceil(runs / 4));
  });
});

// The cases the outside fuzz run found, each pinned.
test.describe('malformed requests found by fuzzing', () => {
  for (const [url, field] of [
    ['/api/v1/offers/%ED%A0%80', 'params.id'],
    ['/api/v1/bookings/%E0%A4%A/payments', 'params.pnr'],
    ['/api/v1/admin/airlines/%ED%A0%80/payout-account', 'params.iata'],
    ['/api/cron/%ZZ', 'params.job'],
  ] as const) {
    test(`a malformed percent-encoding in ${url} is a 400 naming ${field}, on every method`, async ({ request }) => {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const res = await request.fetch(url, { method });
        expect(res.status(), method).toBe(400);
        expect(res.headers()['content-type']).toBe('application/problem+json');
        expect((await res.json()).errors).toEqual([{ field, message: expect.stringContaining('percent-encoding') }]);
      }
    });
  }

  test('an unknown API path is a 404 problem, even for a multipart POST without a boundary or a malformed segment', async ({ request }) => {
    for (const res of [
      await request.post('/api/v1/nope', { headers: { 'content-type': 'multipart/form-data' }, data: 'x' }),
      await request.get('/api/v1/nope/%E0%A4%A'),
      await request.delete('/api/nope'),
    ]) {
      expect(res.status()).toBe(404);
      expect(res.headers()['content-type']).toBe('application/problem+json');
    }
  });

  test('a method a route does not implement is a 405 problem listing the allowed ones', async ({ request }) => {
    const res = await request.delete('/api/v1/airports?q=lon');
    expect(res.status()).toBe(405);
    expect(res.headers()['content-type']).toBe('application/problem+json');
    expect(res.headers().allow).toBe('GET, HEAD, OPTIONS');
    const options = await request.fetch('/api/v1/bookings', { method: 'OPTIONS' });
    expect(options.status()).toBe(204);
    expect(options.headers().allow).toBe('GET, POST, HEAD, OPTIONS');
  });
});
