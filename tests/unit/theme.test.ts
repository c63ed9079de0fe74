import { describe, expect, it } from 'vitest';
import { resolveTheme, savedTheme, type Theme } from '@/components/shell/theme';
import { THEME_KEY, themeScript } from '@/components/shell/theme-script';

// The theme is applied twice by two pieces of code: the inline script before the first paint,
// and components/shell/theme.ts afterwards. They must agree, or the page flips on hydration.

function runScript(saved: string | null, systemDark: boolean, storageThrows = false) {
  const classes = new Set<string>(['light']);
  const root = { classList: { add: (c: string) => classes.add(c), remove: (...cs: string[]) => cs.forEach((c) => classes.delete(c)) }, style: { colorScheme: '' } };
  const localStorage = { getItem: (k: string) => { if (storageThrows) throw new Error('denied'); return k === THEME_KEY ? saved : null; } };
  const matchMedia = (q: string) => ({ matches: q === '(prefers-color-scheme: dark)' && systemDark });
  new Function('localStorage', 'matchMedia', 'document', themeScript)(localStorage, matchMedia, { documentElement: root });
  return { classes: [...classes], colorScheme: root.style.colorScheme };
}

describe('the theme', () => {
  const cases: [string | null, boolean][] = [[null, false], [null, true], ['system', true], ['system', false], ['light', true], ['dark', false], ['nonsense', true]];
  it.each(cases)('saved %s with a dark system %s: the script shows what theme.ts resolves', (saved, systemDark) => {
    (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => saved };
    try {
      const theme: Theme = savedTheme();
      const expected = resolveTheme(theme, systemDark);
      expect(runScript(saved, systemDark)).toEqual({ classes: [expected], colorScheme: expected });
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });

  it('follows the system when storage is refused', () => {
    expect(savedTheme()).toBe('system'); // no localStorage at all here
    expect(runScript('dark', true, true).classes).toEqual(['dark']);
    expect(runScript('dark', false, true).classes).toEqual(['light']);
  });
});
