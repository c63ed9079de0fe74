import { clerkMiddleware } from '@clerk/nextjs/server';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { findMalformedParams } from '@/lib/http/malformed-path';
import { refuseMalformedPageForm } from '@/lib/http/page-form';
import { problem, problemResponse } from '@/lib/http/problem';
import { NONCE_HEADER, apiSecurityHeaders, newNonce, securityHeaders } from '@/lib/security/headers';
import { refuseCrossOrigin } from '@/lib/security/origin';

// Next 16's middleware. It refuses paths Next could not decode (lib/http/malformed-path.ts), form
// bodies posted to pages that are not the multipart they claim (lib/http/page-form.ts), and
// cookie-authenticated mutations from other sites (lib/security/origin.ts), attaches Clerk's
// auth state, only when Clerk's keys are set, and puts the security headers on every answer
// (lib/security/headers.ts): a page's carry this request's CSP nonce; an API answer's are one
// constant set, with no nonce and the request's headers passed on untouched (JSON runs no
// script, and the search route is called hundreds of times a second). It never decides access —
// every page, handler and action checks the viewer itself.
// (Reads process.env directly: proxy runs apart from the app and should not share state.)
const clerkOn = !!process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && !!process.env.CLERK_SECRET_KEY;

// The API's route patterns, read from app/api by next.config.ts when the app is built.
const API_ROUTES: string[] = JSON.parse(process.env.TRAQORA_API_ROUTES ?? '[]');
const NOT_FOUND_ROUTE = '/api/[...path]';

/** A 400 naming the param whose percent-encoding is malformed (404 if no route matches). */
function refuseMalformedPath(req: NextRequest): Response | undefined {
  const { pathname } = req.nextUrl;
  const found = findMalformedParams(pathname, pathname.startsWith('/api/') ? API_ROUTES : []);
  if (!found) return undefined;
  if (!pathname.startsWith('/api/')) return new Response('Bad Request: the path is not valid percent-encoding.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!found.route || found.route === NOT_FOUND_ROUTE) return problemResponse(problem(404, 'There is no API endpoint at this path.', undefined, pathname));
  return problemResponse(problem(400, 'The request path is not valid percent-encoding.',
    found.params.map((name) => ({ field: `params.${name}`, message: 'is not valid percent-encoding (RFC 3986)' })), pathname));
}

/**
 * The request as the app sees it: its CSP carries the nonce (Next reads it there to mark its own
 * scripts) and x-nonce hands it to the root layout for the providers' inline scripts.
 */
function withNonce(req: NextRequest, nonce: string, csp: string): Headers {
  const headers = new Headers(req.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set('content-security-policy', csp);
  return headers;
}

const clerkOptions = clerkOn
  ? {
      // @clerk/nextjs does not read CLERK_JWT_KEY itself; with it, tokens verify offline.
      jwtKey: process.env.CLERK_JWT_KEY || undefined,
      authorizedParties: process.env.CLERK_AUTHORIZED_PARTIES?.split(',').map((s) => s.trim()).filter(Boolean),
    }
  : null;

/** The app's answer: on to the page or handler, with the nonce headers for a page (Clerk's added when on). */
function next(req: NextRequest, ev: NextFetchEvent, request?: Headers) {
  const through = () => (request ? NextResponse.next({ request: { headers: request } }) : NextResponse.next());
  if (!clerkOptions) return through();
  // Clerk merges its auth headers into the request headers this handler passes on.
  return clerkMiddleware(through, clerkOptions)(req, ev);
}

export default async function proxy(req: NextRequest, ev: NextFetchEvent): Promise<Response> {
  const host = req.headers.get('host') ?? req.nextUrl.host;
  if (req.nextUrl.pathname.startsWith('/api/')) {
    const response = refuseMalformedPath(req)
      ?? refuseCrossOrigin(req, process.env.APP_URL)
      ?? (await next(req, ev))
      ?? NextResponse.next();
    return withHeaders(response, apiSecurityHeaders(host, process.env));
  }
  const nonce = newNonce();
  const headers = securityHeaders(nonce, host, process.env);
  const request = withNonce(req, nonce, headers['Content-Security-Policy']);
  const response = refuseMalformedPath(req)
    ?? refuseCrossOrigin(req, process.env.APP_URL)
    ?? (await refuseMalformedPageForm(req, req.nextUrl.pathname))
    ?? (await next(req, ev, request))
    ?? NextResponse.next({ request: { headers: request } });
  return withHeaders(response, headers);
}

/** The response with these headers set (copied first when its headers are immutable, as a Response.redirect's are). */
function withHeaders(response: Response, headers: Readonly<Record<string, string>>): Response {
  let out = response;
  try {
    out.headers.set('x-content-type-options', 'nosniff');
  } catch {
    out = new Response(response.body, response);
  }
  for (const [name, value] of Object.entries(headers)) out.headers.set(name, value);
  return out;
}

export const config = {
  // Clerk's recommended matcher: everything but Next internals and static files by extension.
  // (Not "any path with a dot": offer ids contain one, and a page that reads the viewer must
  // have passed through clerkMiddleware.)
  matcher: [
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
  ],
};
