import { z } from 'zod';
import { isDatabaseProblem } from '@/lib/db/port';

// RFC 9457 problem details. Every 4xx/5xx the API sends is one of these, as
// application/problem+json, naming the offending field(s) where there are any.

export interface FieldError {
  /** Dotted path of the field in the request (`passengers.0.given_name`, `query.date`). */
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 499: 'Client Closed Request', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

const HTTP_PROBLEM = Symbol.for('traqora.HttpProblem');

export function isHttpProblem(err: unknown): err is HttpProblem {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[HTTP_PROBLEM] === true;
}

/** Throw from handlers and actions to answer with a problem. */
export class HttpProblem extends Error {
  readonly [HTTP_PROBLEM] = true;

  constructor(
    public readonly status: number,
    detail: string,
    public readonly errors?: FieldError[],
    public readonly extensions: Record<string, unknown> = {},
    /** Header fields the answer carries (Retry-After on a 429, WWW-Authenticate on a 401). */
    public readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function fieldPath(prefix: string | undefined, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter((p) => p !== undefined && p !== '').join('.') || (prefix ?? 'body');
}

export function zodFieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((i) => ({ field: fieldPath(prefix, i.path), message: i.message }));
}

/** Converts anything thrown into a problem body; unknown errors become a bare 500. */
export function toProblem(err: unknown, instance?: string): ProblemBody {
  // Brand checks rather than instanceof: errors may come from another bundle chunk's classes.
  if (isHttpProblem(err)) return problem(err.status, err.message, err.errors, instance, err.extensions);
  if (isDatabaseProblem(err)) {
    const errors = err.field ? [{ field: err.field, message: err.message }] : undefined;
    return problem(err.status, err.message, errors, instance);
  }
  return problem(500, 'Something went wrong on our side. It has been logged.', undefined, instance);
}

export function problem(status: number, detail: string, errors?: FieldError[], instance?: string, ext: Record<string, unknown> = {}): ProblemBody {
  const title = TITLES[status] ?? 'Error';
  return {
    type: status === 500 ? 'about:blank' : `https://traqora.dev/problems/${title.toLowerCase().replace(/\s+/g, '-')}`,
    title,
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors?.length ? { errors } : {}),
    ...ext,
  };
}

export function problemResponse(body: ProblemBody, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
