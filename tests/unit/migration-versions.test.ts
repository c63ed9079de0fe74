import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The migrator (and the Supabase CLI) records a migration by its timestamp alone: two files with
// the same timestamp would leave the second one never applied on any database that ran the first.
describe('migration file names', () => {
  it('have unique timestamps', () => {
    const versions = readdirSync(path.join(process.cwd(), 'supabase/migrations')).filter((f) => f.endsWith('.sql')).map((f) => f.split('_')[0]);
    const repeated = versions.filter((v, i) => versions.indexOf(v) !== i);
    expect(repeated).toEqual([]);
  });
});
