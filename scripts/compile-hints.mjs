#!/usr/bin/env node
// Runs after `next build` (npm run build): marks every browser chunk with V8's explicit compile
// hint, `//# allFunctionsCalledOnLoad` (Chrome 136+), so that Chrome compiles all of a chunk's
// functions while the script streams in, on a background thread, instead of lazily on the main
// thread the first time each is called.
//
// Why (#15, the phone's Total Blocking Time): Turbopack wraps every module in a function, and
// V8 compiles a function only when it is first called. Starting the app calls React DOM's and
// the router's module functions one after another, so their compilation landed in the page's
// biggest main-thread task before hydration, which on a phone is hundreds of milliseconds
// (bench/main-thread.mts: `instantiateModule`'s own time in that task is this compilation).
// Only chunks of MIN_BYTES or more are marked: compiling is roughly proportional to code size,
// the first load's three framework chunks (React DOM, Next's router, the runtime's shared code:
// 110–210 KB each) are most of it, and the marker itself is bytes in the page budget (#14: each
// costs ~30 gzipped bytes against a 150 KB budget the home page fills to 149.7). Whether a chunk
// is in the first load or loads on first use does not matter: a chunk is fetched only when one of
// its modules is about to run. Browsers without the hint read a comment.
//
// The comment must be the file's first line, so each chunk's source map gains one line at the
// top (its `mappings` start with one more ';', or an index map's sections move down a line),
// keeping stack traces and profiles mapped. Running it twice changes nothing.
//   node scripts/compile-hints.mjs [dist dir]    (default: $NEXT_DIST_DIR or .next)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const HINT = '//# allFunctionsCalledOnLoad';
export const MIN_BYTES = 32 * 1024;

/** Shifts a source map (plain or index map) down by one generated line. */
function shiftMap(map) {
  if (Array.isArray(map.sections)) {
    for (const section of map.sections) section.offset = { ...section.offset, line: (section.offset?.line ?? 0) + 1 };
  } else if (typeof map.mappings === 'string') {
    map.mappings = `;${map.mappings}`;
  }
  return map;
}

function* chunks(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* chunks(file);
    else if (entry.name.endsWith('.js')) yield file;
  }
}

/** Adds the hint to every chunk under <dist>/static/chunks; answers how many it changed. */
export function addCompileHints(dist) {
  let changed = 0;
  for (const file of chunks(path.join(dist, 'static', 'chunks'))) {
    const code = readFileSync(file, 'utf8');
    if (code.startsWith(HINT) || Buffer.byteLength(code) < MIN_BYTES) continue;
    writeFileSync(file, `${HINT}\n${code}`);
    const mapName = code.match(/\/\/# sourceMappingURL=([^\s'"]+)\s*$/)?.[1];
    const mapFile = mapName && !mapName.startsWith('data:') ? path.join(path.dirname(file), mapName) : undefined;
    if (mapFile && existsSync(mapFile)) writeFileSync(mapFile, JSON.stringify(shiftMap(JSON.parse(readFileSync(mapFile, 'utf8')))));
    changed++;
  }
  return changed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? '.next';
  const changed = addCompileHints(dist);
  console.log(`compile hints: ${changed} chunk(s) in ${dist}/static/chunks marked ${HINT}`);
}
