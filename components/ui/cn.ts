import { clsx, type ClassValue } from 'clsx';
import { classGroup } from './class-group';

// Every page's first JavaScript carries this (buttons, inputs, banners use it), so it is ours and
// small rather than tailwind-merge, whose full table of Tailwind's utilities weighs 8 KB gzipped
// (#14's 150 KB page budget). class-group.ts knows the utilities this app writes; a class it does
// not know is kept as written, as clsx alone would. tests/unit/cn.test.ts holds it to
// tailwind-merge's answers for every pair of classes the code base uses.

/** Position-sensitive variants (`before:`, `*:`…) keep their place; the others are ordered so `hover:focus:` = `focus:hover:`. */
const ORDERED = /^(\*|\*\*|after|backdrop|before|details-content|file|first-letter|first-line|marker|placeholder|selection|\[.*\])$/;

function variantKey(variants: string[]): string {
  const out: string[] = [];
  let run: string[] = [];
  for (const v of variants) {
    if (ORDERED.test(v)) {
      out.push(...run.sort(), v);
      run = [];
    } else run.push(v);
  }
  return [...out, ...run.sort()].join(':');
}

/** `md:hover:!-mt-2` → variants ['md', 'hover'], important, utility `mt-2`. Colons inside brackets belong to the value. */
function parse(token: string): { variants: string[]; important: boolean; utility: string } {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ':' && depth === 0) {
      parts.push(token.slice(start, i));
      start = i + 1;
    }
  }
  let utility = token.slice(start);
  let important = false;
  if (utility.startsWith('!')) [important, utility] = [true, utility.slice(1)];
  if (utility.endsWith('!')) [important, utility] = [true, utility.slice(0, -1)];
  if (utility.startsWith('-')) utility = utility.slice(1);
  return { variants: parts, important, utility };
}

/**
 * Joins class names; a later Tailwind class overrides an earlier one of the same kind under the
 * same variants (`px-2` then `px-4`, `p-2` then `px-4` keeps both, `px-4` then `p-2` only `p-2`).
 */
export function cn(...inputs: ClassValue[]): string {
  const joined = clsx(inputs);
  const known = merged.get(joined);
  if (known !== undefined) return known;
  const result = merge(joined);
  // Pages ask for the same few hundred strings (every button of a variant is one), so the answer
  // is kept: hydration merged each again, 17–31 ms of a phone's main thread on `/` (#15,
  // bench/main-thread.mts). Cleared, not grown, past MAX_MERGED, so a long session stays bounded.
  if (merged.size >= MAX_MERGED) merged.clear();
  merged.set(joined, result);
  return result;
}

const MAX_MERGED = 1000;
const merged = new Map<string, string>();

function merge(joined: string): string {
  const tokens = joined.split(/\s+/).filter(Boolean);
  const taken = new Set<string>();
  const kept: string[] = [];
  // From the last class back: each known class claims its kind (and the kinds it covers) for its variants.
  for (let i = tokens.length - 1; i >= 0; i--) {
    const { variants, important, utility } = parse(tokens[i]);
    const group = classGroup(utility);
    if (!group) {
      kept.push(tokens[i]);
      continue;
    }
    const prefix = `${variantKey(variants)}${important ? '!' : ''}|`;
    if (taken.has(prefix + group.id)) continue;
    kept.push(tokens[i]);
    for (const id of [group.id, ...group.covers]) taken.add(prefix + id);
  }
  return kept.reverse().join(' ');
}

export type { ClassValue };
