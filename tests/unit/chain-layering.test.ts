import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// lib/stellar is the one chain module: the indexer and the payment rails build on it, never the
// other way round, and neither reaches into the other. Only lib/config parses the chain settings
// and only lib/stellar/rpc.ts constructs an RPC client. Checked on the source, so a stray import
// fails here rather than growing into a cycle.

const root = process.cwd();

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every module a file imports (static, dynamic, re-export), as a repo path for @/ and relative specifiers. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specifiers.map((s) => (s.startsWith('@/') ? s.slice(2) : s.startsWith('.') ? path.join(path.dirname(file), s) : s));
}

const within = (target: string, dir: string) => target === dir || target.startsWith(`${dir}/`);

const RULES: { from: string; forbidden: string[] }[] = [
  { from: 'lib/stellar', forbidden: ['lib/indexer', 'lib/payments'] },
  { from: 'lib/indexer', forbidden: ['lib/payments'] },
  { from: 'lib/payments', forbidden: ['lib/indexer'] },
];

describe('the chain layering', () => {
  it('finds the imports it checks', () => {
    expect(importsOf('lib/indexer/rpc.ts')).toContain('lib/stellar/rpc');
    expect(importsOf('lib/indexer/job.ts')).toEqual(expect.arrayContaining(['lib/indexer/config', 'lib/indexer/poll']));
  });

  for (const { from, forbidden } of RULES) {
    it(`${from} imports nothing from ${forbidden.join(' or ')}`, () => {
      const offending = sources(from).flatMap((file) =>
        importsOf(file).filter((target) => forbidden.some((dir) => within(target, dir))).map((target) => `${file} → ${target}`));
      expect(offending).toEqual([]);
    });
  }

  it('parses the chain settings only in lib/config', () => {
    const readers = ['lib', 'app', 'components'].flatMap(sources)
      .filter((file) => !within(file, 'lib/config'))
      .filter((file) => {
        const text = readFileSync(path.join(root, file), 'utf8');
        return /process\.env(\.|\[['"])(STELLAR_|TRAQORA_CONTRACT_IDS|INDEXER_)/.test(text) // a direct read
          || /\b(STELLAR_[A-Z_]+|TRAQORA_CONTRACT_IDS|INDEXER_[A-Z_]+)\s*:\s*z\./.test(text); // a second schema
      });
    expect(readers).toEqual([]);
  });

  it('constructs an RPC client only in lib/stellar/rpc.ts', () => {
    const constructors = ['lib', 'app', 'components'].flatMap(sources)
      .filter((file) => /new\s+(rpc\.)?Server\s*\(/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(constructors).toEqual(['lib/stellar/rpc.ts']);
  });
});
