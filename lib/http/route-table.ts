import { readdirSync } from 'node:fs';
import path from 'node:path';

// The app's API routes as Next names them (`/api/v1/offers/[id]`), read from the file tree.
// next.config.ts calls this at build time and hands the list to proxy.ts, which cannot ask
// Next which route a path matches (see malformed-path.ts); the fuzz test enumerates it too.

/** Every `route.ts` under `dir`, as its URL pattern (route groups and private folders left out). */
export function apiRoutePatterns(appDir: string, sub = 'api'): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(appDir, rel), { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith('_')) walk(path.join(rel, entry.name));
      else if (entry.isFile() && /^route\.(ts|js)$/.test(entry.name)) found.push(rel);
    }
  };
  walk(sub);
  return found
    .map((rel) => '/' + rel.split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join('/'))
    .sort();
}
