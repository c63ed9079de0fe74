import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its wasm from its own package directory; bundling it breaks that path.
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'prom-client'],
  // End-to-end builds go to their own folder so they never clobber a developer's .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
