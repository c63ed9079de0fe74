import { createElement as h, createRef, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { cva } from 'class-variance-authority';
import { describe, expect, it, vi } from 'vitest';
import { Button, buttonVariants } from '@/components/ui/button';
import { Slot } from '@/components/ui/slot';

// `asChild` (components/ui/slot.tsx): the child element is what renders, with the component's
// props merged in the way Radix's Slot merged them before (links styled as buttons, a Radix
// trigger's handlers and ref reaching the element through a Button).

type Props = Record<string, unknown>;
const merged = (slotProps: Props, child: ReactElement) => (Slot({ ...slotProps, children: child }) as ReactElement<Props>).props;

describe('Slot', () => {
  it('renders the child with the button look: a link, not a button inside a link', () => {
    const html = renderToStaticMarkup(h(Button, { asChild: true, variant: 'outline' }, h('a', { href: '/trips', className: 'w-full' }, 'My trips')));
    expect(html).toMatch(/^<a [^>]*>My trips<\/a>$/);
    expect(html).toContain('href="/trips"');
    expect(html).toContain('data-slot="button"');
    expect(html).toMatch(/class="[^"]*border-input[^"]* h-10 px-4 w-full"/);
    expect(html).not.toContain('type=');
  });

  it('calls both handlers, the child’s first, and keeps what the child returns', () => {
    const calls: string[] = [];
    const props = merged({ onClick: () => calls.push('slot') }, h('a', { onClick: () => { calls.push('child'); return 'child result'; } }));
    expect((props.onClick as () => unknown)()).toBe('child result');
    expect(calls).toEqual(['child', 'slot']);
  });

  it('lets the child’s own props win, joins class names and merges styles', () => {
    const props = merged({ id: 'outer', className: 'a', style: { color: 'red', margin: 0 } }, h('a', { id: 'inner', className: 'b', style: { color: 'blue' } }));
    expect(props).toMatchObject({ id: 'inner', className: 'a b', style: { color: 'blue', margin: 0 } });
  });

  it('gives the element to both refs', () => {
    const outer = createRef<unknown>();
    const inner = vi.fn();
    const props = merged({ ref: outer }, h('a', { ref: inner }));
    (props.ref as (node: unknown) => void)('the element');
    expect(outer.current).toBe('the element');
    expect(inner).toHaveBeenCalledWith('the element');
  });

  it('renders nothing without an element to render', () => {
    expect(Slot({ children: 'text' })).toBeNull();
  });
});

describe('buttonVariants', () => {
  // What class-variance-authority made from the same tables before buttons stopped using it.
  const VARIANTS = ['default', 'destructive', 'outline', 'secondary', 'ghost', 'link'] as const;
  const SIZES = ['default', 'sm', 'lg', 'icon', 'icon-sm'] as const;
  const base = buttonVariants({ variant: null, size: null });
  const part = (look: { variant?: (typeof VARIANTS)[number] | null; size?: (typeof SIZES)[number] | null }) =>
    buttonVariants(look).slice(base.length).trim();
  const reference = cva(base, {
    variants: {
      variant: Object.fromEntries(VARIANTS.map((v) => [v, part({ variant: v, size: null })])),
      size: Object.fromEntries(SIZES.map((z) => [z, part({ variant: null, size: z })])),
    },
    defaultVariants: { variant: 'default', size: 'default' },
  });

  it('gives every look the classes cva gave it, defaults and left-out parts included', () => {
    for (const variant of [undefined, null, ...VARIANTS]) {
      for (const size of [undefined, null, ...SIZES]) {
        expect(buttonVariants({ variant, size, className: 'w-full' })).toBe(reference({ variant, size, className: 'w-full' }));
      }
    }
    expect(buttonVariants()).toContain('bg-primary');
    expect(buttonVariants()).toContain('h-10 px-4');
  });
});
