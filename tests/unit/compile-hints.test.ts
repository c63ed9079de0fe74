import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCompileHints, HINT, MIN_BYTES } from '@/scripts/compile-hints.mjs';

// npm run build's last step (#15): big browser chunks start with V8's compile hint, and their
// source maps move down the line it adds, so profiles and stack traces still point at the source.
describe('compile hints', () => {
  let dist: string;
  let chunks: string;
  const big = `(globalThis.TURBOPACK||[]).push([1,(e)=>{${'let a=1;'.repeat(MIN_BYTES / 8)}}]);\n//# sourceMappingURL=big.js.map`;
  const small = `(globalThis.TURBOPACK||[]).push([2,(e)=>{}]);\n//# sourceMappingURL=small.js.map`;

  beforeEach(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'compile-hints-'));
    chunks = path.join(dist, 'static', 'chunks');
    mkdirSync(path.join(chunks, 'app'), { recursive: true });
    writeFileSync(path.join(chunks, 'big.js'), big);
    writeFileSync(path.join(chunks, 'big.js.map'), JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA,CAAC;AACD' }));
    writeFileSync(path.join(chunks, 'small.js'), small);
    writeFileSync(path.join(chunks, 'small.js.map'), JSON.stringify({ version: 3, sources: ['b.ts'], names: [], mappings: 'AAAA' }));
    // An index map, as some bundlers write: its sections carry their own line offsets.
    writeFileSync(path.join(chunks, 'app', 'nested.js'), big.replace('big.js.map', 'nested.js.map'));
    writeFileSync(path.join(chunks, 'app', 'nested.js.map'), JSON.stringify({
      version: 3, sections: [{ offset: { line: 0, column: 0 }, map: { version: 3, sources: ['c.ts'], names: [], mappings: 'AAAA' } },
        { offset: { line: 1, column: 0 }, map: { version: 3, sources: ['d.ts'], names: [], mappings: 'AAAA' } }],
    }));
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('marks chunks of at least MIN_BYTES, in subfolders too, and leaves small ones as they are', () => {
    expect(addCompileHints(dist)).toBe(2);
    expect(readFileSync(path.join(chunks, 'big.js'), 'utf8')).toBe(`${HINT}\n${big}`);
    expect(readFileSync(path.join(chunks, 'app', 'nested.js'), 'utf8').startsWith(`${HINT}\n(globalThis`)).toBe(true);
    expect(readFileSync(path.join(chunks, 'small.js'), 'utf8')).toBe(small);
    expect(JSON.parse(readFileSync(path.join(chunks, 'small.js.map'), 'utf8')).mappings).toBe('AAAA');
  });

  it('moves each marked chunk’s source map down one line', () => {
    addCompileHints(dist);
    expect(JSON.parse(readFileSync(path.join(chunks, 'big.js.map'), 'utf8')).mappings).toBe(';AAAA,CAAC;AACD');
    const nested = JSON.parse(readFileSync(path.join(chunks, 'app', 'nested.js.map'), 'utf8')) as { sections: { offset: { line: number } }[] };
    expect(nested.sections.map((s) => s.offset.line)).toEqual([1, 2]);
  });

  it('changes nothing when run again', () => {
    addCompileHints(dist);
    const before = ['big.js', 'big.js.map', 'app/nested.js', 'app/nested.js.map'].map((f) => readFileSync(path.join(chunks, f), 'utf8'));
    expect(addCompileHints(dist)).toBe(0);
    expect(['big.js', 'big.js.map', 'app/nested.js', 'app/nested.js.map'].map((f) => readFileSync(path.join(chunks, f), 'utf8'))).toEqual(before);
  });

  it('answers 0 for a dist without chunks', () => {
    expect(addCompileHints(path.join(dist, 'missing'))).toBe(0);
  });
});
