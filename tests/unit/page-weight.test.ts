import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { weigh } from '@/scripts/page-weight';

const dist = mkdtempSync(path.join(tmpdir(), 'page-weight-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));
mkdirSync(path.join(dist, 'static', 'chunks'), { recursive: true });
const big = 'x'.repeat(50_000) + Math.random().toString(36).repeat(2_000); // compressible, but not to nothing
const chunk = (name: string, body: string) => writeFileSync(path.join(dist, 'static', 'chunks', name), body);
chunk('a1.js', big);
chunk('b2.js', 'console.log(1)');
chunk('lazy.js', big + big);

describe('weigh (the page budget’s measure)', () => {
  it('adds up the gzip of every chunk the HTML references, once each, from script tags and the RSC payload', () => {
    const html = `<script src="/_next/static/chunks/a1.js" async></script><script src="/_next/static/chunks/b2.js"></script>
      <script>self.__next_f.push([1,"2:I[\\"/_next/static/chunks/a1.js\\",\\"/_next/static/chunks/b2.js\\"]"])</script>`;
    const w = weigh('home', html, dist);
    const expected = (gzipSync(big).length + gzipSync('console.log(1)').length) / 1024;
    expect(w.scripts).toBe(2);
    expect(w.gzipKb).toBeCloseTo(expected, 6);
    expect(w.files.map((f: { file: string }) => f.file)).toEqual(['a1.js', 'b2.js']); // largest first
  });

  it('does not count chunks the HTML never names (loaded later by next/dynamic)', () => {
    const w = weigh('home', '<script src="/_next/static/chunks/b2.js"></script>', dist);
    expect(w.files.map((f: { file: string }) => f.file)).toEqual(['b2.js']);
  });

  it('leaves out nomodule scripts (legacy polyfills every module-capable browser skips)', () => {
    const html = '<script src="/_next/static/chunks/b2.js" async=""></script><script src="/_next/static/chunks/lazy.js" noModule=""></script>';
    const w = weigh('home', html, dist);
    expect(w.files.map((f: { file: string }) => f.file)).toEqual(['b2.js']);
  });

  it('fails loudly when the HTML names a chunk the build does not have (a stale build)', () => {
    expect(() => weigh('home', '<script src="/_next/static/chunks/gone.js"></script>', dist)).toThrow(/ENOENT/);
  });
});
