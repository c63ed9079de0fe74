import { clerkMiddleware } from '@clerk/nextjs/server';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { findMalformedParams } from '@/lib/http/malformed-path';
import { problem, problemResponse } from '@/lib/http/problem';

// Next 16's middleware. It refuses paths Next could not decode (lib/http/malformed-path.ts) and
// attaches Clerk's auth state, only when Clerk's keys are set; it never decides access — every
// page, handler and action checks the viewer itself.
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

const clerk = clerkOn
  ? clerkMiddleware({
      // @clerk/nextjs does not read CLERK_JWT_KEY itself; with it, tokens verify offline.
      jwtKey: process.env.CLERK_JWT_KEY || undefined,
      authorizedParties: process.env.CLERK_AUTHORIZED_PARTIES?.split(',').map((s) => s.trim()).filter(Boolean),
    })
  : null;

export default function proxy(req: NextRequest, ev: NextFetchEvent) {
  return refuseMalformedPath(req) ?? (clerk ? clerk(req, ev) : NextResponse.next());
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
