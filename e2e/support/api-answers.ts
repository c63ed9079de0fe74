import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { APIRequestContext, BrowserContext, Response } from '@playwright/test';

// Every /api/v1 answer the e2e suite sees — the pages' own fetches and the tests' API calls — is
// checked against the OpenAPI document the server under test publishes (GET
// /api/v1/openapi.json): the path and method must be documented, the status must be one the
// operation documents, and a JSON body must validate against that status's schema (a success
// against the route's `response` schema, a problem against Problem). A test that saw an answer the
// document does not describe fails (issue #14: "a response in the e2e suite does not validate").

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: Record<string, unknown>;
};

/** Statuses the platform answers for paths and methods no operation documents. */
const PLATFORM_STATUSES = new Set([400, 404, 405]);

interface Operation { template: string; pattern: RegExp; params: number; methods: Doc['paths'][string] }

export class ApiAnswerChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  private readonly operations: Operation[];
  private readonly validators = new Map<string, ValidateFunction>();
  readonly checked = new Set<string>();

  constructor(private readonly doc: Doc) {
    // The most specific template first: `/bookings.csv` before `/bookings/{pnr}`.
    this.operations = Object.entries(doc.paths).map(([template, methods]) => ({
      template, methods,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+') + '$'),
    })).sort((a, b) => a.params - b.params || b.template.length - a.template.length);
  }

  static async load(request: APIRequestContext): Promise<ApiAnswerChecker> {
    const res = await request.get('/api/v1/openapi.json');
    if (!res.ok()) throw new Error(`GET /api/v1/openapi.json answered ${res.status()}`);
    return new ApiAnswerChecker(await res.json() as Doc);
  }

  /** Problems with one answer, [] when the document describes it. */
  check(method: string, url: string, status: number, contentType: string, body: string): string[] {
    const path = new URL(url).pathname;
    if (!path.startsWith('/api/v1/')) return [];
    const op = this.operations.find((o) => o.pattern.test(path));
    const where = `${method} ${path} → ${status}`;
    // What the platform answers before any route runs — 404 for a path no route has, 405 for a
    // method a route lacks, 400 for a path that is not valid percent-encoding (lib/http) — is
    // documented nowhere per route; it must still be a problem document.
    const platform = () => PLATFORM_STATUSES.has(status) ? this.problemOnly(where, contentType, body) : null;
    if (!op) return platform() ?? [`${where}: no such path in the OpenAPI document`];
    const operation = op.methods[method.toLowerCase()];
    // HEAD (a GET without its body) and OPTIONS (204 with Allow) are answered for every route.
    if (!operation && (method === 'HEAD' || method === 'OPTIONS') && body === '') return [];
    if (!operation) return platform() ?? [`${where}: ${method} is not documented for ${op.template}`];
    const responses = operation.responses;
    const key = String(status) in responses ? String(status) : `${String(status)[0]}XX` in responses ? `${String(status)[0]}XX` : 'default' in responses ? 'default' : null;
    if (!key) return [`${where}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    this.checked.add(`${method.toUpperCase()} ${op.template} ${key}`);
    const content = responses[key].content;
    const type = contentType.split(';')[0].trim().toLowerCase();
    if (!content) return body.length > 0 && status !== 204 ? [`${where}: answered ${type || 'a body'} where the document says no content`] : [];
    if (!(type in content)) return [`${where}: answered ${type || 'no content type'}, documented ${Object.keys(content).join(', ')}`];
    if (!/json$/.test(type)) return [];
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where}: the body is not JSON`];
    }
    const validate = this.validator(`${op.template} ${method} ${key} ${type}`, content[type].schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`);
  }

  /** An answer that must be an RFC 9457 problem (the document's Problem schema). */
  private problemOnly(where: string, contentType: string, body: string): string[] {
    if (!contentType.toLowerCase().startsWith('application/problem+json')) return [`${where}: answered ${contentType || 'no content type'}, not a problem document`];
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where}: the problem document is not JSON`];
    }
    const validate = this.validator('platform problem', { $ref: '#/components/schemas/Problem' });
    return validate(value) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message}`);
  }

  private validator(key: string, schema: object): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) {
      // The schema at the root (its own $defs resolve) with the document's components beside it,
      // so `#/components/schemas/Problem` resolves too.
      v = this.ajv.compile({ ...schema, components: this.doc.components });
      this.validators.set(key, v);
    }
    return v;
  }
}

/** Checks every answer a browser context receives from /api/v1 (its pages' fetches). */
export function watchBrowserAnswers(context: BrowserContext, checker: () => Promise<ApiAnswerChecker>, found: string[]): () => Promise<void> {
  const pending: Promise<void>[] = [];
  context.on('response', (res: Response) => {
    if (!new URL(res.url()).pathname.startsWith('/api/v1/')) return;
    // An event stream never ends; its status and media type are still checked.
    const streaming = (res.headers()['content-type'] ?? '').startsWith('text/event-stream');
    pending.push((async () => {
      const body = streaming ? '' : await res.text().catch(() => null);
      if (body === null) return;   // the page navigated away before the body arrived
      found.push(...(await checker()).check(res.request().method(), res.url(), res.status(), res.headers()['content-type'] ?? '', body));
    })());
  });
  // A body still arriving when the test ends (a long poll, a page torn down mid-answer) cannot be
  // judged: wait a little for the rest, never for ever (it would hold the test's teardown).
  return async () => { await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 3_000))]); };
}

/**
 * Wraps a request context so each answer it returns is checked before the test sees it. Its
 * get/post/put/patch/delete/head all go through `fetch` with the method in the options.
 */
export function checkRequestAnswers(request: APIRequestContext, checker: () => Promise<ApiAnswerChecker>, found: string[]): APIRequestContext {
  const original = request.fetch.bind(request);
  request.fetch = async (...args: Parameters<APIRequestContext['fetch']>) => {
    const res = await original(...args);
    const method = methodOf(args);
    const headers = res.headers();
    const streaming = (headers['content-type'] ?? '').startsWith('text/event-stream');
    const body = streaming || method === 'HEAD' ? '' : (await res.body().catch(() => Buffer.alloc(0))).toString('utf8');
    found.push(...(await checker()).check(method, res.url(), res.status(), headers['content-type'] ?? '', body));
    return res;
  };
  return request;
}

function methodOf(args: unknown[]): string {
  const [first, options] = args as [unknown, { method?: string } | undefined];
  if (options?.method) return options.method.toUpperCase();
  if (first && typeof first === 'object' && 'method' in first && typeof (first as { method: unknown }).method === 'function') return (first as { method(): string }).method().toUpperCase();
  return 'GET';
}
