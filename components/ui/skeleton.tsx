import * as React from 'react';
import { cn } from './cn';

/** A placeholder block while data loads; hidden from assistive tech, so announce loading elsewhere. */
export function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return <div data-slot="skeleton" aria-hidden="true" className={cn('animate-pulse rounded-md bg-muted', className)} {...props} />;
}
