import type * as React from 'react';
import { Button } from '@/components/ui/button';
import { DrawnIcon } from '@/components/ui/drawn-icon';
import { flaskConical } from '@/components/ui/drawings';
import type { Persona } from './persona';

/**
 * The dev persona switcher's button: drawn by the header on the server until the menu's code
 * loads on first use, then by the menu itself (persona-switcher.tsx), so both are the same button.
 */
export function PersonaButton({ persona, ...props }: { persona: Persona | undefined } & React.ComponentProps<typeof Button>) {
  return (
    <Button variant="outline" size="sm" className="border-dashed border-warning/70 bg-transparent" {...props}>
      <DrawnIcon drawing={flaskConical} className="text-warning" aria-hidden="true" />
      <span>
        <span className="text-muted-foreground">Dev:</span> {persona ? persona.label : 'Sign in as…'}
      </span>
    </Button>
  );
}
