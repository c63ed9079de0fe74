// A path segment whose percent-encoding does not decode (`%E0%A4%A`, `%ED%A0%80`, `%ZZ`) makes
// Next fail while matching dynamic routes, before any of our code runs: a plain-text 500. So
// proxy.ts escapes such segments (every `%` → `%25`, so Next decodes them back to their raw
// text) and names them in a request header; the route that Next then matches refuses them in
// handler(), which knows the parameter's name. No route table: Next's own matching decides
// which parameter the segment is. (Pure functions: the proxy bundles this module too.)

/** Request header carrying the raw malformed segments, each URI-encoded, comma-separated. */
export const MALFORMED_SEGMENTS_HEADER = 'x-traqora-malformed-segments';

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The pathname with its undecodable segments escaped, and those segments; null when all decode. */
export function escapeMalformedSegments(pathname: string): { pathname: string; malformed: string[] } | null {
  const segments = pathname.split('/');
  const malformed = segments.filter((s) => !decodes(s));
  if (malformed.length === 0) return null;
  return { pathname: segments.map((s) => (decodes(s) ? s : s.replaceAll('%', '%25'))).join('/'), malformed };
}

export function malformedSegmentsHeader(malformed: readonly string[]): string {
  return malformed.map(encodeURIComponent).join(',');
}

/**
 * The names of route params that arrived as malformed segments: the proxy named their raw text
 * and it still does not decode. (A client forging the header can only get its own request refused.)
 */
export function malformedParams(header: string | null, params: Record<string, string | string[] | undefined>): string[] {
  if (!header) return [];
  const raw = new Set(header.split(',').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return '';
    }
  }));
  return Object.entries(params)
    .filter(([, value]) => [value ?? []].flat().some((v) => raw.has(v) && !decodes(v)))
    .map(([name]) => name);
}
