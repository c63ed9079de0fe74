import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { twMerge } from 'tailwind-merge';
import { describe, expect, it } from 'vitest';
import { cn } from '@/components/ui/cn';

// cn() replaced tailwind-merge in the browser (components/ui/cn.ts says why). tailwind-merge is
// the reference: on every pair of classes this code base writes that could touch the same style,
// both must keep the same classes in the same order.

const root = process.cwd();

/** Every class-like word in a string literal of the app's components and pages. */
function corpus(): string[] {
  const files = ['components', 'app'].flatMap((dir) =>
    readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.tsx'))
      .map((e) => path.join(e.parentPath, e.name)));
  const words = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/(["'`])((?:(?!\1)[^\n\\])*)\1/g)) {
      for (const w of m[2].split(/\s+/)) if (/^[!-]?[a-z0-9[*@][\w\-[\]/.:&()*=,#%>+@!_]*$/.test(w) && !w.includes('/components/')) words.add(w);
    }
  }
  // Only what tailwind-merge knows as a Tailwind class: it folds a known class given twice into one.
  return [...words].filter((w) => twMerge(w, w) === w).sort();
}

/** Where tailwind-merge 3 is wrong and we are not: it takes Tailwind 3's `bg-gradient-to-*` (an image) for a colour. */
const KNOWN_DIFFERENCES = /\bbg-gradient-to-/;

/** Utilities that may set the same style are compared with each other: the first word of the utility, widened to its relatives. */
const RELATIVES: Record<string, string> = {
  px: 'p', py: 'p', pt: 'p', pr: 'p', pb: 'p', pl: 'p', ps: 'p', pe: 'p',
  mx: 'm', my: 'm', mt: 'm', mr: 'm', mb: 'm', ml: 'm', ms: 'm', me: 'm',
  h: 'w', size: 'w', min: 'w', max: 'w',
  top: 'inset', right: 'inset', bottom: 'inset', left: 'inset', start: 'inset', end: 'inset',
  grow: 'flex', shrink: 'flex', basis: 'flex',
  leading: 'text', truncate: 'text', font: 'text', tracking: 'text', whitespace: 'text', break: 'text', wrap: 'text',
  block: 'display', inline: 'display', hidden: 'display', grid: 'display', table: 'display', contents: 'display', line: 'display', overflow: 'display',
  ring: 'outline', shadow: 'outline', underline: 'decoration', no: 'decoration', translate: 'translate',
};

function family(word: string): string {
  const utility = word.split(/:(?![^[]*\])/).pop()!.replace(/^!|!$/g, '').replace(/^-/, '');
  const first = utility.split('-')[0];
  return RELATIVES[first] ?? first;
}

describe('cn', () => {
  it('joins, skips falsy parts and lets a later class of the same kind win', () => {
    expect(cn('px-2 py-1', false, null, undefined, 'px-4')).toBe('py-1 px-4');
    expect(cn('h-10 px-4', 'h-12 rounded-lg')).toBe('px-4 h-12 rounded-lg');
    expect(cn('text-sm text-muted-foreground', 'text-base')).toBe('text-muted-foreground text-base');
    expect(cn('text-sm', 'text-destructive')).toBe('text-sm text-destructive');
    expect(cn('bg-primary hover:bg-primary/90', 'bg-transparent')).toBe('hover:bg-primary/90 bg-transparent');
  });

  it('keeps the narrower class after a wider one and drops it before one', () => {
    expect(cn('p-4', 'px-2')).toBe('p-4 px-2');
    expect(cn('px-2', 'p-4')).toBe('p-4');
    expect(cn('h-8 w-8', 'size-10')).toBe('size-10');
    expect(cn('leading-tight', 'text-sm')).toBe('text-sm');
  });

  it('compares under the same variants only, in any order of them', () => {
    expect(cn('hover:focus:bg-accent', 'focus:hover:bg-card')).toBe('focus:hover:bg-card');
    expect(cn('md:text-sm', 'text-base')).toBe('md:text-sm text-base');
    expect(cn('[&_svg]:size-4', '[&_svg]:size-5')).toBe('[&_svg]:size-5');
    expect(cn('data-[state=open]:bg-accent', 'data-[state=open]:bg-card')).toBe('data-[state=open]:bg-card');
  });

  it('keeps important, negative and unknown classes apart', () => {
    expect(cn('!mt-2', 'mt-4')).toBe('!mt-2 mt-4');
    expect(cn('mt-2', '-mt-1')).toBe('-mt-1');
    expect(cn('group', 'peer', 'group')).toBe('group peer group');
    expect(cn('my-widget', 'another-one')).toBe('my-widget another-one');
  });

  it('agrees with tailwind-merge on every pair of related classes the code base writes', () => {
    const byFamily = new Map<string, string[]>();
    for (const word of corpus()) byFamily.set(family(word), [...(byFamily.get(family(word)) ?? []), word]);
    let pairs = 0;
    const differ: string[] = [];
    for (const words of byFamily.values()) {
      for (const a of words) {
        for (const b of words) {
          pairs++;
          if (cn(a, b) !== twMerge(a, b) && !KNOWN_DIFFERENCES.test(`${a} ${b}`)) differ.push(`${a} ${b} → ours "${cn(a, b)}", tailwind-merge "${twMerge(a, b)}"`);
        }
      }
    }
    expect(pairs).toBeGreaterThan(10_000);
    expect(differ.slice(0, 200)).toEqual([]);
  });
});
