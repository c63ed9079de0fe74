import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import { apiRoutePatterns } from './lib/http/route-table';
import { CONSTANT_HEADERS } from './lib/security/headers';

const nextConfig: NextConfig = {
  // PGlite loads its wasm from its own package directory; bundling it breaks that path.
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'prom-client'],
  // End-to-end builds go to their own folder so they never clobber a developer's .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() and unauthorized() in pages: the console answers 403/401 pages (app/forbidden.tsx, app/unauthorized.tsx).
  // proxyClientMaxBodySize: proxy.ts sees every request, and Next buffers at most this much of a
  // body for it (10 MB by default, truncating beyond): a dispute carries up to 5 files of 5 MB.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: '26mb' },
  env: {
    // Inlined at build time: proxy.ts names the param of a malformed path segment from these.
    TRAQORA_API_ROUTES: JSON.stringify(apiRoutePatterns('app')),
    // Always defined, empty when Clerk is not configured: Next leaves an unset variable as a
    // runtime lookup, and then the bundler cannot see that `if (process.env.NEXT_PUBLIC_CLERK_…)`
    // is dead code, so Clerk's client was in every page of a build without Clerk
    // (components/shell/clerk-boundary.tsx).
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? '',
  },
  // The constant security headers on what proxy.ts does not see (scripts, styles, images); it
  // sets them, the CSP and HSTS on everything else (lib/security/headers.ts).
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(CONSTANT_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

// Under `next dev` the Stellar SDK (about 700 modules with stellar-base and js-xdr) is a server
// external: Node loads it once, instead of Turbopack compiling it into the instrumentation's
// graph and the root layout's (the payment rail's description reaches it) before a first start
// can answer — on a loaded 2-core machine that compile was most of the instrumentation's 35 s.
// Production builds keep bundling it, as before: measured only for the dev start.
export default function config(phase: string): NextConfig {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return nextConfig;
  return { ...nextConfig, serverExternalPackages: [...nextConfig.serverExternalPackages!, '@stellar/stellar-sdk'] };
}
