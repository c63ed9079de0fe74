import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its wasm from its own package directory; bundling it breaks that path.
  serverExternalPackages: ['@electric-sql/pglite', 'pino', 'prom-client'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
