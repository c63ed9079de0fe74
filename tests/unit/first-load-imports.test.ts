import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The root layout leaves the query cache out (components/query/query-client.ts), so two things
// must hold, checked here on the source before any build:
//  - every page that reads the cache has a layout above it that provides it (else the page
//    throws "No QueryClient set" in the browser);
//  - what the root layout and the home page load with them stays free of the modules that kept
//    the home page over its 150 KB budget (scripts/page-budget.mts weighs the real build).

const root = process.cwd();

function resolve(from: string, specifier: string): string {
  const base = specifier.startsWith('@/') ? specifier.slice(2) : specifier.startsWith('.') ? path.join(path.dirname(from), specifier) : null;
  if (base === null) return specifier; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (/\.(ts|tsx|mts|css)$/.test(candidate) && existsSync(path.join(root, candidate))) return candidate;
  }
  return base;
}

const source = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The modules a file imports: static ones (not `import type`), and with `lazy`, import() too. */
function importsOf(file: string, lazy: boolean): string[] {
  const text = source(file).replace(/^\s*\/\/.*$/gm, '');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s*)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  if (lazy) specifiers.push(...[...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]));
  return specifiers.map((s) => resolve(file, s));
}

const isClient = (file: string) => /^['"]use client['"]/.test(source(file).replace(/^(\s*\/\/.*\n|\s*\/\*[\s\S]*?\*\/)*\s*/, ''));
const isSource = (file: string) => /\.(ts|tsx|mts)$/.test(file) && existsSync(path.join(root, file));

/**
 * What a module brings: everything reachable (`lazy`: import() included), or with `clientOnly`
 * the modules reachable inside the client boundary, i.e. the page's JavaScript.
 */
function reach(entry: string, { lazy, clientOnly }: { lazy: boolean; clientOnly: boolean }): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack: [string, boolean][] = [[entry, false]];
  while (stack.length) {
    const [file, inClient] = stack.pop()!;
    const key = `${file}|${inClient}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const client = inClient || (isSource(file) && isClient(file));
    if (!clientOnly || client) found.add(file);
    if (!isSource(file)) continue;
    for (const next of importsOf(file, lazy)) stack.push([next, client]);
  }
  return found;
}

const pages = readdirSync(path.join(root, 'app'), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && /^(page|error|not-found|forbidden|unauthorized|loading|template)\.tsx$/.test(e.name))
  .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
  .filter((file) => !file.startsWith('app/api/'));

/** The layouts above a page, root excluded. */
function layoutsAbove(page: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(page); dir !== 'app'; dir = path.dirname(dir)) {
    if (existsSync(path.join(root, dir, 'layout.tsx'))) out.push(path.join(dir, 'layout.tsx'));
  }
  return out;
}

const readsCache = (file: string) => [...reach(file, { lazy: true, clientOnly: false })].some((m) => m.startsWith('@tanstack/react-query'));

describe('the query cache outside the root layout', () => {
  it('finds the pages that read the query cache', () => {
    expect(readsCache('app/trips/page.tsx')).toBe(true);
    expect(pages.filter(readsCache).length).toBeGreaterThan(15);
  });

  it('provides it above every page that reads it', () => {
    const unprovided = pages.filter(readsCache).filter((page) =>
      !layoutsAbove(page).some((layout) => importsOf(layout, false).includes('components/query/query-provider.tsx')));
    expect(unprovided).toEqual([]);
  });

  it('leaves the query cache, tailwind-merge, next-themes, Radix, next/dynamic and the permission table out of the root layout and the home page', () => {
    const heavy = /^(@tanstack\/react-query|tailwind-merge|next-themes|radix-ui|next\/dynamic|lib\/admin\/permissions)/;
    for (const entry of ['app/layout.tsx', 'app/page.tsx']) {
      const loaded = reach(entry, { lazy: false, clientOnly: true });
      expect(loaded.size, entry).toBeGreaterThan(5);
      expect([...loaded].filter((m) => heavy.test(m)), entry).toEqual([]);
    }
  });

  it('leaves lucide-react out of everything the root layout and the home page import, server components included', () => {
    // lucide-react's Icon base is a client module: a server component that imports any icon puts it
    // in the page's first load (1.2 KB, home's last KB over the 150 KB budget). Those draw with
    // components/ui/drawn-icon.tsx; menus and dialogs that load after the page may use lucide-react.
    // The boundaries every page's HTML names count as well (a 401's icons moved it into every first load).
    for (const entry of ['app/layout.tsx', 'app/page.tsx', 'app/unauthorized.tsx', 'app/not-found.tsx', 'app/forbidden.tsx', 'app/error.tsx', 'app/global-error.tsx']) {
      const loaded = reach(entry, { lazy: false, clientOnly: false });
      if (entry === 'app/layout.tsx' || entry === 'app/page.tsx') expect(loaded.has('components/ui/drawn-icon.tsx'), entry).toBe(true);
      expect([...loaded].filter((m) => m.startsWith('lucide-react')), entry).toEqual([]);
    }
  });

  it('leaves the API client out of the home page: the search form loads it with its first airport request', () => {
    const loaded = reach('app/page.tsx', { lazy: false, clientOnly: true });
    expect(loaded.has('components/search/use-airport-search.ts')).toBe(true);
    expect(loaded.has('components/api/fetch-json.ts')).toBe(false);
  });

  it('leaves the query cache out of the results page: its results are rendered on the server (#15)', () => {
    const loaded = reach('app/search/page.tsx', { lazy: true, clientOnly: true });
    expect(loaded.has('components/results/filters.tsx')).toBe(true);
    expect([...loaded].filter((m) => m.startsWith('@tanstack/react-query'))).toEqual([]);
    // The offer cards themselves are server components: only their frame runs in the browser.
    expect(loaded.has('components/results/offer-card-frame.tsx')).toBe(true);
    expect(loaded.has('components/results/offer-card.tsx')).toBe(false);
  });

  it('keeps the boundaries every page names (error, global error, 401) to a shell: their pages load when shown', () => {
    // A module they share with a page is not shared but copied into each of their chunks.
    for (const entry of ['app/error.tsx', 'app/global-error.tsx', 'app/unauthorized.tsx', 'app/forbidden.tsx', 'app/not-found.tsx']) {
      const loaded = reach(entry, { lazy: false, clientOnly: true });
      expect([...loaded].filter((m) => /^(lucide-react|components\/ui\/|@tanstack|tailwind-merge)/.test(m)), entry).toEqual([]);
    }
  });

  it('keeps the Stellar SDK out of what every page loads just after hydration (the header: wallet sign-in, wallet watch)', () => {
    // The SDK's XDR codec is ~300 KB: on a phone, a long task on every page (Lighthouse /search,
    // session 12). Pages that sign transactions load it with their own code, or on use.
    // The trip page too: its dispute panel signs on the chain only when asked (a 250 ms task on a phone, #15).
    for (const entry of ['app/layout.tsx', 'components/shell/site-header.tsx', 'components/wallet/wallet-sign-in-dialog.tsx', 'components/wallet/wallet-watch.tsx', 'app/trips/[pnr]/page.tsx']) {
      const loaded = reach(entry, { lazy: false, clientOnly: true });
      expect(loaded.size, entry).toBeGreaterThan(3);
      expect([...loaded].filter((m) => m.startsWith('@stellar/stellar-sdk')), entry).toEqual([]);
    }
  });
});
