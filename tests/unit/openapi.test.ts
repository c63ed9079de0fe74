import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi/document';
import { API_ROUTES } from '@/lib/openapi/routes';

// The OpenAPI document covers every /api/v1 route and method, from the routes' own schemas.

const API = path.join(process.cwd(), 'app/api/v1');
function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []);
}
const pathOf = (file: string) => '/api/v1/' + path.relative(API, path.dirname(file)).split(path.sep).join('/').replace(/\[(\w+)\]/g, '{$1}');

const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>>; components: Record<string, Record<string, unknown>> };

describe('OpenAPI document', () => {
  it('lists every route file under app/api/v1 (run `npm run openapi:routes` after adding one)', () => {
    const files = routeFiles(API).map(pathOf).filter((p) => p !== '/api/v1/openapi.json').sort();
    expect(API_ROUTES.map((r) => r.path).sort()).toEqual(files);
  });

  it('documents every method each route file exports, and nothing else (a route must go through handler())', () => {
    const declared = routeFiles(API).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => `${m[1].toLowerCase()} ${pathOf(file)}`));
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(documented.sort()).toEqual(declared.sort());
  });

  it('takes parameters and bodies from the zod schemas handler() validates with', () => {
    expect(doc.openapi).toBe('3.1.0');
    const search = doc.paths['/api/v1/flights/search'].get as { parameters: { name: string; in: string; required: boolean }[]; security: unknown[] };
    const names = search.parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['from', 'to', 'date']));
    expect(search.security).toEqual([]);
    const create = doc.paths['/api/v1/api-keys'].post as { requestBody: { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }>; required: string[] } }> }; security: unknown[] };
    const body = create.requestBody.content['application/json'].schema;
    expect(body.properties.scope.enum).toEqual(['read', 'read_write']);
    expect(body.required).toEqual(expect.arrayContaining(['name', 'scope']));
    expect(create.security).toEqual([{ bearer: [] }, { session: [] }]);
    const book = doc.paths['/api/v1/bookings'].post as { parameters: { name: string; in: string; required: boolean }[] };
    expect(book.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    const booking = doc.paths['/api/v1/bookings/{pnr}'].get as { parameters: { name: string; in: string }[] };
    expect(booking.parameters).toContainEqual(expect.objectContaining({ name: 'pnr', in: 'path' }));
  });

  it('documents the problem answers and rate-limit fields, and every $ref resolves', () => {
    const op = doc.paths['/api/v1/airports'].get as { responses: Record<string, { headers?: Record<string, unknown> }> };
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['2XX', '400', '429', 'default']));
    expect(op.responses['429'].headers).toHaveProperty('Retry-After');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, kind, name] of refs) expect(doc.components[kind], `${kind}/${name}`).toHaveProperty([name]);
  });

  it('describes every success answer: a JSON schema from the route\'s `response`, or what it produces instead', () => {
    // Each operation's answer is the route's own declaration (handler's `response` or `produces`);
    // an operation without one would document "any JSON" and the e2e check of answers could not fail.
    const vague = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).flatMap(([m, op]) => {
      const responses = (op as { responses: Record<string, { content?: Record<string, { schema: object }> }> }).responses;
      const success = Object.entries(responses).filter(([status]) => /^2/.test(status));
      const described = success.length > 0 && success.every(([, r]) => !r.content || Object.values(r.content).every((c) => Object.keys(c.schema).length > 0));
      return described ? [] : [`${m.toUpperCase()} ${p}`];
    }));
    expect(vague.sort()).toEqual([]);
  });
});

