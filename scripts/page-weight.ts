// What a page costs to load: the script chunks its HTML references, gzipped (scripts/page-budget.mts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const CHUNK = /\/_next\/static\/chunks\/[\w.-]+\.js/;
const CHUNK_ALL = new RegExp(CHUNK.source, 'g');

export interface RouteWeight { route: string; scripts: number; gzipKb: number; files: { file: string; kb: number }[] }

/**
 * Every chunk the page's HTML references (script tags and the RSC payload's client references), gzipped.
 * Scripts marked `nomodule` (Next's legacy polyfills) are left out: every browser that runs
 * modules, which is every browser the app supports, skips them without downloading.
 */
export function weigh(route: string, page: string, dist: string): RouteWeight {
  const legacy = new Set([...page.matchAll(/<script\b[^>]*\bnomodule\b[^>]*>/gi)].flatMap((tag) => tag[0].match(CHUNK) ?? []));
  const chunks = [...new Set(page.match(CHUNK_ALL) ?? [])].filter((url) => !legacy.has(url));
  const files = chunks.map((url) => {
    const file = path.join(dist, 'static', url.replace('/_next/static/', ''));
    return { file: url.replace('/_next/static/chunks/', ''), kb: gzipSync(readFileSync(file)).length / 1024 };
  }).sort((a, b) => b.kb - a.kb);
  return { route, scripts: files.length, gzipKb: files.reduce((n, f) => n + f.kb, 0), files };
}
