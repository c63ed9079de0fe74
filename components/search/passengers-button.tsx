'use client';

import * as React from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useSearchIcons } from './search-icons-context';
import { passengerSummary } from './search-schema';

export interface Passengers {
  adults: number;
  children: number;
  infants: number;
}

export interface PassengersPickerProps {
  value: Passengers;
  onChange: (next: Passengers) => void;
  error?: string;
}

/** The picker's face: who is travelling. Radix's trigger (passengers-popover.tsx) passes its props through. */
export function PassengersButton({ passengers, error, className, ...props }: { passengers: Passengers; error?: string } & Omit<React.ComponentProps<typeof Button>, 'value'>) {
  const icons = useSearchIcons();
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? 'passengers-error' : undefined}
      {...props}
      className={cn('gap-1.5 px-2.5 text-sm font-normal sm:px-3', error && 'text-destructive', className)}
    >
      {icons.passengers}
      <span className="sr-only">Passengers: </span>
      {passengerSummary(passengers)}
      {icons.open}
    </Button>
  );
}
