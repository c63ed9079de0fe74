import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '@/lib/config/env';

// The README's configuration table, .env.example and the validated schema must name the same
// variables: a newcomer reads the first two, the server obeys the third.

const readme = readFileSync('README.md', 'utf8');
const example = readFileSync('.env.example', 'utf8');

/** Variables named in the first column of the README's "## Configuration" table. */
function readmeVariables(): Set<string> {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const first = /^\|([^|]+)\|/.exec(line)?.[1] ?? '';
    for (const m of first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(m[1]);
  }
  return names;
}

/** Variables .env.example assigns (commented out or not). */
function exampleVariables(): Set<string> {
  return new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
}

// Set by the platform, not by people writing a .env.
const PLATFORM_SET = new Set(['NODE_ENV']);

describe('configuration docs', () => {
  it('the README table documents every variable the schema validates', () => {
    const table = readmeVariables();
    const missing = Object.keys(envSchema.shape).filter((v) => !table.has(v));
    expect(missing).toEqual([]);
  });

  it('.env.example lists every variable of the README table', () => {
    const listed = exampleVariables();
    const missing = [...readmeVariables()].filter((v) => !PLATFORM_SET.has(v) && !listed.has(v));
    expect(missing).toEqual([]);
  });

  it('.env.example lists nothing the README does not document', () => {
    const table = readmeVariables();
    expect([...exampleVariables()].filter((v) => !table.has(v))).toEqual([]);
  });
});
