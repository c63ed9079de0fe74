import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for Supabase Storage at the network edge: the subset of its REST API that
// supabase-js's storage client sends for upload, download, signed URLs and remove, with the
// service-role key checked on every call but the signed read. Buckets are created on start.
//   POST   /storage/v1/object/{bucket}/{key}         raw body, content-type, x-upsert → {Id, Key}
//   GET    /storage/v1/object/{bucket}/{key}         the bytes
//   POST   /storage/v1/object/sign/{bucket}/{key}    {expiresIn} → {signedURL}
//   GET    /storage/v1/object/sign/{bucket}/{key}?token=…[&download=name]
//   DELETE /storage/v1/object/{bucket}               {prefixes: [key…]} → the removed objects
//   POST   /storage/v1/object/list/{bucket}          {prefix, limit, offset} → one folder's entries
// Errors answer Storage's JSON shape ({statusCode, error, message}). It can be told to fail the
// next calls of one kind (or all) with a status, or be closed (connection refused).

export interface StoredObject { bytes: Buffer; contentType: string; createdAt: Date }
export type StorageOp = 'upload' | 'download' | 'sign' | 'remove' | 'list';

export interface StorageStandIn {
  url: string;
  key: string;
  /** bucket/key → object */
  objects: Map<string, StoredObject>;
  requests: { method: string; path: string }[];
  /** The next `count` calls of `op` (any op when null) answer `status`. */
  failNext(op: StorageOp | null, count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startStorageStandIn(buckets: string[] = ['dispute-evidence']): Promise<StorageStandIn> {
  const key = `service-role-${randomBytes(12).toString('hex')}`;
  const objects = new Map<string, StoredObject>();
  const tokens = new Map<string, { object: string; expires: number }>();
  const requests: StorageStandIn['requests'] = [];
  const failing: { op: StorageOp | null; count: number; status: number }[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = decodeURIComponent(url.pathname);
    requests.push({ method: req.method ?? '', path });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const problem = (status: number, error: string, message: string) => send(status, { statusCode: String(status), error, message });
    const body = await read(req);

    const list = /^\/storage\/v1\/object\/list\/([^/]+)$/.exec(path);
    const sign = /^\/storage\/v1\/object\/sign\/([^/]+)\/(.+)$/.exec(path);
    const object = /^\/storage\/v1\/object\/([^/]+)\/(.+)$/.exec(path);
    const bucketOnly = /^\/storage\/v1\/object\/([^/]+)$/.exec(path);
    const op: StorageOp | null = list ? 'list' : sign ? (req.method === 'POST' ? 'sign' : 'download')
      : object ? (req.method === 'POST' ? 'upload' : req.method === 'GET' ? 'download' : null)
      : bucketOnly && req.method === 'DELETE' ? 'remove' : null;
    const fail = failing.find((f) => f.count > 0 && (f.op === null || f.op === op));
    if (fail) {
      fail.count--;
      return problem(fail.status, 'ServiceUnavailable', 'The storage service is unavailable');
    }

    // a signed read: the token is the credential
    if (sign && req.method === 'GET') {
      const t = tokens.get(url.searchParams.get('token') ?? '');
      const target = `${sign[1]}/${sign[2]}`;
      if (!t || t.object !== target || t.expires < Date.now()) return problem(400, 'InvalidSignature', 'The signature is invalid or expired');
      const o = objects.get(target);
      if (!o) return problem(404, 'not_found', 'Object not found');
      const download = url.searchParams.get('download');
      res.writeHead(200, { 'content-type': o.contentType, 'content-length': String(o.bytes.length),
        ...(download !== null ? { 'content-disposition': `attachment; filename="${download}"` } : {}) }).end(o.bytes);
      return;
    }
    if (req.headers.authorization !== `Bearer ${key}` || req.headers.apikey !== key) return problem(403, 'Unauthorized', 'Invalid JWT');
    const bucket = (list ?? sign ?? object ?? bucketOnly)?.[1];
    if (!bucket || !buckets.includes(bucket)) return problem(404, 'Bucket not found', 'Bucket not found');

    if (list && req.method === 'POST') {
      // one folder level, as Storage lists: files directly under the prefix, sub-folders as
      // entries without an id; sorted by name, paged by limit/offset
      const { prefix = '', limit = 100, offset = 0 } = JSON.parse(body.toString() || '{}') as { prefix?: string; limit?: number; offset?: number };
      const base = `${bucket}/${prefix.replace(/\/$/, '')}/`;
      const entries = new Map<string, unknown>();
      for (const [k, o] of objects) {
        if (!k.startsWith(base)) continue;
        const rest = k.slice(base.length);
        const slash = rest.indexOf('/');
        if (slash >= 0) entries.set(rest.slice(0, slash), { name: rest.slice(0, slash), id: null, created_at: null, metadata: null });
        else entries.set(rest, { name: rest, id: randomBytes(8).toString('hex'), created_at: o.createdAt.toISOString(), updated_at: o.createdAt.toISOString(),
          metadata: { size: o.bytes.length, mimetype: o.contentType } });
      }
      return send(200, [...entries.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(offset, offset + limit).map(([, e]) => e));
    }
    if (sign && req.method === 'POST') {
      const target = `${sign[1]}/${sign[2]}`;
      if (!objects.has(target)) return problem(404, 'not_found', 'Object not found');
      const { expiresIn } = JSON.parse(body.toString() || '{}') as { expiresIn?: number };
      if (!Number.isInteger(expiresIn) || expiresIn! < 1) return problem(400, 'InvalidRequest', 'expiresIn must be a positive integer');
      const token = randomBytes(16).toString('hex');
      tokens.set(token, { object: target, expires: Date.now() + expiresIn! * 1000 });
      return send(200, { signedURL: `/object/sign/${encodeURI(target)}?token=${token}` });
    }
    if (object && req.method === 'POST') {
      const target = `${object[1]}/${object[2]}`;
      if (objects.has(target) && req.headers['x-upsert'] !== 'true') return problem(409, 'Duplicate', 'The resource already exists');
      objects.set(target, { bytes: body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream'), createdAt: new Date() });
      return send(200, { Id: randomBytes(8).toString('hex'), Key: target });
    }
    if (object && req.method === 'GET') {
      const o = objects.get(`${object[1]}/${object[2]}`);
      if (!o) return problem(404, 'not_found', 'Object not found');
      res.writeHead(200, { 'content-type': o.contentType, 'content-length': String(o.bytes.length) }).end(o.bytes);
      return;
    }
    if (bucketOnly && req.method === 'DELETE') {
      const { prefixes } = JSON.parse(body.toString() || '{}') as { prefixes?: string[] };
      if (!Array.isArray(prefixes)) return problem(400, 'InvalidRequest', 'prefixes must be a list');
      const removed = prefixes.filter((p) => objects.delete(`${bucket}/${p}`)).map((name) => ({ name, bucket_id: bucket }));
      return send(200, removed);
    }
    return problem(404, 'not_found', 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    key,
    objects,
    requests,
    failNext(op, count, status = 503) { failing.push({ op, count, status }); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function read(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
