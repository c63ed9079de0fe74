import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // One import style: `@/…` across folders, `./…` within one. `../` hides where a module lives.
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '../**'], message: 'Import across folders with @/… (tsconfig paths), not ../' }] }],
    },
  },
  globalIgnores(['lib/db/types.gen.ts', '.next-*/**', '.next/**', 'node_modules/**', 'contracts/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
]);
