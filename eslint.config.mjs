import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['lib/db/types.gen.ts', '.next-*/**', '.next/**', 'node_modules/**', 'contracts/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
]);
