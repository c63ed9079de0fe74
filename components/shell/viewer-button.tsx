import type * as React from 'react';
import { Button } from '@/components/ui/button';
import { initials } from './role-label';

/**
 * The signed-in viewer's button: drawn by the header on the server until the menu's code loads
 * on first use, then by the menu itself (viewer-menu.tsx), so both are the same button.
 */
export function ViewerButton({ name, ...props }: { name: string } & React.ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" className="gap-2 px-2" {...props}>
      <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-secondary text-xs font-semibold text-secondary-foreground">
        {initials(name)}
      </span>
      <span className="sr-only">Account: </span>
      {/* The name is always in the button's accessible name; on narrower screens only the initials show. */}
      <span className="sr-only max-w-40 truncate lg:not-sr-only">{name}</span>
    </Button>
  );
}
