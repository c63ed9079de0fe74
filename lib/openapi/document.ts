import { acceptsNoBody, type DocumentedSpec } from '@/lib/http/handler';
import { METHODS } from '@/lib/http/methods';
import { API_ROUTES, type RouteModule } from './routes';
import { jsonSchema, objectFields, type JsonSchema } from './schema';

// The OpenAPI 3.1 document of /api/v1, generated from the routes themselves: each operation's
// parameters and body are the zod schemas its handler() validates with, its security follows the
// handler's `auth`, and every answer documents the problem+json errors and rate-limit fields the
// platform adds (lib/http, lib/rate-limit). GET /api/v1/openapi.json serves it; /docs/api renders it.

type Operation = Record<string, unknown>;

/** Routes that require an Idempotency-Key header (lib/http/idempotency.ts). */
const IDEMPOTENT = new Set(['bookings.create', 'bookings.pay', 'disputes.open']);

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const RATE_HEADERS = { RateLimit: ref('headers', 'RateLimit'), 'RateLimit-Policy': ref('headers', 'RateLimit-Policy') };

const problem = (description: string, extra: Record<string, unknown> = {}) => ({
  description, headers: { ...RATE_HEADERS, ...extra }, content: { 'application/problem+json': { schema: ref('schemas', 'Problem') } },
});

function tagOf(path: string): string {
  return path.replace('/api/v1/', '').split('/')[0] || 'api';
}

/** The success answer: the route's `response` schema (as the server sends it), or what it produces instead. */
function success(spec: DocumentedSpec): Record<string, unknown> {
  if (spec.produces === 'empty') return { '204': { description: 'Done; no content.', headers: RATE_HEADERS } };
  const files = spec.produces === undefined ? [] : typeof spec.produces === 'string' ? [spec.produces] : [...spec.produces];
  const content: Record<string, { schema: JsonSchema }> = {};
  // A route not yet describing its answer documents "some JSON"; tests/unit/openapi.test.ts lists them.
  if (spec.response || files.length === 0) content['application/json'] = { schema: spec.response ? jsonSchema(spec.response, 'output') : {} };
  for (const type of files) content[type] = { schema: { type: 'string' } };
  return { '2XX': { description: `Success (${Object.keys(content).join(' or ')}).`, headers: RATE_HEADERS, content } };
}

function operation(path: string, method: string, spec: DocumentedSpec): Operation {
  const parameters: Record<string, unknown>[] = [];
  if (spec.params) {
    for (const f of objectFields(spec.params)) parameters.push({ name: f.name, in: 'path', required: true, schema: f.schema });
  }
  // Path parameters a route reads without a params schema are still parameters.
  for (const m of path.matchAll(/\{(\w+)\}/g)) {
    if (!parameters.some((p) => p.name === m[1])) parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  if (spec.query) {
    for (const f of objectFields(spec.query)) {
      parameters.push({ name: f.name, in: 'query', required: f.required, schema: f.schema, ...(f.schema.description ? { description: f.schema.description } : {}) });
    }
  }
  if (IDEMPOTENT.has(spec.name) && method === 'POST') {
    parameters.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,255}$' },
      description: 'One per user action, reused on retries: a retry answers the first result instead of acting twice.' });
  }
  const auth = spec.auth ?? 'public';
  const responses: Record<string, unknown> = success(spec);
  if (spec.query || spec.body) responses['400'] = problem('The input is invalid; `errors` names each field.');
  if (auth !== 'public') responses['401'] = problem('Not signed in, or the bearer credential is not valid.');
  responses['403'] = problem('Not allowed: a missing role or permission, a read-only API key, or a denied network.');
  if (spec.params || path.includes('{')) responses['404'] = problem('No such resource.');
  if (spec.body) responses['415'] = problem('The body is not application/json.');
  responses['429'] = problem('Over a rate limit. Wait Retry-After seconds; repeat offenders wait longer each time.', { 'Retry-After': ref('headers', 'Retry-After') });
  responses.default = problem('Any other problem (RFC 9457).');
  return {
    operationId: spec.name,
    summary: spec.name,
    tags: [tagOf(path)],
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: !acceptsNoBody(spec.body), content: { 'application/json': { schema: jsonSchema(spec.body) } } } } : {}),
    responses,
    security: auth === 'public' ? [] : auth === 'optional' ? [{}, { bearer: [] }, { session: [] }] : [{ bearer: [] }, { session: [] }],
    ...(auth !== 'public' && auth !== 'optional' && auth !== 'signed-in' ? { 'x-required-role': auth } : {}),
  };
}

export function openApiDocument(routes: RouteModule[] = API_ROUTES): Record<string, unknown> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    for (const method of METHODS) {
      const fn = route.module[method] as { spec?: DocumentedSpec } | undefined;
      if (!fn?.spec) continue;   // otherMethods()' 405 answers are not operations
      (paths[route.path] ??= {})[method.toLowerCase()] = operation(route.path, method, fn.spec);
    }
  }
  paths['/api/v1/openapi.json'] = {
    get: { operationId: 'openapi', summary: 'openapi', tags: ['api'], security: [],
      responses: { '200': { description: 'This document.', content: { 'application/json': { schema: { type: 'object' } } } } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Traqora API',
      version: '1',
      description: 'Search flights, hold and book seats, pay into escrow, manage trips, loyalty and more. '
        + 'Errors are RFC 9457 problem documents naming the field. Lists page with an opaque `cursor` and `nextCursor`. '
        + 'Every answer carries the IETF RateLimit and RateLimit-Policy fields.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(Object.keys(paths).map(tagOf))].sort().map((name) => ({ name })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key (`trq_…`, from /settings/api-keys) or the SEP-10 token from POST /api/v1/auth.' },
        session: { type: 'apiKey', in: 'cookie', name: 'tq_session', description: 'The browser session (wallet sign-in or a dev persona); Clerk sessions work the same way.' },
      },
      headers: {
        RateLimit: { description: 'Where the caller stands: `"<policy>";r=<remaining>;t=<seconds to reset>` per policy.', schema: { type: 'string' } },
        'RateLimit-Policy': { description: 'The policies counted: `"<policy>";q=<quota>;w=<window seconds>`. An API key\'s policy is its plan\'s, `api-key:<plan>`.', schema: { type: 'string' } },
        'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        } satisfies JsonSchema,
      },
    },
  };
}
