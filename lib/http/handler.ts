import 'server-only';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';
import { logger } from '@/lib/log/logger';
import { metrics } from '@/lib/metrics/registry';
import { assertScopeAllows, resolveCredential, withCredential, type Credential } from '@/lib/api-keys/credential';
import { db } from '@/lib/db/connect';
import { enforceRateLimit } from '@/lib/rate-limit/enforce';
import { clientAddress } from '@/lib/rate-limit/client-address';
import { config } from '@/lib/config';
import { authorise, validate, type Access } from './guard';
import { HttpProblem, isHttpProblem, problemResponse, toProblem } from './problem';
import { requestIdFrom } from './request-id';

// The one wrapper every route handler goes through: request id, structured log, metrics,
// auth, zod validation of query/params/body (guard.ts, shared with server actions), and errors
// as RFC 9457 problems. Routes stay thin: they declare schemas and call lib/<domain>.

interface Spec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  /** Stable route name for logs and metrics, e.g. "airports.search". */
  name: string;
  auth?: Access;
  query?: Q;
  params?: P;
  body?: B;
  /** The success answer's JSON body: documented in the OpenAPI document, and every answer the e2e suite sees is validated against it. */
  response?: z.ZodType;
  /**
   * A success answer that is not JSON: its media type (`text/csv`, `text/event-stream`), or `empty`
   * (204, no body). A list when the file's type varies (evidence: PDF or image); beside `response`
   * when the same route answers JSON or a file by query (`?format=csv`).
   */
  produces?: Produces | readonly MediaType[];
}

/** A non-JSON media type a route may answer with. */
export type MediaType = 'text/csv' | 'text/event-stream' | 'text/plain' | 'application/octet-stream' | 'application/pdf' | 'image/png' | 'image/jpeg';
/** What a route answers on success when that is not a JSON body. */
export type Produces = 'empty' | MediaType;

export interface HandlerContext<Q, P, B, V> {
  req: NextRequest;
  query: Q;
  params: P;
  body: B;
  viewer: V;
  requestId: string;
  log: typeof logger;
}

type Out<T extends z.ZodType | undefined> = T extends z.ZodType ? z.output<T> : undefined;
type ViewerFor<A> = A extends 'public' | 'optional' | undefined ? Viewer | null : Viewer;

const MAX_BODY_BYTES = 256 * 1024;

export function handler<
  Q extends z.ZodType = z.ZodType<undefined>, P extends z.ZodType = z.ZodType<undefined>,
  B extends z.ZodType = z.ZodType<undefined>, A extends Access | undefined = undefined,
>(
  spec: Spec<Q, P, B> & { auth?: A },
  fn: (ctx: HandlerContext<Out<Q>, Out<P>, Out<B>, ViewerFor<A>>) => Promise<Response | object>,
) {
  const route = async (req: NextRequest, routeCtx?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers);
    const log = logger.child({ requestId, route: spec.name });
    const m = metrics();
    let response: Response;
    let limitHeaders: Record<string, string> = {};
    try {
      // The public API (/api/v1): bearer credentials and rate limits (lib/api-keys, lib/rate-limit).
      const api = req.nextUrl.pathname.startsWith('/api/v1/');
      const credential = api ? await apiCredential(req, requestId) : null;
      if (api) limitHeaders = await enforceRateLimit(req, spec.name, credential);
      assertScopeAllows(credential, req.method);
      response = await withCredential(credential, async () => {
        const viewer = await authorise(spec.auth ?? 'public');
        const query = parse(spec.query, Object.fromEntries(req.nextUrl.searchParams), 'query');
        const params = parse(spec.params, routeCtx?.params ? await routeCtx.params : {}, 'params');
        const body = spec.body ? parse(spec.body, await readBody(req, spec.body), 'body') : undefined;
        const result = await fn({ req, query, params, body, viewer, requestId, log } as HandlerContext<Out<Q>, Out<P>, Out<B>, ViewerFor<A>>);
        return result instanceof Response ? result : Response.json(result);
      });
    } catch (err) {
      const body = toProblem(err, req.nextUrl.pathname);
      if (body.status >= 500) log.error({ err }, 'request failed');
      else log.info({ status: body.status, detail: body.detail }, 'request refused');
      response = problemResponse(body, isHttpProblem(err) ? err.headers : {});
    }
    for (const [name, value] of Object.entries(limitHeaders)) if (!response.headers.has(name)) response.headers.set(name, value);
    response.headers.set('x-request-id', requestId);
    const seconds = (performance.now() - started) / 1000;
    m.httpRequests.inc({ route: spec.name, method: req.method, status: String(response.status) });
    m.httpDuration.observe({ route: spec.name, method: req.method }, seconds);
    log.debug({ status: response.status, ms: Math.round(seconds * 1000) }, 'request');
    return response;
  };
  // The declared schemas stay readable on the route, so the OpenAPI document (lib/openapi) is
  // generated from exactly what the handler validates.
  return Object.assign(route, { spec: spec as DocumentedSpec });
}

