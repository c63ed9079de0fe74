import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiFlight } from '@/lib/flight-status/flight-data';

// A stand-in for a commercial flight-data API (AeroAPI-shaped): `GET /flights/{ident}` with an
// `x-apikey` header answers the flights it was given for that designator, 401 for a wrong key,
// 404 for an unknown designator. It can be told to fail the next requests with a status (the
// circuit breaker's tests) and records every request.

export interface FlightDataStandIn {
  url: string;
  requests: { path: string; apiKey: string | undefined }[];
  /** The flights answered for a designator ("BA117"). */
  set(ident: string, flights: ApiFlight[]): void;
  /** The next `count` requests answer `status` (e.g. 503). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startFlightDataStandIn(apiKey: string): Promise<FlightDataStandIn> {
  const flights = new Map<string, ApiFlight[]>();
  const requests: FlightDataStandIn['requests'] = [];
  let failing = 0;
  let failStatus = 503;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const key = req.headers['x-apikey'] as string | undefined;
    requests.push({ path: `${url.pathname}${url.search}`, apiKey: key });
    const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)); };
    if (failing > 0) { failing--; return send(failStatus, { title: 'Service unavailable' }); }
    if (key !== apiKey) return send(401, { title: 'Unauthorized' });
    const m = /^\/flights\/([A-Z0-9]{2}\d{1,4})$/.exec(url.pathname);
    if (!m || req.method !== 'GET') return send(404, { title: 'Not found' });
    const list = flights.get(m[1]);
    return list ? send(200, { flights: list, links: null, num_pages: 1 }) : send(404, { title: 'Unknown flight' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set: (ident, list) => { flights.set(ident, list); },
    failNext: (count, status = 503) => { failing = count; failStatus = status; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
