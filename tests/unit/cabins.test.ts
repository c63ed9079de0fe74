import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CABIN_CODES, CABINS, cabinLabel, isCabin } from '@/lib/flights/cabins';
import { searchQuerySchema } from '@/lib/flights/search-schema';
import { searchFromParams } from '@/components/search/search-schema';

// One cabin list for the API, the form and the receipts; the database states the same codes in
// its check constraints, which this keeps equal to the list.

function sqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sqlFiles(full) : name.endsWith('.sql') ? [full] : [];
  });
}

describe('CABINS', () => {
  it('lists the codes the database accepts, wherever the SQL checks a cabin', () => {
    const lists = sqlFiles(path.join(process.cwd(), 'supabase')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/cabin\s+(?:not\s+)?in\s*\(([^)]*)\)/gi)].map((m) => ({
        file: path.basename(file),
        codes: [...m[1].matchAll(/'([a-z_]+)'/g)].map((c) => c[1]),
      })),
    );
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list.codes, list.file).toEqual(CABIN_CODES);
  });

  it('is what the search API accepts, and its refusal names every choice', () => {
    for (const code of CABIN_CODES) expect(searchQuerySchema.parse({ from: 'JFK', to: 'LHR', date: '2026-12-07', cabin: code }).cabin).toBe(code);
    const r = searchQuerySchema.safeParse({ from: 'JFK', to: 'LHR', date: '2026-12-07', cabin: 'luxury' });
    expect(r.error?.issues[0]).toMatchObject({ path: ['cabin'], message: 'must be economy, premium_economy, business or first' });
  });

  it('is what the search form takes from a URL', () => {
    for (const code of CABIN_CODES) expect(searchFromParams(new URLSearchParams(`cabin=${code}`)).cabin).toBe(code);
    expect(searchFromParams(new URLSearchParams('cabin=luxury')).cabin).toBeUndefined();
  });

  it('names each cabin for travellers, and shows an unknown code as it came', () => {
    expect(CABINS.map((c) => cabinLabel(c.code))).toEqual(['Economy', 'Premium economy', 'Business', 'First']);
    expect(cabinLabel('steerage')).toBe('steerage');
    expect(isCabin('business')).toBe(true);
    expect(isCabin('Business')).toBe(false);
    expect(isCabin(null)).toBe(false);
  });
});
