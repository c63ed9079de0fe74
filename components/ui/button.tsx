import * as React from 'react';
import { cn } from './cn';
import { Slot } from './slot';

// The looks, as plain tables rather than class-variance-authority: buttons are in every page's
// first JavaScript (#14's 150 KB budget). tests/unit/slot.test.ts holds the classes to what cva made.
const BASE =
  'inline-flex shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-md text-sm font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background disabled:pointer-events-none disabled:opacity-50 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*=size-])]:size-4';
const VARIANTS = {
  default: 'bg-primary text-primary-foreground shadow-sm hover:bg-primary/90',
  destructive: 'bg-destructive text-destructive-foreground shadow-sm hover:bg-destructive/90',
  outline: 'border border-input bg-card shadow-xs hover:bg-accent hover:text-accent-foreground',
  secondary: 'bg-secondary text-secondary-foreground hover:bg-secondary/80',
  ghost: 'hover:bg-accent hover:text-accent-foreground',
  link: 'text-primary underline-offset-4 hover:underline',
};
const SIZES = {
  default: 'h-10 px-4',
  sm: 'h-8 rounded-md px-3 text-xs',
  lg: 'h-12 rounded-lg px-6 text-base',
  icon: 'size-10',
  'icon-sm': 'size-8',
};

export interface ButtonLook {
  variant?: keyof typeof VARIANTS | null;
  size?: keyof typeof SIZES | null;
}

/** A button's classes, for elements that look like one (links); `null` leaves that part out. */
export function buttonVariants({ variant, size, className }: ButtonLook & { className?: string } = {}): string {
  return [BASE, variant === null ? '' : VARIANTS[variant ?? 'default'], size === null ? '' : SIZES[size ?? 'default'], className].filter(Boolean).join(' ');
}

export interface ButtonProps extends React.ComponentProps<'button'>, ButtonLook {
  /** Render the child element (a link, say) with button styling instead of a <button>. */
  asChild?: boolean;
}

export function Button({ className, variant, size, asChild = false, type, ...props }: ButtonProps) {
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      data-slot="button"
      // A bare <button> inside a form submits it; default to "button" so only explicit submits do.
      type={asChild ? undefined : (type ?? 'button')}
      className={cn(buttonVariants({ variant, size }), className)}
      {...props}
    />
  );
}
