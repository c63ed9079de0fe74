import { problem, problemResponse } from '@/lib/http/problem';
import { CSP_REPORT_PATH } from './headers';

// Cross-site request forgery: a page elsewhere can make the browser send a POST here with the
// user's cookies attached. So a request that changes things and is authenticated by a cookie
// must come from our own pages. Browsers say where a request comes from in Origin (sent on every
// non-GET fetch and form post) or, failing that, Sec-Fetch-Site; a page cannot forge either.
//
// The test is "does a cookie authenticate this request", not "which schemes exist": a request
// with an Authorization header is authenticated by that header (API keys, SEP-10 JWTs, Clerk
// bearer tokens, whatever comes next), and a cross-site page cannot send one without a CORS
// preflight, which this app never grants. A request without a credential cookie carries no
// ambient authority to abuse.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookies that authenticate a request: ours (lib/auth/session-token.ts) and Clerk's session. */
export function isCredentialCookie(name: string): boolean {
  return name === 'tq_session' || name === '__session' || name.startsWith('__session_');
}

interface RequestLike {
  method: string;
  url: string;
  headers: Headers;
  cookies: { getAll(): { name: string }[] };
}

/**
 * Is this a cookie-authenticated request that may change things? Any path: API mutations, and
 * server actions, which post to the page's own path (with a Next-Action header from script, or
 * as a plain form without it). A page itself never takes a POST from elsewhere.
 */
export function needsOriginCheck(req: RequestLike): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const path = new URL(req.url).pathname;
  // Violation reports come from the browser itself, with or without an Origin; they change nothing of the user's.
  if (path === CSP_REPORT_PATH) return false;
  if (req.headers.has('authorization')) return false;
  return req.cookies.getAll().some((c) => isCredentialCookie(c.name));
}

/** Origins this app answers as: the configured public URL, and the host the request was sent to. */
function ownOrigins(req: RequestLike, appUrl: string | undefined): string[] {
  const url = new URL(req.url);
  const host = req.headers.get('x-forwarded-host')?.split(',')[0].trim() || req.headers.get('host') || url.host;
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0].trim() || url.protocol.replace(/:$/, '');
  const origins = [`${proto}://${host}`.toLowerCase()];
  if (appUrl) {
    try {
      origins.push(new URL(appUrl).origin.toLowerCase());
    } catch {
      // a malformed APP_URL is refused at start-up (lib/config/env.ts)
    }
  }
  return origins;
}

/** Why the request's source is not this app, or undefined when it is (or no browser says otherwise). */
export function foreignSource(req: RequestLike, appUrl: string | undefined): string | undefined {
  const origin = req.headers.get('origin');
  if (origin !== null) {
    return ownOrigins(req, appUrl).includes(origin.toLowerCase()) ? undefined : `Origin ${origin} is not this app`;
  }
  const site = req.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none' ? undefined : `Sec-Fetch-Site is ${site}`;
  // Neither header: not a browser (every current browser sends Origin on a POST), so no forgery.
  return undefined;
}

/** A 403 problem for a cookie-authenticated mutation from another site; undefined to let it through. */
export function refuseCrossOrigin(req: RequestLike, appUrl: string | undefined): Response | undefined {
  if (!needsOriginCheck(req)) return undefined;
  const why = foreignSource(req, appUrl);
  if (!why) return undefined;
  const field = req.headers.has('origin') ? 'headers.origin' : 'headers.sec-fetch-site';
  return problemResponse(problem(403, 'Requests that change things must come from this app’s own pages.',
    [{ field, message: `${why}; send it from this app, or authenticate with an Authorization header instead of a cookie` }],
    new URL(req.url).pathname));
}
