// A path segment whose percent-encoding does not decode (`%E0%A4%A`, `%ED%A0%80`, `%ZZ`) makes
// Next fail while matching dynamic routes, before any of our code runs: a plain-text 500. And
// Next matches the original URL again inside the route, so a rewrite cannot help. So proxy.ts
// answers such requests itself: it matches the path against the route patterns read from the
// file tree at build time (route-table.ts) to name the parameter the bad segment stands for.
// (Pure functions: the proxy bundles this module.)

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

type Part = { kind: 'static'; text: string } | { kind: 'one' | 'many' | 'any'; name: string };

function parts(pattern: string): Part[] {
  return pattern.split('/').slice(1).map((s): Part => {
    const m = /^\[(\[)?(\.\.\.)?([^\]]+)\]\]?$/.exec(s);
    if (!m) return { kind: 'static', text: s };
    return { kind: m[1] ? 'any' : m[2] ? 'many' : 'one', name: m[3] };
  });
}

// Next's precedence: at the first differing segment, static beats [one] beats [...many] beats [[...any]].
const RANK = { static: 0, one: 1, many: 2, any: 3 } as const;
function byPrecedence(a: Part[], b: Part[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (!a[i] || !b[i]) return a[i] ? 1 : -1;
    const d = RANK[a[i].kind] - RANK[b[i].kind];
    if (d !== 0) return d;
  }
  return 0;
}

/** The names of the params that each segment fills, or null when the pattern does not match. */
function match(route: Part[], segments: string[]): (string | null)[] | null {
  const names: (string | null)[] = [];
  for (let i = 0; i < route.length; i++) {
    const part = route[i];
    if (part.kind === 'many' || part.kind === 'any') {
      const rest = segments.length - i;
      if (rest < (part.kind === 'many' ? 1 : 0)) return null;
      return [...names, ...Array<string>(rest).fill(part.name)];
    }
    const seg = segments[i];
    if (seg === undefined) return null;
    if (part.kind === 'static') {
      if (!decodes(seg) || decodeURIComponent(seg) !== part.text) return null;
      names.push(null);
    } else {
      if (seg === '') return null;
      names.push(part.name);
    }
  }
  return names.length === segments.length ? names : null;
}

export interface MalformedPath {
  /** The route pattern the path matches (`/api/v1/offers/[id]`), or null when none does. */
  route: string | null;
  /** The params whose segments do not decode. */
  params: string[];
}

/** Null when every segment of the raw pathname decodes; else which route and params it hits. */
export function findMalformedParams(pathname: string, patterns: readonly string[]): MalformedPath | null {
  const segments = pathname.replace(/(.)\/$/, '$1').split('/').slice(1);
  if (segments.every(decodes)) return null;
  const routes = patterns.map((p) => ({ pattern: p, parts: parts(p) })).sort((a, b) => byPrecedence(a.parts, b.parts));
  for (const route of routes) {
    const names = match(route.parts, segments);
    if (!names) continue;
    const params = [...new Set(segments.flatMap((s, i) => (decodes(s) || !names[i] ? [] : [names[i]!])))];
    return { route: route.pattern, params };
  }
  return { route: null, params: [] };
}