/** What handler() exposes of a route's declaration (lib/openapi reads it). */
export interface DocumentedSpec {
  name: string;
  auth?: Access;
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  produces?: Produces | readonly MediaType[];
}

async function apiCredential(req: NextRequest, requestId: string): Promise<Credential | null> {
  if (!req.headers.has('authorization')) return null;
  const { env, mode } = config();
  return resolveCredential(req.headers, await db(), { ip: clientAddress(req.headers, env.RATE_LIMIT_PROXY_HOPS), requestId, clerk: mode.clerk });
}

function parse<T extends z.ZodType | undefined>(schema: T, input: unknown, where: 'query' | 'params' | 'body'): Out<T> {
  return (schema ? validate(schema, input, where) : undefined) as Out<T>;
}

/**
 * Like parseJsonBody, but a request with no body at all (no Content-Type, nothing sent) is
 * validated as `{}`: for bodies whose fields are all optional, so callers that send none keep working.
 */
export async function parseOptionalJsonBody<T extends z.ZodType>(req: NextRequest, schema: T): Promise<z.output<T>> {
  if (!req.headers.has('content-type') && (await req.clone().text()) === '') return parse(schema, {}, 'body') as z.output<T>;
  return parseJsonBody(req, schema);
}

/** For routes whose body depends on the mode (see the payments route): JSON validated like `body`. */
export async function parseJsonBody<T extends z.ZodType>(req: NextRequest, schema: T): Promise<z.output<T>> {
  return parse(schema, await readJson(req), 'body') as z.output<T>;
}

/**
 * The request's JSON body. A request that sends no body at all, to a route whose body has only
 * optional fields, is read as `{}`: "retry, no reason given" needs no `{}` typed out (the
 * OpenAPI document marks such bodies not required). Anything sent is still JSON or a 415.
 */
async function readBody(req: NextRequest, schema: z.ZodType): Promise<unknown> {
  if (!req.headers.has('content-type') && acceptsNoBody(schema) && (await req.clone().text()) === '') return {};
  return readJson(req);
}

/** Whether a body schema is satisfied by an empty object (every field optional). */
export function acceptsNoBody(schema: z.ZodType): boolean {
  return schema.safeParse({}).success;
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new HttpProblem(415, 'Send the body as JSON with Content-Type: application/json.');
  }
  let text: string;
  try {
    text = await req.text();
  } catch (err) {
    // The caller hung up mid-body (a load tool stopping, a tab closed during upload). Nobody reads
    // the answer, and it is not our failure: 499 (nginx's "client closed request") keeps it out of
    // the 5xx rate and the error log.
    if (req.signal.aborted || (err as { code?: string }).code === 'ECONNRESET') {
      throw new HttpProblem(499, 'The client closed the request before its body arrived.');
    }
    throw err;
  }
  if (text.length > MAX_BODY_BYTES) throw new HttpProblem(413, 'The request body is too large.');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON.', [{ field: 'body', message: 'not valid JSON' }]);
  }
}
