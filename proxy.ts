import { clerkMiddleware } from '@clerk/nextjs/server';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { escapeMalformedSegments, MALFORMED_SEGMENTS_HEADER, malformedSegmentsHeader } from '@/lib/http/malformed-path';

// Next 16's middleware. It attaches Clerk's auth state, only when Clerk's keys are set, and
// escapes path segments Next could not decode (lib/http/malformed-path.ts); it never decides
// access — every page, handler and action checks the viewer itself.
// (Reads process.env directly: proxy runs apart from the app and should not share state.)
const clerkOn = !!process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && !!process.env.CLERK_SECRET_KEY;

/** A rewrite to the escaped path when a segment's percent-encoding is malformed, else undefined. */
function escapeMalformedPath(req: NextRequest): NextResponse | undefined {
  const escaped = escapeMalformedSegments(req.nextUrl.pathname);
  if (!escaped) return undefined;
  const url = req.nextUrl.clone();
  url.pathname = escaped.pathname;
  const headers = new Headers(req.headers);
  headers.set(MALFORMED_SEGMENTS_HEADER, malformedSegmentsHeader(escaped.malformed));
  return NextResponse.rewrite(url, { request: { headers } });
}

const clerk = clerkOn
  ? clerkMiddleware((_auth, req) => escapeMalformedPath(req), {
      // @clerk/nextjs does not read CLERK_JWT_KEY itself; with it, tokens verify offline.
      jwtKey: process.env.CLERK_JWT_KEY || undefined,
      authorizedParties: process.env.CLERK_AUTHORIZED_PARTIES?.split(',').map((s) => s.trim()).filter(Boolean),
    })
  : null;

export default function proxy(req: NextRequest, ev: NextFetchEvent) {
  return clerk ? clerk(req, ev) : (escapeMalformedPath(req) ?? NextResponse.next());
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
