import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LoaderCircleIcon, SunIcon } from 'lucide-react';
import { DrawnIcon } from '@/components/ui/drawn-icon';
import { loaderCircle, sun } from '@/components/ui/drawings';
import { DRAWINGS_FILE, drawingsSource } from '@/scripts/drawings';

// The header, brand, home page and search form draw their icons as plain SVG (no client code),
// from shapes generated out of the installed lucide-react: they must stay what lucide draws.

describe('DrawnIcon', () => {
  it('has the shapes the installed lucide-react has (re-run scripts/draw-icons.mts after upgrading it)', async () => {
    expect(readFileSync(DRAWINGS_FILE, 'utf8')).toBe(await drawingsSource());
  });

  it('renders the markup lucide-react renders', () => {
    const pairs = [
      [createElement(DrawnIcon, { drawing: sun, className: 'size-5', 'aria-hidden': 'true' }), createElement(SunIcon, { className: 'size-5', 'aria-hidden': 'true' })],
      [createElement(DrawnIcon, { drawing: sun }), createElement(SunIcon)],
      [createElement(DrawnIcon, { drawing: sun, 'aria-label': 'Sunny' }), createElement(SunIcon, { 'aria-label': 'Sunny' })],
    ] as const;
    for (const [ours, lucide] of pairs) expect(renderToStaticMarkup(ours)).toBe(renderToStaticMarkup(lucide));
    // hidden unless the caller labels it
    expect(renderToStaticMarkup(pairs[1][0])).toContain('aria-hidden="true"');
    expect(renderToStaticMarkup(pairs[2][0])).not.toContain('aria-hidden');
  });

  it('draws an icon lucide knows under another name by its own name', () => {
    // lucide adds its aliases' classes (Loader2 is loader-circle); ours carries the icon's name only
    const ours = renderToStaticMarkup(createElement(DrawnIcon, { drawing: loaderCircle, className: 'animate-spin' }));
    const theirs = renderToStaticMarkup(createElement(LoaderCircleIcon, { className: 'animate-spin' }));
    expect(ours.replace(/ class="[^"]*"/, '')).toBe(theirs.replace(/ class="[^"]*"/, ''));
    expect(ours).toContain('class="lucide lucide-loader-circle animate-spin"');
  });
});
